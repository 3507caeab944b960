import type { KeyObject } from 'node:crypto'
import type { ContextIdentifier, SubjectIdentifier } from './identifiers'
import { contextKey } from './identifiers'

export const TOKEN_PERMISSIONS = [
  'InvoiceRead',
  'InvoiceWrite',
  'CredentialsRead',
  'CredentialsManage',
  'SubunitManage',
  'EnforcementOperations',
  'Introspection',
  'CollectiveIdentifierManage',
] as const
export type TokenPermission = (typeof TOKEN_PERMISSIONS)[number]

export type SimulatorMode = 'test' | 'demo' | 'prod'

export interface StatusInfo {
  code: number
  description: string
  details?: string[]
}

/** The DN attributes KSeF hands out for a CSR (GET /certificates/enrollments/data). */
export interface EnrollmentData {
  commonName: string
  countryName: string
  givenName?: string
  surname?: string
  serialNumber?: string
  uniqueIdentifier?: string
  organizationName?: string
  organizationIdentifier?: string
}

export interface AllowedIps {
  ip4Addresses: string[]
  ip4Ranges: string[]
  ip4Masks: string[]
}

export interface ChallengeRecord {
  challenge: string
  timestampMs: number
  clientIp: string
  used: boolean
}

export type AuthenticationMethod =
  'Token' | 'InternalCertificate' | 'QualifiedSignature' | 'QualifiedSeal'

/** What a XAdES login presented, kept for the checks KSeF runs after answering 202. */
export interface CertificateLogin {
  der: Buffer
  fingerprint: string
  notBeforeMs: number
  notAfterMs: number
  /** Serial number of a certificate this simulator's CA issued (a "KSeF certificate"). */
  issuedSerial?: string
  /** verifyCertificateChain=true on a self-signed certificate: the chain check fails later. */
  untrustedChain: boolean
  enrollmentData: EnrollmentData
}

/** What a KSeF-token login sent; KSeF decrypts and judges it only after answering 202. */
export interface TokenLogin {
  encryptedToken: Buffer
  privateKey: KeyObject
  challengeTimestampMs: number
}

export interface AuthOperation {
  referenceNumber: string
  startMs: number
  context: ContextIdentifier
  method: AuthenticationMethod
  /** Known at once for a signature; for a KSeF token once it is decrypted (its author). */
  subject?: SubjectIdentifier
  certificate?: CertificateLogin
  tokenLogin?: TokenLogin
  ksefTokenReference?: string
  allowedIps?: AllowedIps
  /** The final status; undefined while the operation is still "in progress" (100). */
  outcome?: StatusInfo
  permissions: TokenPermission[]
  redeemedMs?: number
  refreshTokenValidUntilMs?: number
  lastRefreshMs?: number
  revoked: boolean
}

export interface KsefTokenRecord {
  referenceNumber: string
  secret: string
  context: ContextIdentifier
  author: SubjectIdentifier
  description: string
  permissions: TokenPermission[]
  createdMs: number
  activeFromMs: number
  failed: boolean
  revokingFromMs?: number
  revokedFromMs?: number
  lastUseMs?: number
}

export type KsefTokenStatus = 'Pending' | 'Active' | 'Revoking' | 'Revoked' | 'Failed'

export function ksefTokenStatus(token: KsefTokenRecord, now: number): KsefTokenStatus {
  if (token.failed) return 'Failed'
  if (token.revokedFromMs !== undefined && now >= token.revokedFromMs) return 'Revoked'
  if (token.revokingFromMs !== undefined) return 'Revoking'
  return now >= token.activeFromMs ? 'Active' : 'Pending'
}

export type CertificateType = 'Authentication' | 'Offline'
export type RevocationReason = 'Unspecified' | 'Superseded' | 'KeyCompromise'

export interface IssuedCertificate {
  serialNumber: string
  name: string
  type: CertificateType
  der: Buffer
  subject: SubjectIdentifier
  commonName: string
  validFromMs: number
  validToMs: number
  requestMs: number
  publicKeySha256: string
  revokingFromMs?: number
  revokedFromMs?: number
  revocationReason?: RevocationReason
  lastUseMs?: number
}

export type CertificateStatus = 'Active' | 'Blocked' | 'Revoked' | 'Expired'

/** Blocked is KSeF's transient state while a revocation is being processed. */
export function certificateStatus(certificate: IssuedCertificate, now: number): CertificateStatus {
  if (certificate.revokedFromMs !== undefined && now >= certificate.revokedFromMs) return 'Revoked'
  if (certificate.revokingFromMs !== undefined) return 'Blocked'
  if (now > certificate.validToMs) return 'Expired'
  return 'Active'
}

export interface Enrollment {
  referenceNumber: string
  requestMs: number
  readyAtMs: number
  subject: SubjectIdentifier
  name: string
  type: CertificateType
  csrSubjectDer: ArrayBuffer
  publicKeyDer: Buffer
  validFromMs?: number
  result?: { status: StatusInfo; serialNumber?: string }
  /** Pinned by seed.endNextEnrollment: the status it ends in instead of being issued. */
  seededEnding?: StatusInfo
}

export interface PermissionGrant {
  context: ContextIdentifier
  subject: SubjectIdentifier
  permissions: TokenPermission[]
}

/** A NIP–PESEL link, as POST /testdata/person makes on the TEST environment. */
export interface PersonRecord {
  nip: string
  pesel: string
  isBailiff: boolean
  isDeceased: boolean
  description: string
}

export interface SubjectLimits {
  enrollment: number
  certificate: number
}

/** Everything the simulator remembers. One instance per simulator; nothing is persisted. */
export class SimulatorState {
  readonly challenges = new Map<string, ChallengeRecord>()
  readonly authOperations = new Map<string, AuthOperation>()
  readonly tokens = new Map<string, KsefTokenRecord>()
  readonly certificates = new Map<string, IssuedCertificate>()
  readonly enrollments = new Map<string, Enrollment>()
  readonly grants: PermissionGrant[] = []
  readonly persons = new Map<string, PersonRecord>()
  readonly blockedContexts = new Set<string>()
  readonly subjectLimitOverrides = new Map<string, Partial<SubjectLimits>>()
  /** Seeded endings (400/500/550) for the next enrollments accepted, in order. */
  readonly enrollmentEndings: StatusInfo[] = []

  isBlocked(context: ContextIdentifier): boolean {
    return this.blockedContexts.has(contextKey(context))
  }

  tokenBySecret(secret: string): KsefTokenRecord | undefined {
    for (const token of this.tokens.values()) if (token.secret === secret) return token
    return undefined
  }
}
