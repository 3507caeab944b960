import type { BulkSelection } from '../../shared/domain/bulk'
import type { Company } from '../../shared/domain/company'
import { inTile, type DashboardView } from '../../shared/domain/dashboard'
import { AppError } from '../../shared/ipc/errors'
import type { CompanyRepository } from '../vault/company-repository'

export interface BulkSelectionDeps {
  companies: Pick<CompanyRepository, 'list'>
  dashboard: { view(): DashboardView }
}

/**
 * The companies a selection names: the ids in their order (one no longer on the list refuses
 * the whole job, which would not be the selection the user saw), all, or a tile of the Pulpit in
 * its order. None at all is refused.
 */
export function selectedCompanies(selection: BulkSelection, deps: BulkSelectionDeps): Company[] {
  const companies = deps.companies.list()
  let chosen: Company[]
  switch (selection.kind) {
    case 'ids': {
      const byId = new Map(companies.map((company) => [company.id, company]))
      chosen = [...new Set(selection.companyIds)].map((id) => {
        const company = byId.get(id)
        if (!company) {
          throw new AppError('COMPANY_NOT_FOUND', 'This company is no longer on the list.')
        }
        return company
      })
      break
    }
    case 'all':
      chosen = companies
      break
    case 'tile': {
      const byId = new Map(companies.map((company) => [company.id, company]))
      chosen = deps.dashboard
        .view()
        .rows.filter((row) => inTile(row, selection.tile))
        .flatMap((row) => byId.get(row.companyId) ?? [])
      break
    }
  }
  if (chosen.length === 0) {
    throw new AppError('BULK_NO_COMPANIES', 'The selection holds no company.')
  }
  return chosen
}
