import type { Clock } from '../clock'
import { openSettings, settingsFilePath, type OpenedSettings } from './conf-settings-store'

/** The settings file of a data folder under plain Node (CLI, sandbox, tests). */
export function openNodeSettings(folder: string, clock: Clock): OpenedSettings {
  return openSettings(settingsFilePath(folder), clock)
}
