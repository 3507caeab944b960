// --company N: which company of the data folder a command acts on, named the way an accountant
// knows it — by its NIP or InternalId — with --env to tell apart the same identifier in two
// environments.
import type { Company } from '../../shared/domain/company'
import type { Environment } from '../../shared/domain/environment'
import { AppError } from '../../shared/ipc/errors'
import { normalizeInternalId } from '../../shared/validation/internal-id'
import { normalizeNip } from '../../shared/validation/nip'
import { environmentOptionName } from './options'

/** "Spółka Testowa (NIP 5265877635, Test)": how a company is named in the CLI's messages. */
export function describeCompany(company: Company): string {
  const type = company.identifier.type === 'Nip' ? 'NIP' : 'InternalId'
  return `${company.name} (${type} ${company.identifier.value}, ${company.environment})`
}

/** Matches the identifier as stored (separators the form accepts are ignored), then the environment. */
export function chooseCompany(
  companies: readonly Company[],
  identifier: string,
  environment?: Environment,
): Company {
  const named = companies.filter(({ identifier: stored }) =>
    stored.type === 'Nip'
      ? stored.value === normalizeNip(identifier)
      : stored.value === normalizeInternalId(identifier),
  )
  const matches =
    environment === undefined ? named : named.filter((c) => c.environment === environment)
  const [company, ...others] = matches
  if (company && others.length === 0) return company
  if (company) {
    throw new AppError(
      'CLI_COMPANY_AMBIGUOUS',
      `${identifier} is on the list in ${matches.length} environments: ${matches
        .map((c) => `"${c.name}" (--env ${environmentOptionName(c.environment)})`)
        .join(' and ')}. Add --env to choose one.`,
      { environments: matches.map((c) => c.environment) },
    )
  }
  const where = environment === undefined ? '' : ` in ${environment}`
  const elsewhere =
    named.length > 0
      ? ` It is on the list in ${named.map((c) => `${c.environment} (--env ${environmentOptionName(c.environment)})`).join(', ')}.`
      : ''
  throw new AppError(
    'COMPANY_NOT_FOUND',
    `No company with the identifier ${identifier}${where} in this data folder.${elsewhere} "ksef-desk companies list" shows them; "ksef-desk companies add" adds one.`,
    { identifier },
  )
}
