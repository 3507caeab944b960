import { companyNameMaxLength, type CompanyDraft } from '../domain/company'
import { checkInternalId, normalizeInternalId, type InternalIdProblem } from './internal-id'
import { checkNip, normalizeNip, type NipProblem } from './nip'

export type CompanyNameProblem = 'COMPANY_NAME_REQUIRED' | 'COMPANY_NAME_TOO_LONG'
export type CompanyDraftProblems = {
  name?: CompanyNameProblem
  identifier?: NipProblem | InternalIdProblem
}

/** Every problem of a company form, by field; empty when the draft can be saved. */
export function checkCompanyDraft(draft: CompanyDraft): CompanyDraftProblems {
  const problems: CompanyDraftProblems = {}
  const name = draft.name.trim()
  if (name === '') problems.name = 'COMPANY_NAME_REQUIRED'
  else if (name.length > companyNameMaxLength) problems.name = 'COMPANY_NAME_TOO_LONG'
  const identifierProblem =
    draft.identifier.type === 'Nip'
      ? checkNip(draft.identifier.value)
      : checkInternalId(draft.identifier.value)
  if (identifierProblem) problems.identifier = identifierProblem
  return problems
}

/** The draft as it is stored: trimmed name, identifier without separators. */
export function normalizeCompanyDraft(draft: CompanyDraft): CompanyDraft {
  const value =
    draft.identifier.type === 'Nip'
      ? normalizeNip(draft.identifier.value)
      : normalizeInternalId(draft.identifier.value)
  return {
    name: draft.name.trim(),
    identifier: { type: draft.identifier.type, value },
    environment: draft.environment,
  }
}
