import { z } from 'zod'
import { Id } from './company'
import { CertificateKind, CertificateSummary, KsefCertificateStatus } from './credentials'
import { Environment } from './environment'

export { KsefCertificateStatus }

export const CertificateRevocationReason = z.enum(['Unspecified', 'Superseded', 'KeyCompromise'])
export type CertificateRevocationReason = z.infer<typeof CertificateRevocationReason>

/** The key pair made for an enrollment: EC P-256 by default, RSA 2048 on request. */
export const EnrollmentKeyType = z.enum(['EC', 'RSA'])
export type EnrollmentKeyType = z.infer<typeof EnrollmentKeyType>

export const PublicKeyUsage = z.enum(['KsefTokenEncryption', 'SymmetricKeyEncryption'])
export type PublicKeyUsage = z.infer<typeof PublicKeyUsage>

/** One MF public-key certificate (GET /security/public-key-certificates). */
export const PublicKeyCertificateSummary = z.object({
  usage: z.array(PublicKeyUsage),
  validFrom: z.iso.datetime({ offset: true }),
  validTo: z.iso.datetime({ offset: true }),
  fingerprintSha256: z.string(),
  publicKeyId: z.string(),
  subject: z.string(),
})
export type PublicKeyCertificateSummary = z.infer<typeof PublicKeyCertificateSummary>

export const PublicKeyCertificates = z.object({
  environment: Environment,
  /** When they were fetched from KSeF; the cache is per environment. */
  fetchedAt: z.iso.datetime(),
  certificates: z.array(PublicKeyCertificateSummary),
})
export type PublicKeyCertificates = z.infer<typeof PublicKeyCertificates>

const Limit = z.object({ limit: z.number().int(), remaining: z.number().int() })

/** GET /certificates/limits, shown before anything is asked. */
export const CertificateLimits = z.object({
  canRequest: z.boolean(),
  enrollment: Limit,
  certificate: Limit,
})
export type CertificateLimits = z.infer<typeof CertificateLimits>

export const EnrollmentStatusSummary = z.object({
  code: z.number().int(),
  description: z.string(),
  details: z.array(z.string()),
})

/**
 * An enrollment (Wniosek o certyfikat) kept on this computer from before it is sent: its private
 * key is sealed in the vault under the enrollment's id, so a restart between submit and retrieve
 * loses nothing. `referenceNumber` is null only while the request is being sent.
 */
export const EnrollmentSummary = z.object({
  id: Id,
  companyId: Id,
  environment: Environment,
  name: z.string(),
  kind: CertificateKind,
  keyType: EnrollmentKeyType,
  validFrom: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  referenceNumber: z.string().nullable(),
  /** KSeF's status: 100 in progress, 200 issued, 400/500/550 refused (the key is then deleted). */
  status: EnrollmentStatusSummary.nullable(),
  serialNumber: z.string().nullable(),
  /** The stored certificate it became, once retrieved. */
  certificateId: Id.nullable(),
  /** Odnów: the certificate this one succeeds. */
  renews: Id.nullable(),
  makeDefault: z.boolean(),
  /** When KSeF answered 410 for its status (it keeps statuses 30 days): it can only be removed. */
  goneAt: z.iso.datetime().nullable().optional(),
})
export type EnrollmentSummary = z.infer<typeof EnrollmentSummary>

/**
 * Usuń wniosek (certificates:forgetEnrollment): an enrollment that can come to nothing more —
 * refused (300 and up), gone from KSeF with no serial number learnt, retrieved, or never sent
 * (no reference number). One KSeF may still answer for keeps its sealed key: the certificate
 * it may become is paired with that key, which is kept nowhere else.
 */
export const enrollmentCanBeForgotten = (enrollment: EnrollmentSummary): boolean =>
  enrollment.certificateId !== null ||
  (enrollment.status !== null && enrollment.status.code >= 300) ||
  enrollment.referenceNumber === null ||
  (typeof enrollment.goneAt === 'string' && enrollment.serialNumber === null)

/** Where a certificate of the list lives. */
export const CertificateLocation = z.enum([
  'thisComputer', // stored here with its key, usable
  'ksefOnly', // known to KSeF, no key here: can be revoked, not used
  'thisComputerUnusable', // stored here, but revoked, blocked or expired in KSeF: never used for login
  'enrollment', // an enrollment not retrieved yet (or refused)
])
export type CertificateLocation = z.infer<typeof CertificateLocation>

/** One row of the company's certificate list: what is here reconciled with what KSeF knows. */
export const CertificateRow = z.object({
  /** The stored certificate's id, the enrollment's id, or `ksef:SERIAL`. */
  id: z.string(),
  location: CertificateLocation,
  name: z.string(),
  kind: CertificateKind,
  serialNumber: z.string().nullable(),
  validFrom: z.iso.datetime({ offset: true }).nullable(),
  validTo: z.iso.datetime({ offset: true }).nullable(),
  ksefStatus: KsefCertificateStatus.nullable(),
  lastUseDate: z.iso.datetime({ offset: true }).nullable(),
  isDefault: z.boolean(),
  certificate: CertificateSummary.nullable(),
  enrollment: EnrollmentSummary.nullable(),
})
export type CertificateRow = z.infer<typeof CertificateRow>

/** What changed on its own while the list was reconciled, for the user to be told. */
export const CertificateListingNotice = z.object({
  kind: z.enum(['defaultPassedOn', 'defaultLost']),
  certificateKind: CertificateKind,
  /** The certificate that stopped being usable. */
  fromCertificateId: Id,
  fromName: z.string(),
  toCertificateId: Id.nullable(),
  toName: z.string().nullable(),
})
export type CertificateListingNotice = z.infer<typeof CertificateListingNotice>

export const CertificateListing = z.object({
  companyId: Id,
  rows: z.array(CertificateRow),
  /** When KSeF's list was read; null when only this computer's certificates are shown. */
  ksefCheckedAt: z.iso.datetime().nullable(),
  notices: z.array(CertificateListingNotice),
})
export type CertificateListing = z.infer<typeof CertificateListing>

export const EnrollmentDraft = z.object({
  name: z.string().max(200),
  kind: CertificateKind,
  keyType: EnrollmentKeyType.default('EC'),
  validFrom: z.iso.datetime({ offset: true }).nullable().default(null),
  makeDefault: z.boolean().default(true),
})
export type EnrollmentDraft = z.infer<typeof EnrollmentDraft>

export const EnrollmentResult = z.object({
  enrollment: EnrollmentSummary,
  /** Present when the certificate was issued and retrieved in the same call. */
  certificate: CertificateSummary.nullable(),
})
export type EnrollmentResult = z.infer<typeof EnrollmentResult>

/** The id of a list row KSeF alone knows (no copy here): `ksef:` and its serial number. */
export const KsefOnlyCertificateId = z.string().regex(/^ksef:[0-9A-Fa-f]{1,64}$/)
export const ksefOnlyCertificateId = (serialNumber: string): string => `ksef:${serialNumber}`

export const ExportFormat = z.enum(['pem', 'p12'])
export type ExportFormat = z.infer<typeof ExportFormat>

/** A file main wrote where the system's save dialog said (or the sandbox offered as a download). */
export const SavedFile = z.object({
  name: z.string(),
  /** False when the user cancelled the save dialog. */
  saved: z.boolean(),
  location: z.string().nullable(),
})
export type SavedFile = z.infer<typeof SavedFile>

/**
 * The sandbox's file-saving port offers each file as a download instead of writing it: the bytes
 * stay in main, served once at this URL of the page's own origin, so they never cross the bridge.
 */
export const FileDownloadOffer = z.object({ name: z.string(), url: z.string() })
export type FileDownloadOffer = z.infer<typeof FileDownloadOffer>

export const CertificateExportResult = z.object({
  files: z.array(SavedFile),
  /** No key is stored here for it: only the certificate (.crt) could be exported. */
  certificateOnly: z.boolean(),
})
export type CertificateExportResult = z.infer<typeof CertificateExportResult>

/** Sprawdź certyfikat trybu Offline: the checks and a sample KOD II link signed with it. */
export const OfflineCheckResult = z.object({
  certificateId: Id,
  serialNumber: z.string(),
  kindByKeyUsage: CertificateKind.nullable(),
  validity: z.enum(['valid', 'expired', 'notYetValid']),
  validFrom: z.iso.datetime(),
  validTo: z.iso.datetime(),
  keyFits: z.boolean(),
  /** From KSeF when the company has a session; null otherwise. */
  ksefStatus: KsefCertificateStatus.nullable(),
  link: z.string(),
  /** The link as a QR code, PNG, base64. */
  qrPngBase64: z.string(),
})
export type OfflineCheckResult = z.infer<typeof OfflineCheckResult>

export const CertificateStep = z.enum([
  'limits',
  'enrollmentData',
  'generatingKey',
  'sending',
  'waiting',
  'rateLimited',
  'retrieving',
  'done',
  'failed',
])
export type CertificateStep = z.infer<typeof CertificateStep>

/** Pushed while an enrollment runs, so the user sees where it is. */
export const CertificateProgress = z.object({
  companyId: Id,
  enrollmentId: Id.nullable(),
  step: CertificateStep,
  statusCode: z.number().int().optional(),
  waitSeconds: z.number().int().optional(),
  referenceNumber: z.string().optional(),
})
export type CertificateProgress = z.infer<typeof CertificateProgress>
