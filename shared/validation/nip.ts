// NIP (Polish tax identifier): 10 digits, the last a mod-11 check digit over weights 6 5 7 2 3 4 5 6 7.
// KSeF's schemas also forbid a leading 0 and "00" in positions 2–3 (tax office codes):
// [1-9]((\d[1-9])|([1-9]\d))\d{7}.

export type NipProblem =
  'NIP_REQUIRED' | 'NIP_NOT_DIGITS' | 'NIP_WRONG_LENGTH' | 'NIP_BAD_PREFIX' | 'NIP_BAD_CHECKSUM'

const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const

/** People paste NIPs as "526-587-76-35" or "526 587 76 35": keep the digits' order, drop the separators. */
export function normalizeNip(value: string): string {
  return value.replace(/[\s-]/g, '')
}

/** The problem with a NIP as typed (separators allowed), or null when it is a valid NIP. */
export function checkNip(value: string): NipProblem | null {
  const nip = normalizeNip(value)
  if (nip === '') return 'NIP_REQUIRED'
  if (!/^\d+$/.test(nip)) return 'NIP_NOT_DIGITS'
  if (nip.length !== 10) return 'NIP_WRONG_LENGTH'
  if (!/^[1-9](\d[1-9]|[1-9]\d)/.test(nip)) return 'NIP_BAD_PREFIX'
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(nip[i]), 0)
  const check = sum % 11
  if (check === 10 || check !== Number(nip[9])) return 'NIP_BAD_CHECKSUM'
  return null
}

export const isValidNip = (value: string): boolean => checkNip(value) === null
