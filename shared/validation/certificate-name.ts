// KSeF rules for the name of a certificate enrollment (EnrollCertificateRequest.certificateName):
// 5–100 characters of letters, digits, space, '-', '_' and Polish letters; no dots.

export const certificateNameMinLength = 5
export const certificateNameMaxLength = 100

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
