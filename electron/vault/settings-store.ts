import { SettingsDocument, emptySettings } from './settings-document'

/** The port for non-secret data. Production: electron-store; CLI, sandbox and tests: conf or memory. */
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
