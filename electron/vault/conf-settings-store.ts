import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import { moveCorruptFileAside } from './corrupt-file'
import { tidyDataFolder, writeFileDurablySync } from './durable-write'
import { SettingsDocument, emptySettings, salvageSettings } from './settings-document'
import type { SettingsStore } from './settings-store'

export const settingsFileName = 'settings'

export const settingsFilePath = (folder: string): string => join(folder, `${settingsFileName}.json`)

/**
 * The settings file: JSON, read and checked once; this process is its only writer (the desktop
 * app holds Electron's single-instance lock, Node processes the data folder's lock file), so later
 * reads are served from memory — a list of 300 companies is looked at many times per screen.
 * Every write is durable (writeFileDurablySync) and the file is the owner's alone (0600).
 */
export class FileSettingsStore implements SettingsStore {
  #document: SettingsDocument
  #unopened: AppError | undefined

  constructor(
    private readonly path: string,
    document: SettingsDocument,
    unopened?: AppError,
  ) {
    this.#document = document
    this.#unopened = unopened
  }

  read(): SettingsDocument {
    return this.#document
  }

  /** Refused while the file on disk did not open: writing would replace what the user may want back. */
  write(document: SettingsDocument): void {
    if (this.#unopened) throw this.#unopened
    const parsed = SettingsDocument.parse(document)
    writeFileDurablySync(this.path, `${JSON.stringify(parsed, undefined, '\t')}\n`)
    this.#document = parsed
  }

  /** At the user's word: the file that did not open goes aside, and the store starts empty. */
  setAside(now: number): string | undefined {
    if (!this.#unopened) {
      throw new AppError('SETTINGS_NOT_CORRUPT', 'The settings file opens; nothing was moved.')
    }
    const movedTo = moveCorruptFileAside(this.path, now)
    this.#unopened = undefined
    this.#document = emptySettings()
    return movedTo
  }
}

export interface OpenedSettings {
  store: SettingsStore
  /**
   * What the user must be told: SETTINGS_CORRUPT (the file did not open; it stays as it is, the
   * app runs on empty settings and refuses to write until the user sets it aside) or
   * SETTINGS_RECORDS_QUARANTINED (records set apart in the file, the rest kept).
   */
  problem?: AppError
  /** Present when the file did not open: moves it aside at the user's word, returns where to. */
  setAside?: () => string | undefined
}

/**
 * Opens the data folder's settings file. This is the first thing every composition root does
 * with the folder, so it tidies it first: leftover temporary files of a killed process removed,
 * files and folders narrowed to the owner (tidyDataFolder).
 */
export function openSettings(filePath: string, clock: Clock): OpenedSettings {
  tidyDataFolder(dirname(filePath))
  let text: string
  try {
    text = readFileSync(filePath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return { store: new FileSettingsStore(filePath, emptySettings()) }
  }
  let raw: unknown
  let problem: string
  try {
    raw = JSON.parse(text)
    const salvaged = salvageSettings(raw, new Date(clock.now()).toISOString())
    if (salvaged.readable) return opened(filePath, salvaged.document, salvaged.quarantined.length)
    problem = salvaged.problem
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    problem = text.length === 0 ? 'the file is empty (0 bytes)' : `not valid JSON: ${error.message}`
  }
  const unopened = new AppError(
    'SETTINGS_CORRUPT',
    `The settings file ${filePath} does not open (${problem}). It was left as it is and nothing will be written to it: the app shows no companies until the file is set aside (or repaired by hand).`,
    { path: filePath, problem },
  )
  const store = new FileSettingsStore(filePath, emptySettings(), unopened)
  return { store, problem: unopened, setAside: () => store.setAside(clock.now()) }
}

function opened(filePath: string, document: SettingsDocument, quarantined: number): OpenedSettings {
  const store = new FileSettingsStore(filePath, document)
  if (quarantined === 0) return { store }
  // Written at once: the records kept and the ones set apart, in one durable write.
  store.write(document)
  return {
    store,
    problem: new AppError(
      'SETTINGS_RECORDS_QUARANTINED',
      `${quarantined} record(s) of the settings file ${filePath} did not match what this version reads; they were set apart in its "quarantine" section with the reason, and everything else was kept.`,
      { path: filePath, count: quarantined },
    ),
  }
}
