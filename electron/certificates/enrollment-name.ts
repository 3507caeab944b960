import { AppError } from '../../shared/ipc/errors'
import {
  certificateNameErrors,
  certificateNameMaxLength,
  certificateNameMinLength,
  forbiddenCertificateNameCharacters,
} from '../../shared/validation/certificate-name'

const shown = (character: string): string =>
  character === '.' ? 'a dot (.)' : /\s/.test(character) ? 'a tab or line break' : `"${character}"`

/** KSeF's rules for a certificate name, each broken rule with its own code, before anything is made. */
export function assertEnrollmentName(name: string): void {
  const broken = certificateNameErrors(name)
  const first = broken[0]
  if (!first) return
  const length = [...name].length
  const details = { field: 'name', broken, length }
  if (first === 'CERT_NAME_TOO_SHORT') {
    throw new AppError(
      first,
      `The certificate name has ${length} characters; KSeF wants at least ${certificateNameMinLength}.`,
      details,
    )
  }
  if (first === 'CERT_NAME_TOO_LONG') {
    throw new AppError(
      first,
      `The certificate name has ${length} characters; KSeF takes at most ${certificateNameMaxLength} (the MF web app 50).`,
      details,
    )
  }
  const forbidden = forbiddenCertificateNameCharacters(name)
  throw new AppError(
    first,
    `A certificate name may not hold ${forbidden.map(shown).join(', ')}: only letters (Polish too), digits, spaces, - and _.`,
    { ...details, forbidden },
  )
}
