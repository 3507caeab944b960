import { lstat, mkdir, rm, writeFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import type { SavedFile } from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'
import type { FileSaver, FileToSave } from './file-saver'

const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  )

const errnoCode = (error: unknown): string | undefined =>
  error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined

/**
 * Writes into one folder, created when missing (the CLI's `--out DIR`, and the folder the desktop
 * dialog chose). Never overwrites: when any of the files is there already, none is written; when
 * one fails half-way, those written before it are taken back.
 */
export class FolderFileSaver implements FileSaver {
  readonly folder: string

  constructor(folder: string) {
    this.folder = resolve(folder)
  }

  async save(files: readonly FileToSave[]): Promise<SavedFile[]> {
    for (const file of files) {
      if (file.name === '' || basename(file.name) !== file.name || file.name.startsWith('.')) {
        throw new AppError('INTERNAL', 'A file to save must have a bare name.', { name: file.name })
      }
    }
    try {
      await mkdir(this.folder, { recursive: true })
    } catch (error) {
      throw this.#failed(error)
    }
    for (const file of files) {
      if (await exists(join(this.folder, file.name))) throw this.#exists(file.name)
    }
    const written: string[] = []
    try {
      for (const file of files) {
        const path = join(this.folder, file.name)
        await writeFile(path, file.bytes, { flag: 'wx', mode: file.mode ?? 0o644 })
        written.push(path)
      }
    } catch (error) {
      await Promise.all(written.map((path) => rm(path, { force: true })))
      const name = files[written.length]?.name ?? ''
      throw errnoCode(error) === 'EEXIST' ? this.#exists(name) : this.#failed(error)
    }
    return files.map((file, i) => ({ name: file.name, saved: true, location: written[i] ?? null }))
  }

  #exists(name: string): AppError {
    return new AppError(
      'FILE_EXISTS',
      `${name} is in ${this.folder} already; nothing was written. Choose another folder or move that file away.`,
      { name, folder: this.folder },
    )
  }

  #failed(error: unknown): AppError {
    return new AppError(
      'FILE_SAVE_FAILED',
      `The files could not be written to ${this.folder} (${errnoCode(error) ?? 'error'}).`,
      { folder: this.folder, reason: errnoCode(error) ?? 'unknown' },
    )
  }
}
