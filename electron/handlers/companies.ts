import { randomUUID } from 'node:crypto'
import type { Company, CompanyDraft } from '../../shared/domain/company'
import { AppError } from '../../shared/ipc/errors'
import {
  checkCompanyDraft,
  normalizeCompanyDraft,
  type CompanyDraftProblems,
} from '../../shared/validation/company'
import { companySecretPrefix } from '../vault/secret-store'
import { requireCompany } from './company-lookup'
import type { Handler, HandlerContext } from './context'

const messages: Record<NonNullable<CompanyDraftProblems[keyof CompanyDraftProblems]>, string> = {
  NIP_REQUIRED: 'Enter the NIP.',
  NIP_NOT_DIGITS: 'A NIP has digits only.',
  NIP_WRONG_LENGTH: 'A NIP has exactly 10 digits.',
  NIP_BAD_PREFIX: 'A NIP cannot start with 0 or have 00 in positions 2–3.',
  NIP_BAD_CHECKSUM: 'The NIP check digit does not match: there is a typo in it.',
  INTERNAL_ID_REQUIRED: 'Enter the internal identifier.',
  INTERNAL_ID_FORMAT: 'An internal identifier looks like NIP-12345 (10 digits, a dash, 5 digits).',
  INTERNAL_ID_BAD_NIP: 'The NIP part of the internal identifier is not a valid NIP.',
  COMPANY_NAME_REQUIRED: 'Enter the company name.',
  COMPANY_NAME_TOO_LONG: 'The company name is too long.',
}

/** Checks a draft as the form does, and refuses the same identifier twice in one environment. */
function validDraft(draft: CompanyDraft, ctx: HandlerContext, exceptId?: string): CompanyDraft {
  const problems = checkCompanyDraft(draft)
  const first = problems.name ?? problems.identifier
  if (first) {
    throw new AppError(first, messages[first], {
      field: problems.name ? 'name' : 'identifier',
    })
  }
  const normalized = normalizeCompanyDraft(draft)
  const twin = ctx.companies
    .list()
    .find(
      (company) =>
        company.id !== exceptId &&
        company.environment === normalized.environment &&
        company.identifier.type === normalized.identifier.type &&
        company.identifier.value === normalized.identifier.value,
    )
  if (twin) {
    throw new AppError(
      'COMPANY_DUPLICATE',
      `This identifier is already on the list in this environment, as "${twin.name}".`,
      { field: 'identifier', existingName: twin.name },
    )
  }
  return normalized
}

/** Tells the page the company list changed (every window shows it). */
export function changed(ctx: HandlerContext): void {
  ctx.events.emit('companies:changed', ctx.companies.list())
}

export const companyHandlers: {
  'companies:list': Handler<'companies:list'>
  'companies:add': Handler<'companies:add'>
  'companies:update': Handler<'companies:update'>
  'companies:remove': Handler<'companies:remove'>
  'companies:overview': Handler<'companies:overview'>
} = {
  'companies:list': (_input, ctx) => Promise.resolve(ctx.companies.list()),

  'companies:add': (draft, ctx) => {
    const now = new Date(ctx.clock.now()).toISOString()
    const company: Company = {
      ...validDraft(draft, ctx),
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
    }
    ctx.companies.save(company)
    ctx.log.info('company added', { companyId: company.id })
    changed(ctx)
    return Promise.resolve(company)
  },

  'companies:update': ({ id, ...draft }, ctx) => {
    const existing = requireCompany(ctx, id)
    const normalized = validDraft(draft, ctx, id)
    const moved =
      normalized.environment !== existing.environment ||
      normalized.identifier.type !== existing.identifier.type ||
      normalized.identifier.value !== existing.identifier.value
    if (moved && contextLocked(ctx, id)) {
      throw new AppError(
        'COMPANY_HAS_CREDENTIALS',
        'The identifier or environment cannot change while certificates or tokens are stored for this company or it is logged in: remove them and log out first, or add the company anew.',
        { field: normalized.environment !== existing.environment ? 'environment' : 'identifier' },
      )
    }
    // The operations and challenge of the old context mean nothing in the new one.
    if (moved) ctx.login.forget(id)
    const company: Company = {
      ...existing,
      ...normalized,
      updatedAt: new Date(ctx.clock.now()).toISOString(),
    }
    ctx.companies.save(company)
    changed(ctx)
    return Promise.resolve(company)
  },

  // A login under way would write its session back after the removal: wait for it. Then secrets
  // go first: if the secret store cannot be opened the company stays, whole.
  'companies:remove': async ({ id }, ctx) => {
    requireCompany(ctx, id)
    if (ctx.login.isBusy(id)) {
      throw new AppError(
        'AUTH_IN_PROGRESS',
        'A login of this company is under way: remove the company when it ends.',
      )
    }
    const secrets = await ctx.secrets.deleteAll(companySecretPrefix(id))
    ctx.login.forget(id)
    for (const certificate of ctx.credentials.removeCompany(id)) {
      await ctx.certificateFiles.remove(certificate.id)
    }
    ctx.certificateLifecycle.forgetCompany(id)
    ctx.companies.remove(id)
    ctx.log.info('company removed', { companyId: id, secrets })
    changed(ctx)
    return { id }
  },

  // Built from one read of the settings, in O(companies): the page asks once, then hears pushes.
  'companies:overview': (_input, ctx) => Promise.resolve(ctx.companyStatus.overview()),
}

/**
 * Credentials and sessions belong to one environment and context: moving a company that has any
 * would leave them pointing at the wrong KSeF, so its identifier and environment stay as they are
 * (the form says so before Zapisz, from companies:overview).
 */
function contextLocked(ctx: HandlerContext, companyId: string): boolean {
  return (
    ctx.credentials.certificates(companyId).length > 0 ||
    ctx.credentials.tokens(companyId).length > 0 ||
    ctx.login.state(companyId).session !== null
  )
}
