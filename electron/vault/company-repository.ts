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

  remove(id: string): boolean {
    const document = this.settings.read()
    const remaining = document.companies.filter((company) => company.id !== id)
    if (remaining.length === document.companies.length) return false
    this.settings.write({ ...document, companies: remaining })
    return true
  }
}
