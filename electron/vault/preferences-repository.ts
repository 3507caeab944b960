import type { Preferences } from '../../shared/domain/preferences'
import type { SettingsStore } from './settings-store'

export class PreferencesRepository {
  constructor(private readonly settings: SettingsStore) {}

  get(): Preferences {
    return this.settings.read().preferences
  }

  update(change: Partial<Preferences>): Preferences {
    const document = this.settings.read()
    const preferences = { ...document.preferences, ...change }
    this.settings.write({ ...document, preferences })
    return preferences
  }
}
