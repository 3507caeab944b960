import { create } from 'zustand'
import type { Company, CompanyDraft } from '../../../shared/domain/company'
import type { CompanyStatus } from '../../../shared/domain/company-status'
import { api } from '../api'

interface CompaniesState {
  companies: Company[]
  loaded: boolean
  selectedId: string | undefined
  query: string
  /** Session, certificate expiry and last failure per company, for the badges of the list. */
  statuses: Record<string, CompanyStatus>
  load: () => Promise<void>
  loadOverview: () => Promise<void>
  select: (id: string | undefined) => void
  setQuery: (query: string) => void
  add: (draft: CompanyDraft) => Promise<Company>
  update: (id: string, draft: CompanyDraft) => Promise<Company>
  remove: (id: string) => Promise<void>
  replaceAll: (companies: Company[]) => void
}

/** The company list as main last reported it, plus what the user has selected and typed. */
export const useCompanies = create<CompaniesState>((set, get) => ({
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
    const overview = await api.invoke('companies:overview')
    set({ statuses: Object.fromEntries(overview.map((status) => [status.companyId, status])) })
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
    const selectedId = sorted.some((c) => c.id === get().selectedId) ? get().selectedId : undefined
    set({ companies: sorted, selectedId })
  },
}))

export function subscribeToCompanyEvents(): () => void {
  const offCompanies = api.on('companies:changed', (companies) => {
    useCompanies.getState().replaceAll(companies)
    void useCompanies.getState().loadOverview()
  })
  // A login, a logout or a refresh changes the badges of the list.
  const offAuth = api.on('auth:changed', () => void useCompanies.getState().loadOverview())
  return () => {
    offCompanies()
    offAuth()
  }
}
