import { SettingsDocument, emptySettings } from './settings-document'

/**
 * The port for non-secret data: the settings file (FileSettingsStore) in the app, the CLI and the
 * sandbox; memory in tests.
 * What read() returns is shared: change it only by writing a new document.
 */
export interface SettingsStore {
  read(): SettingsDocument
  write(document: SettingsDocument): void
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
}
