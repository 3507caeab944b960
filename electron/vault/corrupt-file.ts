import { existsSync, renameSync } from 'node:fs'

/**
 * Moves an unreadable data file out of the way so the app can start afresh without destroying
 * it: the user (or support) can still recover it by hand. Returns where it went.
 */
export function moveCorruptFileAside(path: string, now: number): string | undefined {
  if (!existsSync(path)) return undefined
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-')
  let target = `${path}.corrupt-${stamp}`
  for (let n = 1; existsSync(target); n++) target = `${path}.corrupt-${stamp}-${n}`
  renameSync(path, target)
  return target
}
