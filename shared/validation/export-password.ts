// Password rules of the MF web app (Aplikacja Podatnika) for exported keys: a file we write must
// open there too, so we apply the same rules to every .key and .p12 we export.
import type { CertificateFileErrorCode } from '../errors/certificate-files'

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

/** Each rule's own error code, so the page can say exactly what to change. */
export const exportPasswordRuleCodes = {
  length: 'EXPORT_PASSWORD_LENGTH',
  upper: 'EXPORT_PASSWORD_UPPER',
  lower: 'EXPORT_PASSWORD_LOWER',
  digit: 'EXPORT_PASSWORD_DIGIT',
  special: 'EXPORT_PASSWORD_SPECIAL',
  characters: 'EXPORT_PASSWORD_CHARACTERS',
} as const satisfies Record<ExportPasswordRule, CertificateFileErrorCode>

/** The English message main gives with each code (the page translates the code instead). */
export const exportPasswordRuleMessages: Record<ExportPasswordRule, string> = {
  length: `The password must have ${exportPasswordMinLength}–${exportPasswordMaxLength} characters.`,
  upper: 'The password must have at least one upper-case letter (A–Z).',
  lower: 'The password must have at least one lower-case letter (a–z).',
  digit: 'The password must have at least one digit.',
  special: `The password must have at least one of ${exportPasswordSpecials}`,
  characters: `The password may hold only letters A–Z and a–z, digits and ${exportPasswordSpecials}: no Polish letters, no spaces, no other characters.`,
}

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

/** The code of the first rule the password breaks; null when it is accepted. */
export function checkExportPassword(password: string): CertificateFileErrorCode | null {
  const [first] = brokenExportPasswordRules(password)
  return first ? exportPasswordRuleCodes[first] : null
}

export const isValidExportPassword = (password: string): boolean =>
  checkExportPassword(password) === null

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const lower = 'abcdefghijklmnopqrstuvwxyz'
const digits = '0123456789'
const generatedLength = 24

/** Uniformly random integers below a bound, drawn from one batch of random words per password. */
function randomSource(): (bound: number) => number {
  const words = new Uint32Array(64)
  let next = words.length
  return (bound) => {
    // Rejection sampling: a word at or past the last whole multiple of bound would favour some values.
    const limit = Math.floor(0x1_0000_0000 / bound) * bound
    for (;;) {
      if (next === words.length) {
        crypto.getRandomValues(words)
        next = 0
      }
      const value = words[next++] ?? 0
      if (value < limit) return value % bound
    }
  }
}

/**
 * Generuj hasło: 24 characters from the whole allowed alphabet, one of each required kind among
 * them, shuffled. Uses the Web Crypto generator, which the page and Node both have.
 */
export function generateExportPassword(): string {
  const randomBelow = randomSource()
  const pick = (alphabet: string): string => alphabet[randomBelow(alphabet.length)] ?? ''
  const all = upper + lower + digits + exportPasswordSpecials
  const characters = [pick(upper), pick(lower), pick(digits), pick(exportPasswordSpecials)]
  while (characters.length < generatedLength) characters.push(pick(all))
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1)
    ;[characters[i], characters[j]] = [characters[j] ?? '', characters[i] ?? '']
  }
  return characters.join('')
}
