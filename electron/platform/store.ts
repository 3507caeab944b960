import ElectronStore from 'electron-store'
import type { Clock } from '../clock'
import {
  openSettings,
  settingsFileName,
  settingsFilePath,
  type OpenedSettings,
} from '../vault/conf-settings-store'

/** The settings file of the desktop app: electron-store, with the same recovery as under Node. */
export function openElectronSettings(folder: string, clock: Clock): OpenedSettings {
  return openSettings(
    settingsFilePath(folder),
    () =>
      new ElectronStore<Record<string, unknown>>({
        cwd: folder,
        name: settingsFileName,
        clearInvalidConfig: false,
      }),
    clock,
  )
}
