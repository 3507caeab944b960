import { create } from 'zustand'
import type { Company, CompanyDraft } from '../../../shared/domain/company'
import {
  mergeStatuses,
  type CompanyStatus,
  type StatusChanges,
} from '../../../shared/domain/company-status'
import { api } from '../api'

interface CompaniesState {
  companies: Company[]
  loaded: boolean
  selectedId: string | undefined
  query: string
  /**
   * Session, certificate expiry and last failure per company, for the badges of the list: the
   * overview read once, then main's pushes merged in by company id. A row reads its own entry.
   */
  statuses: Record<string, CompanyStatus>
  load: () => Promise<void>
  loadOverview: () => Promise<void>
  /** Merges what main pushed (companies:statusChanged): changed companies replaced, removed dropped. */
  applyStatusChanges: (changes: StatusChanges) => void
  select: (id: string | undefined) => void
  setQuery: (query: string) => void
  add: (draft: CompanyDraft) => Promise<Company>
  update: (id: string, draft: CompanyDraft) => Promise<Company>
  remove: (id: string) => Promise<void>
  replaceAll: (companies: Company[]) => void
}

/** The company list as main last reported it, plus what the user has selected and typed. */
export const useCompanies = create<CompaniesState>((set, get) => {
  // Pushes that arrive while the overview is read are newer than it: laid over it when it lands.
  let pushedWhileLoading: StatusChanges[] | undefined
  return {
    companies: [],
    loaded: false,
    selectedId: undefined,
    query: '',
    statuses: {},

    async load() {
      get().replaceAll(await api.invoke('companies:list'))
      set({ loaded: true })
      await get().loadOverview()
    },

    async loadOverview() {
      pushedWhileLoading = []
      try {
        const overview = await api.invoke('companies:overview')
        const read = Object.fromEntries(overview.map((status) => [status.companyId, status]))
        set({ statuses: pushedWhileLoading.reduce(mergeStatuses, read) })
      } finally {
        pushedWhileLoading = undefined
      }
    },

    applyStatusChanges(changes) {
      pushedWhileLoading?.push(changes)
      set((state) => ({ statuses: mergeStatuses(state.statuses, changes) }))
    },

    select: (selectedId) => set({ selectedId }),
    setQuery: (query) => set({ query }),

    async add(draft) {
      const company = await api.invoke('companies:add', draft)
      get().replaceAll([...get().companies.filter((c) => c.id !== company.id), company])
      set({ selectedId: company.id })
      return company
    },

    async update(id, draft) {
      const company = await api.invoke('companies:update', { id, ...draft })
      get().replaceAll(get().companies.map((c) => (c.id === id ? company : c)))
      return company
    },

    async remove(id) {
      await api.invoke('companies:remove', { id })
      get().replaceAll(get().companies.filter((c) => c.id !== id))
    },

    replaceAll(companies) {
      const sorted = [...companies].sort((a, b) => a.name.localeCompare(b.name, 'pl'))
      const selectedId = sorted.some((c) => c.id === get().selectedId)
        ? get().selectedId
        : undefined
      set({ companies: sorted, selectedId })
    },
  }
})

/**
 * The list and its badges follow main: the companies when they change, the badges of the
 * companies whose credentials, logins or sessions changed (the overview is read only at load).
 */
export function subscribeToCompanyEvents(): () => void {
  const offCompanies = api.on('companies:changed', (companies) =>
    useCompanies.getState().replaceAll(companies),
  )
  const offStatuses = api.on('companies:statusChanged', (changes) =>
    useCompanies.getState().applyStatusChanges(changes),
  )
  return () => {
    offCompanies()
    offStatuses()
  }
}

/** One company's badges: a row re-renders only when its own status changes. */
export function useCompanyStatus(companyId: string): CompanyStatus | undefined {
  return useCompanies((state) => state.statuses[companyId])
}
