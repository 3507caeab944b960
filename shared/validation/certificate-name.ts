// KSeF rules for the name of a certificate enrollment (EnrollCertificateRequest.certificateName):
// 5–100 characters of letters, digits, space, '-', '_' and Polish letters; no dots.

export const certificateNameMinLength = 5
export const certificateNameMaxLength = 100
/** The MF web app (Aplikacja Podatnika) itself takes at most 50: longer names are told so. */
export const mfWebAppNameMaxLength = 50

const pattern = /^[a-zA-Z0-9_\- ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]+$/

export type CertificateNameRule = 'length' | 'characters'

/** The rules a name breaks; empty when KSeF accepts it. */
export function brokenCertificateNameRules(name: string): CertificateNameRule[] {
  const broken: CertificateNameRule[] = []
  const length = [...name].length
  if (length < certificateNameMinLength || length > certificateNameMaxLength) broken.push('length')
  if (name !== '' && !pattern.test(name)) broken.push('characters')
  return broken
}

export function checkCertificateName(name: string): 'CERTIFICATE_NAME_RULES' | null {
  return brokenCertificateNameRules(name).length === 0 ? null : 'CERTIFICATE_NAME_RULES'
}

export const isValidCertificateName = (name: string): boolean => checkCertificateName(name) === null

export type CertificateNameErrorCode =
  'CERT_NAME_TOO_SHORT' | 'CERT_NAME_TOO_LONG' | 'CERT_NAME_CHARACTERS'

/** Each rule a name breaks as its own error code, in the order the form shows them. */
export function certificateNameErrors(name: string): CertificateNameErrorCode[] {
  const length = [...name].length
  const errors: CertificateNameErrorCode[] = []
  if (length < certificateNameMinLength) errors.push('CERT_NAME_TOO_SHORT')
  if (length > certificateNameMaxLength) errors.push('CERT_NAME_TOO_LONG')
  if (brokenCertificateNameRules(name).includes('characters')) errors.push('CERT_NAME_CHARACTERS')
  return errors
}

/** The characters of a name KSeF refuses, each once (a dot is the usual one). */
export const forbiddenCertificateNameCharacters = (name: string): string[] => [
  ...new Set([...name].filter((character) => !pattern.test(character))),
]
