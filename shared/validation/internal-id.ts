import { checkNip } from './nip'

// KSeF InternalId (a subordinate unit's context): "<NIP>-<5 digits>".

export type InternalIdProblem =
  'INTERNAL_ID_REQUIRED' | 'INTERNAL_ID_FORMAT' | 'INTERNAL_ID_BAD_NIP'

export function normalizeInternalId(value: string): string {
  return value.replace(/\s/g, '')
}

export function checkInternalId(value: string): InternalIdProblem | null {
  const id = normalizeInternalId(value)
  if (id === '') return 'INTERNAL_ID_REQUIRED'
  const match = /^(\d{10})-(\d{5})$/.exec(id)
  if (!match) return 'INTERNAL_ID_FORMAT'
  return checkNip(match[1] ?? '') === null ? null : 'INTERNAL_ID_BAD_NIP'
}

/** The NIP part of a valid InternalId. */
export const nipOfInternalId = (value: string): string => normalizeInternalId(value).slice(0, 10)
