import { join } from 'node:path'
import type { Clock } from '../clock'
import { lockDataFolder } from './folder-lock'
import { openNodeSettings } from './node-settings'
import { SealedFileSecretStore, secretsFileName } from './sealed-file-secret-store'
import type { Sealer } from './sealer'

export interface SetAsideFiles {
  /** Where the settings file went, when it did not open. */
  settings?: string
  /** Where the secrets file went, when it did not open. */
  secrets?: string
}

/**
 * The user's explicit choice, for a data folder whose settings or secrets file does not open:
 * each such file is renamed aside (kept, never deleted) so the next start begins afresh. A file
 * that opens is not touched.
 */
export async function setAsideUnopenedFiles(
  folder: string,
  sealer: Sealer,
  clock: Clock,
): Promise<SetAsideFiles> {
  const lock = lockDataFolder(folder)
  try {
    const moved: SetAsideFiles = {}
    const settings = openNodeSettings(folder, clock).setAside?.()
    if (settings !== undefined) moved.settings = settings
    const secrets = new SealedFileSecretStore(join(folder, secretsFileName), sealer, clock)
    if (await secrets.open()) {
      const movedTo = await secrets.startAfreshWhenLocked()
      if (movedTo !== undefined) moved.secrets = movedTo
    }
    return moved
  } finally {
    lock.release()
  }
}
