import Conf from 'conf'
import type { Clock } from '../clock'
import {
  openSettings,
  settingsFileName,
  settingsFilePath,
  type OpenedSettings,
} from './conf-settings-store'

/** The settings file under plain Node (CLI, sandbox, tests): conf, the library electron-store wraps. */
export function openNodeSettings(folder: string, clock: Clock): OpenedSettings {
  return openSettings(
    settingsFilePath(folder),
    () =>
      new Conf<Record<string, unknown>>({
        cwd: folder,
        configName: settingsFileName,
        clearInvalidConfig: false,
      }),
    clock,
  )
}
