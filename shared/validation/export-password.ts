// Password rules of the MF web app (Aplikacja Podatnika) for exported keys: a file we write must
// open there too, so we apply the same rules to every .key and .p12 we export.

export const exportPasswordSpecials = '!@#$%^&*()-_+='
export const exportPasswordMinLength = 15
export const exportPasswordMaxLength = 32

export type ExportPasswordRule =
  | 'length' // 15–32 characters
  | 'upper' // at least one upper-case letter A–Z
  | 'lower' // at least one lower-case letter a–z
  | 'digit' // at least one digit
  | 'special' // at least one of !@#$%^&*()-_+=
  | 'characters' // nothing else: no Polish letters, no spaces, no other punctuation

const allowed = /^[A-Za-z0-9!@#$%^&*()\-_+=]*$/

/** The rules a password breaks, in the order the MF app lists them; empty when it is accepted. */
export function brokenExportPasswordRules(password: string): ExportPasswordRule[] {
  const broken: ExportPasswordRule[] = []
  const length = [...password].length
  if (length < exportPasswordMinLength || length > exportPasswordMaxLength) broken.push('length')
  if (!/[A-Z]/.test(password)) broken.push('upper')
  if (!/[a-z]/.test(password)) broken.push('lower')
  if (!/[0-9]/.test(password)) broken.push('digit')
  if (![...exportPasswordSpecials].some((c) => password.includes(c))) broken.push('special')
  if (!allowed.test(password)) broken.push('characters')
  return broken
}

export function checkExportPassword(password: string): 'EXPORT_PASSWORD_RULES' | null {
  return brokenExportPasswordRules(password).length === 0 ? null : 'EXPORT_PASSWORD_RULES'
}

export const isValidExportPassword = (password: string): boolean =>
  checkExportPassword(password) === null
