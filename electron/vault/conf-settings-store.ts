import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../../shared/ipc/errors'
import { systemScheduler, type Clock, type Scheduler } from '../clock'
import { parseChanged } from './changed-records'
import { CoalescedWrites, settingsWriteWindowMs } from './coalesced-writes'
import { moveCorruptFileAside } from './corrupt-file'
import { tidyDataFolder, writeFileDurably, writeFileDurablySync } from './durable-write'
import { SettingsDocument, emptySettings, salvageSettings } from './settings-document'
import type { SettingsStore } from './settings-store'

export const settingsFileName = 'settings'

export const settingsFilePath = (folder: string): string => join(folder, `${settingsFileName}.json`)

/**
 * The settings file: JSON, read and checked once; this process is its only writer (the desktop
 * app holds Electron's single-instance lock, Node processes the data folder's lock file), so later
 * reads are served from memory — a list of 2,000 companies is looked at many times per screen.
 * A write is checked (its changed records: parseChanged) and seen by every read at once; it reaches the disk with the others of its
 * window in one durable write (CoalescedWrites, writeFileDurably), and the file is the owner's
 * alone (0600). `flush` puts everything on the disk before the folder is given back.
 */
export class FileSettingsStore implements SettingsStore {
  #document: SettingsDocument
  #unopened: AppError | undefined
  readonly #writes: CoalescedWrites
  readonly #failureListeners: ((error: AppError) => void)[] = []

  constructor(
    private readonly path: string,
    document: SettingsDocument,
    unopened?: AppError,
    writes: SettingsWriteOptions = {},
  ) {
    this.#document = document
    this.#unopened = unopened
    this.#writes = new CoalescedWrites({
      write: () => writeFileDurably(path, serializedSettings(this.#document)),
      scheduler: writes.scheduler ?? systemScheduler,
      windowMs: writes.windowMs ?? settingsWriteWindowMs,
      failed: (error) => {
        const failure = writeFailure(path, error)
        for (const listener of this.#failureListeners) listener(failure)
      },
    })
  }

  read(): SettingsDocument {
    return this.#document
  }

  /** Refused while the file on disk did not open: writing would replace what the user may want back. */
  write(document: SettingsDocument): void {
    if (this.#unopened) throw this.#unopened
    this.#document = parseChanged(SettingsDocument, document, this.#document)
    this.#writes.request()
  }

  async flush(): Promise<void> {
    try {
      await this.#writes.flush()
    } catch (error) {
      throw writeFailure(this.path, error)
    }
  }

  whenWriteFails(listener: (error: AppError) => void): void {
    this.#failureListeners.push(listener)
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

export interface SettingsWriteOptions {
  /** The timer of the write window; tests pass a FakeScheduler. */
  scheduler?: Scheduler
  windowMs?: number
}

const serializedSettings = (document: SettingsDocument) =>
  `${JSON.stringify(document, undefined, '\t')}\n`

// The cause is the file system's code (ENOSPC, EACCES): a message could name more of the disk.
const writeFailure = (path: string, error: unknown) =>
  new AppError(
    'SETTINGS_WRITE_FAILED',
    `The settings file ${path} could not be written; the changes are kept in memory, and the write is tried again within a second and when the app closes.`,
    { path, cause: (error as NodeJS.ErrnoException).code ?? 'unknown' },
  )

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
export function openSettings(
  filePath: string,
  clock: Clock,
  writes: SettingsWriteOptions = {},
): OpenedSettings {
  tidyDataFolder(dirname(filePath))
  let text: string
  try {
    text = readFileSync(filePath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return { store: new FileSettingsStore(filePath, emptySettings(), undefined, writes) }
  }
  let raw: unknown
  let problem: string
  try {
    raw = JSON.parse(text)
    const salvaged = salvageSettings(raw, new Date(clock.now()).toISOString())
    if (salvaged.readable) {
      return opened(filePath, salvaged.document, salvaged.quarantined.length, writes)
    }
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
  const store = new FileSettingsStore(filePath, emptySettings(), unopened, writes)
  return { store, problem: unopened, setAside: () => store.setAside(clock.now()) }
}

function opened(
  filePath: string,
  document: SettingsDocument,
  quarantined: number,
  writes: SettingsWriteOptions,
): OpenedSettings {
  const store = new FileSettingsStore(filePath, document, undefined, writes)
  if (quarantined === 0) return { store }
  // Written at once, before anything else runs: the records kept and the ones set apart.
  writeFileDurablySync(filePath, serializedSettings(document))
  return {
    store,
    problem: new AppError(
      'SETTINGS_RECORDS_QUARANTINED',
      `${quarantined} record(s) of the settings file ${filePath} did not match what this version reads; they were set apart in its "quarantine" section with the reason, and everything else was kept.`,
      { path: filePath, count: quarantined },
    ),
  }
}
