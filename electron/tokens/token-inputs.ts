import type { TokenPermission } from '../../shared/domain/credentials'
import type { TokenDraft, TokenListFilter } from '../../shared/domain/ksef-tokens'
import { AppError } from '../../shared/ipc/errors'
import {
  brokenTokenDescriptionRule,
  tokenDescriptionLength,
  tokenDescriptionMaxLength,
  tokenDescriptionMinLength,
} from '../../shared/validation/token-description'
import { tokenFilterMinLength, tokenFilterTooShort } from '../../shared/validation/token-filter'
import type { TokenListFilter as KsefTokenQuery } from '../ksef/tokens'

/** What Generuj token KSeF sends: refused here, before KSeF is asked, when KSeF would refuse it. */
export function checkedDraft(draft: TokenDraft): {
  description: string
  permissions: TokenPermission[]
} {
  const description = draft.description.trim()
  const broken = brokenTokenDescriptionRule(description)
  const length = tokenDescriptionLength(description)
  if (broken === 'tooShort') {
    throw new AppError(
      'TOKEN_DESCRIPTION_TOO_SHORT',
      `The description needs at least ${tokenDescriptionMinLength} characters (it has ${length}).`,
      { field: 'description', minLength: tokenDescriptionMinLength, length },
    )
  }
  if (broken === 'tooLong') {
    throw new AppError(
      'TOKEN_DESCRIPTION_TOO_LONG',
      `The description can have at most ${tokenDescriptionMaxLength} characters (it has ${length}).`,
      { field: 'description', maxLength: tokenDescriptionMaxLength, length },
    )
  }
  const permissions = [...new Set(draft.permissions)]
  if (permissions.length === 0) {
    throw new AppError('TOKEN_NO_PERMISSION', 'Choose at least one permission for the token.', {
      field: 'permissions',
    })
  }
  return { description, permissions }
}

/** The filter of Pobierz tokeny, trimmed; a text too short for KSeF is refused here. */
export function checkedFilter(filter: TokenListFilter): TokenListFilter {
  const checked = {
    status: [...new Set(filter.status)],
    description: filter.description.trim(),
    author: filter.author.trim(),
  }
  for (const field of ['description', 'author'] as const) {
    if (tokenFilterTooShort(checked[field])) {
      throw new AppError(
        'TOKEN_FILTER_TOO_SHORT',
        `To filter by ${field}, type at least ${tokenFilterMinLength} characters.`,
        { field, minLength: tokenFilterMinLength },
      )
    }
  }
  return checked
}

export function ksefListFilter(filter: TokenListFilter): KsefTokenQuery {
  return {
    ...(filter.status.length > 0 ? { status: filter.status } : {}),
    ...(filter.description ? { description: filter.description } : {}),
    ...(filter.author ? { authorIdentifier: filter.author } : {}),
  }
}
