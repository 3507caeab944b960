import { create } from 'zustand'

/**
 * The views of the app bar, in their order: a new one is one name here, its label in app.views
 * of the translations, and its component in App.tsx.
 */
export const appViews = ['companies', 'dashboard', 'jobs', 'identities', 'audit'] as const
export type AppView = (typeof appViews)[number]

interface ViewState {
  view: AppView
  show: (view: AppView) => void
}

export const useView = create<ViewState>((set) => ({
  view: 'companies',
  show: (view) => set({ view }),
}))
