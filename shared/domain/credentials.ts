import { z } from 'zod'
import { Id } from './company'
import { Environment } from './environment'

// Certificates, keys and signed requests are a few kilobytes; 1 MiB leaves room and stops abuse.
const fileLimitBase64 = 1_400_000

/**
 * A file the user picked in the page: its name and bytes (certificates, keys, signed requests).
 * A file over the limit is refused as FILE_TOO_LARGE (dispatch reads the code from the issue's
 * params), and before the base64 check, which on 50 MB would hold main's event loop.
 */
export const FilePayload = z.object({
  name: z.string().max(255),
  base64: z
    .string()
    .superRefine((base64, ctx) => {
      if (base64.length > fileLimitBase64) {
        ctx.addIssue({
          code: 'custom',
          message: 'The file is larger than 1 MiB.',
          params: { appErrorCode: 'FILE_TOO_LARGE', details: { limit: '1 MiB' } },
          abort: true,
        })
      }
    })
    .pipe(z.base64()),
})
export type FilePayload = z.infer<typeof FilePayload>

/** KSeF certificate types: Authentication logs in (XAdES), Offline only signs KOD II links. */
export const CertificateKind = z.enum(['Authentication', 'Offline'])
export type CertificateKind = z.infer<typeof CertificateKind>

/** Who issued it: KSeF's own CA, nobody (self-signed, Test only), or another CA (qualified). */
export const CertificateIssuerKind = z.enum(['ksef', 'selfSigned', 'external'])
export type CertificateIssuerKind = z.infer<typeof CertificateIssuerKind>

export const CertificateOrigin = z.enum(['imported', 'testCertificate', 'enrolled'])
export type CertificateOrigin = z.infer<typeof CertificateOrigin>

export const CertificateSubjectIdentifier = z.object({
  type: z.enum(['Nip', 'Pesel']),
  value: z.string(),
})

/** A KSeF certificate's status as KSeF lists it (POST /certificates/query). */
export const KsefCertificateStatus = z.enum(['Active', 'Blocked', 'Revoked', 'Expired'])
export type KsefCertificateStatus = z.infer<typeof KsefCertificateStatus>

/** KSeF logs no one in with a certificate it reports revoked, blocked (being revoked) or expired. */
/** Whether `now` falls within a certificate's validity: from validFrom, until validTo. */
export const validAt = (validity: { validFrom: string; validTo: string }, now: number): boolean =>
  Date.parse(validity.validFrom) <= now && now < Date.parse(validity.validTo)

export const certificateStatusBarsLogin = (status: KsefCertificateStatus | null): boolean =>
  status === 'Revoked' || status === 'Blocked' || status === 'Expired'

/** What the app shows of a stored certificate. The private key stays sealed in main. */
export const CertificateSummary = z.object({
  id: Id,
  companyId: Id,
  name: z.string(),
  kind: CertificateKind,
  serialNumber: z.string(),
  subject: z.string(),
  subjectIdentifier: CertificateSubjectIdentifier.nullable(),
  issuer: z.string(),
  issuerKind: CertificateIssuerKind,
  /** The environment of the company it was stored for; checked again at every login. */
  environment: Environment,
  validFrom: z.iso.datetime(),
  validTo: z.iso.datetime(),
  fingerprintSha256: z.string(),
  keyAlgorithm: z.string(),
  origin: CertificateOrigin,
  addedAt: z.iso.datetime(),
  isDefault: z.boolean(),
  /** The status KSeF last reported; Revoked, Blocked or Expired keeps it from every login. */
  ksefStatus: KsefCertificateStatus.nullable().default(null),
  ksefCheckedAt: z.iso.datetime().nullable().default(null),
})
export type CertificateSummary = z.infer<typeof CertificateSummary>

export const TokenContext = z.object({
  type: z.enum(['Nip', 'InternalId', 'NipVatUe', 'PeppolId']),
  value: z.string(),
})
export type TokenContext = z.infer<typeof TokenContext>

/** Every token permission of the contract (TokenPermissionType). */
export const TokenPermission = z.enum([
  'InvoiceRead',
  'InvoiceWrite',
  'CredentialsRead',
  'CredentialsManage',
  'SubunitManage',
  'EnforcementOperations',
  'Introspection',
  'CollectiveIdentifierManage',
])
export type TokenPermission = z.infer<typeof TokenPermission>

/** A KSeF token's status in KSeF (AuthenticationTokenStatus). */
export const KsefTokenStatus = z.enum(['Pending', 'Active', 'Revoking', 'Revoked', 'Failed'])
export type KsefTokenStatus = z.infer<typeof KsefTokenStatus>

/** KSeF logs no one in with a token being revoked, revoked, or whose activation failed. */
export const tokenStatusBarsLogin = (status: KsefTokenStatus | null): boolean =>
  status === 'Revoking' || status === 'Revoked' || status === 'Failed'

/** The last Sprawdź token: a real login and logout with it. */
export const TokenCheck = z.object({
  checkedAt: z.iso.datetime(),
  ok: z.boolean(),
  /** The app's error code when it failed (KSEF_AUTH_FAILED with the KSeF status …). */
  errorCode: z.string().nullable(),
  ksefStatusCode: z.number().int().nullable(),
})
export type TokenCheck = z.infer<typeof TokenCheck>

/** A stored KSeF token, masked (reference number and the last characters of the secret). */
export const TokenSummary = z.object({
  id: Id,
  companyId: Id,
  masked: z.string(),
  referenceNumber: z.string(),
  context: TokenContext,
  description: z.string(),
  environment: Environment,
  addedAt: z.iso.datetime(),
  isDefault: z.boolean(),
  /** Wklej token (pasted) or Generuj token KSeF (generated here). */
  origin: z.enum(['pasted', 'generated']).default('pasted'),
  /** Known for generated tokens and once KSeF's list was read; empty otherwise. */
  permissions: z.array(TokenPermission).default([]),
  /** The status KSeF last reported; Revoking, Revoked or Failed keeps it from every login. */
  ksefStatus: KsefTokenStatus.nullable().default(null),
  ksefCheckedAt: z.iso.datetime().nullable().default(null),
  lastCheck: TokenCheck.nullable().default(null),
})
export type TokenSummary = z.infer<typeof TokenSummary>
