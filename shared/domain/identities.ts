import { z } from 'zod'
import { Id, type Company } from './company'
import {
  CertificateIssuerKind,
  CertificateKind,
  CertificateSubjectIdentifier,
  KsefCertificateStatus,
  certificateStatusBarsLogin,
  validAt,
  type CertificateSummary,
} from './credentials'
import { Environment } from './environment'

/**
 * Tożsamość: an accountant's or the office's own KSeF certificate, stored once (its private key
 * sealed) and assigned to the client companies whose owners granted it permissions in KSeF. It
 * belongs to no company: it logs in to each assigned company's context.
 */
export const Identity = z.object({
  id: Id,
  name: z.string(),
  kind: CertificateKind,
  serialNumber: z.string(),
  subject: z.string(),
  /** The NIP or PESEL the subject names; null: KSeF knows the certificate by its fingerprint. */
  subjectIdentifier: CertificateSubjectIdentifier.nullable(),
  issuer: z.string(),
  issuerKind: CertificateIssuerKind,
  /** Where the certificate works (KSeF's CA of Test/Demo or Production, self-signed: Test). */
  environments: z.array(Environment).min(1),
  validFrom: z.iso.datetime(),
  validTo: z.iso.datetime(),
  fingerprintSha256: z.string(),
  keyAlgorithm: z.string(),
  addedAt: z.iso.datetime(),
  /** The status KSeF last reported; Revoked, Blocked or Expired keeps it from every login. */
  ksefStatus: KsefCertificateStatus.nullable().default(null),
})
export type Identity = z.infer<typeof Identity>

/** One company logged in by an identity. A company has at most one. */
export const IdentityAssignment = z.object({
  identityId: Id,
  companyId: Id,
  assignedAt: z.iso.datetime(),
})
export type IdentityAssignment = z.infer<typeof IdentityAssignment>

/** What Tożsamości lists: the identity and the companies it logs in. */
export const IdentityRow = Identity.extend({ companyIds: z.array(Id) })
export type IdentityRow = z.infer<typeof IdentityRow>

/**
 * What logs a company in when it signs with a certificate ("Zaloguj certyfikatem KSeF"). The
 * rule: the company's own default Authentication certificate, while it is within its validity
 * `now` and KSeF has not reported it revoked, blocked or expired; otherwise its assigned identity;
 * otherwise its own default still (the login then says why it cannot be used); otherwise nothing.
 */
export const LoginCertificate = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('certificate'), certificateId: Id, name: z.string() }),
  z.object({ kind: z.literal('identity'), identityId: Id, name: z.string() }),
  z.object({ kind: z.literal('none') }),
])
export type LoginCertificate = z.infer<typeof LoginCertificate>

export function loginCertificateOf(
  companyId: string,
  certificates: readonly CertificateSummary[],
  assigned: Identity | undefined,
  now: number,
): LoginCertificate {
  const own = certificates.find(
    (c) => c.companyId === companyId && c.kind === 'Authentication' && c.isDefault,
  )
  if (own && validAt(own, now) && !certificateStatusBarsLogin(own.ksefStatus))
    return { kind: 'certificate', certificateId: own.id, name: own.name }
  if (assigned) return { kind: 'identity', identityId: assigned.id, name: assigned.name }
  if (own) return { kind: 'certificate', certificateId: own.id, name: own.name }
  return { kind: 'none' }
}

/** The company's identity, when one is assigned to it. */
export function assignedIdentity(
  companyId: string,
  identities: readonly Identity[],
  assignments: readonly IdentityAssignment[],
): Identity | undefined {
  const assignment = assignments.find((a) => a.companyId === companyId)
  return assignment && identities.find((i) => i.id === assignment.identityId)
}

/** How an identity is shown: its NIP or PESEL, or its fingerprint when the subject names neither. */
export function identityIdentifier(
  identity: Pick<Identity, 'subjectIdentifier' | 'fingerprintSha256'>,
): {
  type: 'Nip' | 'Pesel' | 'Fingerprint'
  value: string
} {
  return identity.subjectIdentifier ?? { type: 'Fingerprint', value: identity.fingerprintSha256 }
}

/** The companies chosen for an assignment: all of them, or those whose NIP is listed. */
export const CompanySelection = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ nips: z.array(z.string().max(32)).min(1).max(5000) }),
])
export type CompanySelection = z.infer<typeof CompanySelection>

/** NIPs as an office pastes them: separated by commas, semicolons, spaces or lines, dashes allowed. */
export const nipsOfText = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((nip) => nip.replace(/-/g, ''))
    .filter((nip) => nip !== '')

/**
 * The companies a selection names among those of the environments the identity works in ("all":
 * every one of them), the NIPs that name no company, and the companies a NIP names only in another
 * environment (which the identity cannot log in).
 */
export function selectCompanies(
  selection: CompanySelection,
  companies: readonly Company[],
  environments: readonly Environment[],
): { companies: Company[]; unknownNips: string[]; otherEnvironment: Company[] } {
  const usable = (c: Company) => environments.includes(c.environment)
  if ('all' in selection)
    return { companies: companies.filter(usable), unknownNips: [], otherEnvironment: [] }
  const wanted = new Set(selection.nips.map((nip) => nip.replace(/-/g, '')))
  const named = companies.filter(
    (c) => c.identifier.type === 'Nip' && wanted.has(c.identifier.value),
  )
  const found = new Set(named.map((c) => c.identifier.value))
  const chosen = named.filter(usable)
  const chosenNips = new Set(chosen.map((c) => c.identifier.value))
  return {
    companies: chosen,
    unknownNips: [...wanted].filter((nip) => !found.has(nip)),
    otherEnvironment: named.filter((c) => !usable(c) && !chosenNips.has(c.identifier.value)),
  }
}
