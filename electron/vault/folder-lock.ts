import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/ipc/errors'
import { makePrivateFolderSync, privateFileMode } from './durable-write'

export const folderLockFileName = 'ksef-desk.lock'

export interface FolderLock {
  /** Gives the folder back; calling it again does nothing. */
  release(): void
}

/**
 * Claims a data folder for this process. Settings and secrets are read once and then served from
 * memory, so a second process on the same files would silently undo the first one's writes
 * (companies, keys, tokens): it is refused instead. The lock file holds the owner's pid; a lock
 * left by a process that died is taken over.
 */
export function lockDataFolder(folder: string): FolderLock {
  makePrivateFolderSync(folder)
  const path = join(folder, folderLockFileName)
  if (!createExclusively(path)) {
    const holder = readHolder(path)
    if (holder === undefined || isAlive(holder)) throw inUse(folder, path, holder)
    rmSync(path, { force: true })
    // Another process may have taken the stale lock over in the meantime: one of us loses here.
    if (!createExclusively(path)) throw inUse(folder, path, readHolder(path))
  }
  let held = true
  const release = () => {
    if (!held) return
    held = false
    process.off('exit', release)
    // A lock this process no longer owns (deleted by hand, then taken) is not ours to remove.
    if (readHolder(path) === process.pid) rmSync(path, { force: true })
  }
  // A process that ends without closing its services must not leave the folder locked; one that
  // is killed does, and the next open takes the lock over because its pid is dead.
  process.on('exit', release)
  return { release }
}

function createExclusively(path: string): boolean {
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx', mode: privateFileMode })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

function readHolder(path: string): number | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8').trim()
  } catch {
    return undefined
  }
  // An empty file is a lock being written this instant, so it counts as held, not as stale.
  return /^[1-9]\d*$/.test(text) ? Number(text) : undefined
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function inUse(folder: string, path: string, holder: number | undefined): AppError {
  return new AppError(
    'DATA_FOLDER_IN_USE',
    `The data folder ${folder} is in use by another KSeF Desk process${holder === undefined ? '' : ` (pid ${holder})`}. Close it and try again; if none is running, delete ${path}.`,
    { folder, ...(holder === undefined ? {} : { pid: holder }) },
  )
}
