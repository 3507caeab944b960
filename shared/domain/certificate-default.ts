import type { CertificateSummary } from './credentials'

const unusable = new Set(['Revoked', 'Blocked', 'Expired'])

const sameSubject = (a: CertificateSummary, b: CertificateSummary): boolean =>
  a.subjectIdentifier === null || b.subjectIdentifier === null
    ? a.subjectIdentifier === b.subjectIdentifier && a.subject === b.subject
    : a.subjectIdentifier.type === b.subjectIdentifier.type &&
      a.subjectIdentifier.value === b.subjectIdentifier.value

/**
 * The certificate that becomes the default of its kind when `leaving` (the default) is removed or
 * stops being usable: the newest other one of the same company and kind that KSeF has not
 * revoked, blocked or expired, issued for the same identifier — a certificate of another subject
 * becomes the default only when the user picks it. The removal dialog names it before main
 * applies it, so both read it here.
 */
export function defaultHeir(
  certificates: readonly CertificateSummary[],
  leaving: CertificateSummary,
): CertificateSummary | undefined {
  if (!leaving.isDefault) return undefined
  return certificates
    .filter(
      (c) =>
        c.id !== leaving.id &&
        c.companyId === leaving.companyId &&
        c.kind === leaving.kind &&
        !(c.ksefStatus !== null && unusable.has(c.ksefStatus)) &&
        sameSubject(c, leaving),
    )
    .reduce<CertificateSummary | undefined>(
      (best, c) => (!best || c.addedAt > best.addedAt ? c : best),
      undefined,
    )
}
