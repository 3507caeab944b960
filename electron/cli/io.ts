// The world as the CLI sees it, as a port: tests run commands in-process with a fake one, the
// binary with the real one.
import { closeSync, existsSync, fchmodSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { systemClock, type Clock } from '../clock'
import { AppError } from '../../shared/ipc/errors'
import type { KeyDerivation } from '../vault/passphrase-sealer'

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  readFile(path: string): Buffer
  /** Whether something (a file, a folder) is at path already. */
  exists(path: string): boolean
  /** Refuses to overwrite an existing file unless overwrite is set: keys are not to be lost. */
  writeFile(
    path: string,
    data: Buffer | string,
    options: { secret: boolean; overwrite: boolean },
  ): void
  env: Readonly<Record<string, string | undefined>>
  clock: Clock
  /**
   * scrypt unless given. A process runs one command, so the key of the data folder is derived
   * once; tests running many commands in their own process keep the keys they derived.
   */
  keyDerivation?: KeyDerivation
  /** A path the user gave, made absolute against the folder the command runs in. */
  resolvePath(path: string): string
}

/** The real world; `workingFolder` stands in for the process's own when tests run commands. */
export function processIo(workingFolder: string = process.cwd()): CliIo {
  const resolvePath = (path: string) => resolve(workingFolder, path)
  return {
    resolvePath,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => {
      try {
        return readFileSync(resolvePath(path))
      } catch (error) {
        throw new AppError('FILE_UNREADABLE', `Cannot read ${path}: ${reason(error)}.`, { path })
      }
    },
    exists: (path) => existsSync(resolvePath(path)),
    writeFile: (path, data, options) => {
      try {
        const mode = options.secret ? 0o600 : 0o644
        const fd = openSync(resolvePath(path), options.overwrite ? 'w' : 'wx', mode)
        try {
          // The mode given to open only applies to a new file: one replaced with --force keeps
          // its own (0644 say), and a key written into it would be readable by others.
          if (options.secret) fchmodSync(fd, mode)
          writeFileSync(fd, data)
        } finally {
          closeSync(fd)
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new AppError(
            'FILE_EXISTS',
            `${path} exists already; nothing was written (use --force to replace it).`,
            {
              path,
            },
          )
        }
        throw new AppError('FILE_UNWRITABLE', `Cannot write ${path}: ${reason(error)}.`, { path })
      }
    },
    env: process.env,
    clock: systemClock,
  }
}

const reasons: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'read-only file system',
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? ''
  return reasons[code] ?? (code || 'unknown error')
}
