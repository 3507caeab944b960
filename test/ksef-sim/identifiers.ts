export type ContextIdentifierType = 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId'
export interface ContextIdentifier {
  type: ContextIdentifierType
  value: string
}

/** Who a credential identifies: a NIP, a PESEL, or the SHA-256 fingerprint of a certificate. */
export type SubjectIdentifierType = 'Nip' | 'Pesel' | 'Fingerprint'
export interface SubjectIdentifier {
  type: SubjectIdentifierType
  value: string
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7]

export const NIP_PATTERN = /^[1-9]((\d[1-9])|([1-9]\d))\d{7}$/

export function isValidNip(nip: string): boolean {
  if (!NIP_PATTERN.test(nip)) return false
  const digits = [...nip].map(Number)
  const sum = NIP_WEIGHTS.reduce((acc, weight, i) => acc + weight * (digits[i] ?? 0), 0)
  const check = sum % 11
  return check !== 10 && check === digits[9]
}

// The official XSDs carry literal ^/$ inside the NipVatUe and PeppolId patterns (a known defect,
// see ksef-contract/README.md), so these two are checked with the contract's JSON-schema regexes.
const VAT_UE_PATTERN =
  /^(ATU\d{8}|BE[01]\d{9}|BG\d{9,10}|CY\d{8}[A-Z]|CZ\d{8,10}|DE\d{9}|DK\d{8}|EE\d{9}|EL\d{9}|ES([A-Z]\d{8}|\d{8}[A-Z]|[A-Z]\d{7}[A-Z])|FI\d{8}|FR[A-Z0-9]{2}\d{9}|HR\d{11}|HU\d{8}|IE(\d{7}[A-Z]{2}|\d[A-Z0-9+*]\d{5}[A-Z])|IT\d{11}|LT(\d{9}|\d{12})|LU\d{8}|LV\d{11}|MT\d{8}|NL[A-Z0-9+*]{12}|PT\d{9}|RO\d{2,10}|SE\d{12}|SI\d{8}|SK\d{10}|XI((\d{9}|\d{12})|(GD|HA)\d{3}))$/
const PEPPOL_PATTERN = /^P[A-Z]{2}[0-9]{6}$/

/** The shape the schemas demand for each context type (checksums are a separate question). */
export function hasContextShape(context: ContextIdentifier): boolean {
  const { type, value } = context
  switch (type) {
    case 'Nip':
      return NIP_PATTERN.test(value)
    case 'InternalId':
      return /^[1-9]((\d[1-9])|([1-9]\d))\d{7}-\d{5}$/.test(value)
    case 'NipVatUe': {
      const dash = value.indexOf('-')
      return (
        dash === 10 && NIP_PATTERN.test(value.slice(0, 10)) && VAT_UE_PATTERN.test(value.slice(11))
      )
    }
    case 'PeppolId':
      return PEPPOL_PATTERN.test(value)
  }
}

/** KSeF answers 21117 when the identifier is well-formed but cannot belong to its type. */
export function isValidContext(context: ContextIdentifier): boolean {
  if (!hasContextShape(context)) return false
  if (context.type === 'PeppolId') return true
  return isValidNip(context.value.slice(0, 10))
}

/** The NIP a context belongs to, when it has one (every type but PeppolId). */
export function nipOfContext(context: ContextIdentifier): string | undefined {
  return context.type === 'PeppolId' ? undefined : context.value.slice(0, 10)
}

export function contextKey(context: ContextIdentifier): string {
  return `${context.type}:${context.value}`
}

export function subjectKey(subject: SubjectIdentifier): string {
  return `${subject.type}:${subject.value}`
}

export function sameSubject(a: SubjectIdentifier, b: SubjectIdentifier): boolean {
  return a.type === b.type && a.value.toUpperCase() === b.value.toUpperCase()
}
