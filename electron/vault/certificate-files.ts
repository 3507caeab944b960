import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../shared/ipc/errors'
import { writeFileDurably } from './durable-write'

/** Stored certificate files (PEM). Certificates are public; their private keys live in SecretStore. */
export interface CertificateFiles {
  write(id: string, pem: string): Promise<void>
  read(id: string): Promise<string>
  remove(id: string): Promise<void>
}

export class FolderCertificateFiles implements CertificateFiles {
  constructor(private readonly folder: string) {}

  /** Durable (a crash leaves the old file or the new one), and the owner's alone (0600). */
  write(id: string, pem: string): Promise<void> {
    return writeFileDurably(this.#path(id), pem)
  }

  async read(id: string): Promise<string> {
    try {
      return await readFile(this.#path(id), 'utf8')
    } catch {
      throw new AppError(
        'CERT_NOT_FOUND',
        'The certificate file is missing from the data folder.',
        {
          certificateId: id,
        },
      )
    }
  }

  async remove(id: string): Promise<void> {
    await rm(this.#path(id), { force: true })
  }

  #path(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('CERT_NOT_FOUND', 'No such certificate.')
    return join(this.folder, `${id}.pem`)
  }
}

export class MemoryCertificateFiles implements CertificateFiles {
  readonly #files = new Map<string, string>()

  write(id: string, pem: string): Promise<void> {
    this.#files.set(id, pem)
    return Promise.resolve()
  }

  read(id: string): Promise<string> {
    const pem = this.#files.get(id)
    return pem === undefined
      ? Promise.reject(new AppError('CERT_NOT_FOUND', 'No such certificate.'))
      : Promise.resolve(pem)
  }

  remove(id: string): Promise<void> {
    this.#files.delete(id)
    return Promise.resolve()
  }
}
