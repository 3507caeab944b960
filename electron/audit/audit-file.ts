import { open, readFile, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { makePrivateFolder, privateFileMode, syncFolderSync } from '../vault/durable-write'

export const auditFileName = 'audit.jsonl'

/** Where the log's lines live: a file of the data folder, or memory in tests. */
export interface AuditFile {
  /** Named in AUDIT_WRITE_FAILED. */
  readonly path: string
  /** Everything written so far; '' when nothing was. */
  read(): Promise<string>
  /** Adds the text at the end; resolves once it is on the disk. */
  append(text: string): Promise<void>
}

/**
 * audit.jsonl in the data folder, the owner's alone. Each append is flushed to the disk before it
 * resolves; the first also flushes the folder, which records the new file.
 */
export class FolderAuditFile implements AuditFile {
  constructor(readonly path: string) {}

  async read(): Promise<string> {
    try {
      return await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
      throw error
    }
  }

  async append(text: string): Promise<void> {
    const isNew = await stat(this.path).then(
      () => false,
      () => true,
    )
    if (isNew) await makePrivateFolder(dirname(this.path))
    const file = await open(this.path, 'a', privateFileMode)
    try {
      await file.writeFile(text, 'utf8')
      await file.sync()
    } finally {
      await file.close()
    }
    if (isNew) syncFolderSync(dirname(this.path))
  }
}

/** For tests without files: the text can be changed by hand, as an edit on the disk would. */
export class MemoryAuditFile implements AuditFile {
  readonly path = `memory/${auditFileName}`
  text = ''

  read(): Promise<string> {
    return Promise.resolve(this.text)
  }

  append(text: string): Promise<void> {
    this.text += text
    return Promise.resolve()
  }
}
