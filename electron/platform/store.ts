import type { Clock } from '../clock'
import { openSettings, settingsFilePath, type OpenedSettings } from '../vault/conf-settings-store'

/**
 * The settings file of the desktop app: the vault's own file store, as under Node — it writes
 * durably (fsync, rename, folder fsync) and 0600, which electron-store does not.
 */
export function openElectronSettings(folder: string, clock: Clock): OpenedSettings {
  return openSettings(settingsFilePath(folder), clock)
}
