import { create } from 'zustand'
import type { AppStatus } from '../../../shared/domain/app-status'
import type { Language } from '../../../shared/domain/preferences'
import { api } from '../api'
import { switchLanguage } from '../i18n'

interface AppState {
  status: AppStatus | undefined
  language: Language
  loadStatus: () => Promise<void>
  dismissNotice: (id: string) => Promise<void>
  /** Moves a secrets file that does not open aside and starts with no secrets. */
  resetSecrets: () => Promise<void>
  /** Moves a settings file that does not open aside and starts with empty settings. */
  setAsideSettings: () => Promise<void>
  setLanguage: (language: Language) => Promise<void>
}

export const useApp = create<AppState>((set) => ({
  status: undefined,
  language: 'pl',

  async loadStatus() {
    set({ status: await api.invoke('app:status') })
  },

  async dismissNotice(id) {
    set({ status: await api.invoke('app:dismissNotice', { id }) })
  },

  async resetSecrets() {
    set({ status: await api.invoke('app:resetSecrets') })
  },

  async setAsideSettings() {
    set({ status: await api.invoke('app:setAsideSettings') })
  },

  async setLanguage(language) {
    const preferences = await api.invoke('preferences:update', { language })
    await switchLanguage(preferences.language)
    set({ language: preferences.language })
  },
}))
