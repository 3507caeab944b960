import type { Clock } from '../clock'
import {
  openSettings,
  settingsFilePath,
  type OpenedSettings,
  type SettingsWriteOptions,
} from './conf-settings-store'

/** The settings file of a data folder under plain Node (CLI, sandbox, tests). */
export function openNodeSettings(
  folder: string,
  clock: Clock,
  writes?: SettingsWriteOptions,
): OpenedSettings {
  return openSettings(settingsFilePath(folder), clock, writes)
}
