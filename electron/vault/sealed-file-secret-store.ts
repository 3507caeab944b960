import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { AppError, isAppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import { moveCorruptFileAside } from './corrupt-file'
import type { Sealer } from './sealer'
import type { SecretStore } from './secret-store'

const SecretsDocument = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), z.string()),
})
type SecretsDocument = z.infer<typeof SecretsDocument>

export const secretsFileName = 'secrets.sealed'

/**
 * All secrets in one file of their own, sealed as a whole (names included: they reveal which
 * companies have which credentials). Writes are serialised and atomic (temp file + rename).
 */
export class SealedFileSecretStore implements SecretStore {
  #secrets: Map<string, string> | undefined
  #queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly path: string,
    private readonly sealer: Sealer,
    private readonly clock: Clock,
  ) {}

  /**
   * Reads the file now, so a problem is known at start rather than at the first login.
   * A file that is not sealed data is moved aside (returned as an AppError to report);
   * a file that does not open with this key is left untouched and the error is thrown.
   */
  async open(): Promise<AppError | undefined> {
    try {
      await this.#load()
      return undefined
    } catch (error) {
      if (!isAppError(error) || error.code !== 'SECRETS_CORRUPT') throw error
      const movedTo = moveCorruptFileAside(this.path, this.clock.now())
      this.#secrets = new Map()
      return new AppError(
        'SECRETS_CORRUPT',
        `The secrets file was unreadable; it was moved to ${movedTo ?? this.path}. Credentials stored in it must be loaded again.`,
        { movedTo },
      )
    }
  }

  get(name: string): Promise<string | undefined> {
    return this.#serial(async () => (await this.#load()).get(name))
  }

  set(name: string, value: string): Promise<void> {
    return this.#serial(async () => {
      const secrets = new Map(await this.#load())
      secrets.set(name, value)
      await this.#save(secrets)
    })
  }

  delete(name: string): Promise<boolean> {
    return this.#serial(async () => {
      const secrets = new Map(await this.#load())
      if (!secrets.delete(name)) return false
      await this.#save(secrets)
      return true
    })
  }

  deleteAll(prefix: string): Promise<number> {
    return this.#serial(async () => {
      const secrets = new Map(await this.#load())
      const doomed = [...secrets.keys()].filter((name) => name.startsWith(prefix))
      if (doomed.length === 0) return 0
      for (const name of doomed) secrets.delete(name)
      await this.#save(secrets)
      return doomed.length
    })
  }

  startAfreshWhenLocked(): Promise<string | undefined> {
    return this.#serial(async () => {
      try {
        await this.#load()
      } catch (error) {
        if (!isAppError(error) || error.code !== 'SECRETS_LOCKED') throw error
        // Kept beside the original, not deleted: the right keychain or passphrase may still open it.
        const movedTo = moveCorruptFileAside(this.path, this.clock.now())
        this.#secrets = new Map()
        return movedTo
      }
      throw new AppError(
        'SECRETS_NOT_LOCKED',
        'The secrets file opens with this key; nothing was moved.',
      )
    })
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work)
    this.#queue = next.catch(() => undefined)
    return next
  }

  async #load(): Promise<Map<string, string>> {
    if (this.#secrets) return this.#secrets
    let sealed: Buffer
    try {
      sealed = await readFile(this.path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      this.#secrets = new Map()
      return this.#secrets
    }
    const parsed = SecretsDocument.safeParse(parseJson(await this.sealer.open(sealed)))
    if (!parsed.success) {
      throw new AppError(
        'SECRETS_CORRUPT',
        'The secrets file opened but holds no secrets document.',
      )
    }
    this.#secrets = new Map(Object.entries(parsed.data.secrets))
    return this.#secrets
  }

  async #save(secrets: Map<string, string>): Promise<void> {
    const document: SecretsDocument = { version: 1, secrets: Object.fromEntries(secrets) }
    const sealed = await this.sealer.seal(JSON.stringify(document))
    await mkdir(dirname(this.path), { recursive: true })
    const temporary = `${this.path}.${randomBytes(6).toString('hex')}.tmp`
    await writeFile(temporary, sealed, { mode: 0o600 })
    await rename(temporary, this.path)
    this.#secrets = secrets
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
