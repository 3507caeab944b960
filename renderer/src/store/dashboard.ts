import { create } from 'zustand'
import type { DashboardTile, DashboardView } from '../../../shared/domain/dashboard'
import { api } from '../api'

interface DashboardState {
  view: DashboardView | undefined
  error: unknown
  /** The tile chosen; null: all companies. */
  tile: DashboardTile | null
  query: string
  /** The companies ticked in the grid, for the bulk actions. */
  selectedIds: readonly string[]
  load: () => Promise<void>
  setTile: (tile: DashboardTile | null) => void
  setQuery: (query: string) => void
  setSelected: (ids: readonly string[]) => void
}

/** The Pulpit as main last built it, and the filter and selection the user chose on it. */
export const useDashboard = create<DashboardState>((set) => ({
  view: undefined,
  error: undefined,
  tile: null,
  query: '',
  selectedIds: [],

  async load() {
    try {
      set({ view: await api.invoke('dashboard:view'), error: undefined })
    } catch (error) {
      set({ error })
    }
  },

  setTile: (tile) => set({ tile }),
  setQuery: (query) => set({ query }),
  setSelected: (selectedIds) => set({ selectedIds }),
}))

// A bulk job tells a change of hundreds of companies a second: the Pulpit is built again at most
// this often, with the latest data, rather than once per company.
const reloadEveryMs = 1000

/** While the Pulpit is shown: a change main reports to a company's data builds it again. */
export function followDashboardChanges(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const reload = () => {
    timer ??= setTimeout(() => {
      timer = undefined
      void useDashboard.getState().load()
    }, reloadEveryMs)
  }
  const offs = [
    api.on('companies:changed', reload),
    api.on('auth:changed', reload),
    api.on('certificates:changed', reload),
    api.on('tokens:changed', reload),
    api.on('identities:changed', reload),
  ]
  return () => {
    clearTimeout(timer)
    offs.forEach((off) => off())
  }
}
