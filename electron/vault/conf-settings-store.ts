import { join } from 'node:path'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import { moveCorruptFileAside } from './corrupt-file'
import { SettingsDocument } from './settings-document'
import type { SettingsStore } from './settings-store'

/** What conf and electron-store (a conf subclass) have in common, as far as we need it. */
export interface ConfLike {
  store: Record<string, unknown>
  readonly path: string
}

export const settingsFileName = 'settings'

export const settingsFilePath = (folder: string): string => join(folder, `${settingsFileName}.json`)

/**
 * A settings store over conf or electron-store. The file is read and checked against the schema
 * once; this process is its only writer (the desktop app holds Electron's single-instance lock,
 * Node processes the data folder's lock file), so later reads are served from memory — a list of
 * 300 companies is looked at many times per screen.
 */
export class ConfSettingsStore implements SettingsStore {
  #document: SettingsDocument | undefined

  constructor(private readonly conf: ConfLike) {}

  read(): SettingsDocument {
    this.#document ??= SettingsDocument.parse(this.conf.store)
    return this.#document
  }

  write(document: SettingsDocument): void {
    const parsed = SettingsDocument.parse(document)
    this.conf.store = parsed
    this.#document = parsed
  }
}

export interface OpenedSettings {
  store: SettingsStore
  /** Set when the file on disk could not be read: it was moved aside and the app starts empty. */
  recovered?: AppError
}

/**
 * Opens the settings file through `open` (which constructs conf or electron-store with
 * `clearInvalidConfig: false`, so a broken file throws instead of being wiped). A file that is not
 * JSON, or not our schema, is moved aside and reported; it is never silently discarded.
 */
export function openSettings(filePath: string, open: () => ConfLike, clock: Clock): OpenedSettings {
  let problem: string
  try {
    const conf = open()
    const parsed = SettingsDocument.safeParse(conf.store)
    if (parsed.success) return { store: new ConfSettingsStore(conf) }
    problem = `not a settings document: ${parsed.error.issues[0]?.message ?? 'schema mismatch'}`
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    problem = `not valid JSON: ${error.message}`
  }
  const movedTo = moveCorruptFileAside(filePath, clock.now())
  const store = new ConfSettingsStore(open())
  store.write(SettingsDocument.parse({}))
  return {
    store,
    recovered: new AppError(
      'SETTINGS_CORRUPT',
      `The settings file was unreadable (${problem}); it was moved to ${movedTo ?? filePath} and the app started with empty settings.`,
      { movedTo },
    ),
  }
}
