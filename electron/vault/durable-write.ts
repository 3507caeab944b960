import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** Every file in the data folder is the owner's alone: settings name companies, logs name files. */
export const privateFileMode = 0o600
export const privateFolderMode = 0o700

// A temporary file's name: the target's name, random hex, ".tmp". Earlier versions wrote the same
// pattern (with 8 or 12 hex), so their leftovers are recognised too (tidyDataFolder).
const temporaryName = (path: string) => `${path}.${randomBytes(6).toString('hex')}.tmp`

// Windows cannot open a folder to fsync it; there a rename is made durable by the file system.
const foldersSync = process.platform !== 'win32'

/**
 * Replaces a file so that after a crash or power loss it holds either the old bytes or the new,
 * never a mix or nothing: the new bytes go to a temporary file beside it, are flushed to the disk,
 * renamed over the target, and the folder (which records the rename) is flushed too.
 */
export async function writeFileDurably(path: string, data: Buffer | string): Promise<void> {
  await makePrivateFolder(dirname(path))
  const temporary = temporaryName(path)
  const file = await open(temporary, 'wx', privateFileMode)
  try {
    await file.writeFile(data)
    await file.sync()
  } catch (error) {
    await file.close()
    await rm(temporary, { force: true })
    throw error
  }
  await file.close()
  await rename(temporary, path)
  if (foldersSync) {
    const folder = await open(dirname(path), 'r')
    try {
      await folder.sync()
    } finally {
      await folder.close()
    }
  }
}

/** Flushes a folder's entries (a rename, a new file) to the disk. */
export function syncFolderSync(folder: string): void {
  if (!foldersSync) return
  const fd = openSync(folder, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** writeFileDurably for the callers that must stay synchronous (the settings port). */
export function writeFileDurablySync(path: string, data: Buffer | string): void {
  makePrivateFolderSync(dirname(path))
  const temporary = temporaryName(path)
  const fd = openSync(temporary, 'wx', privateFileMode)
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    for (let written = 0; written < bytes.length;) {
      written += writeSync(fd, bytes, written, bytes.length - written)
    }
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(temporary, { force: true })
    throw error
  }
  closeSync(fd)
  renameSync(temporary, path)
  syncFolderSync(dirname(path))
}

/** Creates the folder (and its parents) for the owner alone, and narrows one made wider before. */
export async function makePrivateFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: privateFolderMode })
  await chmod(folder, privateFolderMode)
}

export function makePrivateFolderSync(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: privateFolderMode })
  chmodSync(folder, privateFolderMode)
}

// What the app keeps in a data folder, by folder: only these are narrowed or tidied, so a folder
// given by mistake (--data-dir ~) loses nothing and no other file's mode is changed.
const ownFiles: Record<string, { keep: RegExp; leftover: RegExp }> = {
  '.': {
    keep: /^(settings\.json|secrets\.sealed|ksef-desk\.lock|audit\.jsonl)(\.corrupt-[\w-]+)?$/,
    // conf, which wrote settings.json before, named its temporary files settings.json.tmp-<id>.
    leftover:
      /^(settings\.json|secrets\.sealed)\.[0-9a-f]{8,12}\.tmp$|^settings\.json\.tmp-[0-9a-z]+$/,
  },
  logs: { keep: /^main\.log$/, leftover: /^$/ },
  'bulk-jobs': {
    keep: /^[0-9a-f-]{36}\.json$/,
    leftover: /^[0-9a-f-]{36}\.json\.[0-9a-f]{8,12}\.tmp$/,
  },
  certificates: {
    keep: /^[0-9a-f-]{36}\.pem$/,
    leftover: /^[0-9a-f-]{36}(\.pem)?\.[0-9a-f]{8,12}\.tmp$/,
  },
}

/**
 * At start, before anything is read: a process killed mid-write leaves its temporary file behind
 * (the target itself is intact). Removes those, and narrows the app's files and folders to the
 * owner (written by earlier versions, or by hand, under a umask of 022). Returns the temporary
 * files removed.
 */
export function tidyDataFolder(folder: string): string[] {
  makePrivateFolderSync(folder)
  const removed: string[] = []
  for (const [name, files] of Object.entries(ownFiles)) {
    const sub = join(folder, name)
    let entries
    try {
      entries = readdirSync(sub, { withFileTypes: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw error
    }
    if (name !== '.') chmodSync(sub, privateFolderMode)
    for (const entry of entries) {
      if (!entry.isFile()) continue
      const path = join(sub, entry.name)
      if (files.leftover.test(entry.name)) {
        rmSync(path, { force: true })
        removed.push(path)
      } else if (files.keep.test(entry.name) && (statSync(path).mode & 0o777) !== privateFileMode) {
        chmodSync(path, privateFileMode)
      }
    }
  }
  return removed
}
