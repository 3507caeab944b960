import type { AppError } from '../../shared/ipc/errors'
import { SettingsDocument, emptySettings } from './settings-document'

/**
 * The port for non-secret data: the settings file (FileSettingsStore) in the app, the CLI and the
 * sandbox; memory in tests.
 * What read() returns is shared: change it only by writing a new document.
 */
export interface SettingsStore {
  /** The latest document written, at once (a write is seen before it reaches the disk). */
  read(): SettingsDocument
  write(document: SettingsDocument): void
  /** Resolves once every write so far is on the disk (before the folder is given back). */
  flush(): Promise<void>
  /** Told when a write that nobody awaits fails (the file store's timed writes). */
  whenWriteFails?(listener: (error: AppError) => void): void
}

export class MemorySettingsStore implements SettingsStore {
  #document: SettingsDocument

  constructor(initial: SettingsDocument = emptySettings()) {
    this.#document = structuredClone(initial)
  }

  read(): SettingsDocument {
    return structuredClone(this.#document)
  }

  write(document: SettingsDocument): void {
    this.#document = structuredClone(SettingsDocument.parse(document))
  }

  flush(): Promise<void> {
    return Promise.resolve()
  }
}
