import { create } from 'zustand'
import type { Company, CompanyDraft } from '../../../shared/domain/company'
import { api } from '../api'

interface CompaniesState {
  companies: Company[]
  loaded: boolean
  selectedId: string | undefined
  query: string
  load: () => Promise<void>
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

  async load() {
    get().replaceAll(await api.invoke('companies:list'))
    set({ loaded: true })
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
  return api.on('companies:changed', (companies) => useCompanies.getState().replaceAll(companies))
}
