import type { Company } from '../../shared/domain/company'
import { AppError } from '../../shared/ipc/errors'
import type { ContextIdentifier } from '../crypto/auth-token-request'
import type { CompanyRepository } from '../vault/company-repository'

/** The company a login works for; one removed meanwhile is a clear error, not a crash. */
export function companyOf(companies: Pick<CompanyRepository, 'find'>, companyId: string): Company {
  const company = companies.find(companyId)
  if (!company) throw new AppError('COMPANY_NOT_FOUND', 'This company is no longer on the list.')
  return company
}

/** The KSeF context a company logs in to: its NIP or PESEL. */
export function contextOf(company: Company): ContextIdentifier {
  return { type: company.identifier.type, value: company.identifier.value }
}
