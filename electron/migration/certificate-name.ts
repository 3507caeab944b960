import type { Company } from '../../shared/domain/company'
import {
  certificateNameMinLength,
  forbiddenCertificateNameCharacters,
  mfWebAppNameMaxLength,
} from '../../shared/validation/certificate-name'

/**
 * The name of the certificate the move enrolls for a company: its name as KSeF takes it — each
 * character KSeF refuses (a dot, a comma, quotes) becomes a space — within the 50 characters the
 * MF web app shows, or, when too little is left of it, "Certyfikat" and the identifier.
 */
export function migrationCertificateName(company: Pick<Company, 'name' | 'identifier'>): string {
  const forbidden = new Set(forbiddenCertificateNameCharacters(company.name))
  const cleaned = [...company.name]
    .map((character) => (forbidden.has(character) ? ' ' : character))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
  const cut = [...cleaned].slice(0, mfWebAppNameMaxLength).join('').trim()
  return [...cut].length >= certificateNameMinLength
    ? cut
    : `Certyfikat ${company.identifier.value}`
}
