import { existsSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { syncFolderSync } from './durable-write'

/**
 * At the user's word only: moves a data file that does not open out of the way so the app can
 * start afresh without destroying it — the right key may still open it, support may recover it.
 * Returns where it went.
 */
export function moveCorruptFileAside(path: string, now: number): string | undefined {
  if (!existsSync(path)) return undefined
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-')
  let target = `${path}.corrupt-${stamp}`
  for (let n = 1; existsSync(target); n++) target = `${path}.corrupt-${stamp}-${n}`
  renameSync(path, target)
  // The folder records the rename: flushed, so a crash cannot bring the old file back in place.
  syncFolderSync(dirname(path))
  return target
}
