import type { Company } from '../../shared/domain/company'
import { AppError } from '../../shared/ipc/errors'
import type { HandlerContext } from './context'

/** Every action applies to one company; one that is gone is a clear error, not a crash. */
export function requireCompany(ctx: HandlerContext, companyId: string): Company {
  const company = ctx.companies.find(companyId)
  if (!company) throw new AppError('COMPANY_NOT_FOUND', 'This company is no longer on the list.')
  return company
}
