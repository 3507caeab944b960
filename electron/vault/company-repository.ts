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
    const index = document.companies.findIndex((existing) => existing.id === company.id)
    if (index === -1) document.companies.push(company)
    else document.companies[index] = company
    this.settings.write(document)
  }

  remove(id: string): boolean {
    const document = this.settings.read()
    const remaining = document.companies.filter((company) => company.id !== id)
    if (remaining.length === document.companies.length) return false
    this.settings.write({ ...document, companies: remaining })
    return true
  }
}
