import type { Company } from '../../shared/domain/company'
import type { SettingsStore } from './settings-store'

export class CompanyRepository {
  constructor(private readonly settings: SettingsStore) {}

  list(): Company[] {
    return this.settings.read().companies
  }

  find(id: string): Company | undefined {
    return this.list().find((company) => company.id === id)
  }

  /** Inserts or replaces by id. */
  save(company: Company): void {
    const document = this.settings.read()
    const others = document.companies.filter((existing) => existing.id !== company.id)
    const companies =
      others.length === document.companies.length
        ? [...others, company]
        : document.companies.map((existing) => (existing.id === company.id ? company : existing))
    this.settings.write({ ...document, companies })
  }

  /** Inserts or replaces each by id, in one write of the settings file. */
  saveMany(companies: readonly Company[]): void {
    const document = this.settings.read()
    const incoming = new Map(companies.map((company) => [company.id, company]))
    const kept = document.companies.map((existing) => incoming.get(existing.id) ?? existing)
    const keptIds = new Set(document.companies.map((existing) => existing.id))
    const added = companies.filter((company) => !keptIds.has(company.id))
    this.settings.write({ ...document, companies: [...kept, ...added] })
  }

  remove(id: string): boolean {
    const document = this.settings.read()
    const remaining = document.companies.filter((company) => company.id !== id)
    if (remaining.length === document.companies.length) return false
    // Its identity assignment goes with it: a later company never inherits a stale one.
    this.settings.write({
      ...document,
      companies: remaining,
      identityAssignments: document.identityAssignments.filter((a) => a.companyId !== id),
    })
    return true
  }
}
