import { z } from 'zod'
import { AppStatus } from '../domain/app-status'
import { AuditFilter, AuditListing, AuditVerdict } from '../domain/audit'
import { ActiveSession, AuthProgress, AuthState } from '../domain/auth'
import {
  BulkActionInput,
  BulkJob,
  BulkJobSummary,
  BulkProgress,
  BulkSelection,
} from '../domain/bulk'
import {
  BackupFilePayload,
  BackupPassphrase,
  BackupPreview,
  BackupRestoreResult,
  ConflictResolution,
} from '../domain/backup'
import { Company, CompanyDraft, Id } from '../domain/company'
import {
  MigrationCandidates,
  MigrationOutcome,
  MigrationProgress,
  MigrationRequests,
} from '../domain/migration'
import { CompanyImportPreview, CompanyImportResult, CsvFilePayload } from '../domain/company-import'
import { CompanyStatus } from '../domain/company-status'
import { CertificateSummary, FilePayload, TokenSummary } from '../domain/credentials'
import { DashboardView } from '../domain/dashboard'
import { Environment } from '../domain/environment'
import { IdentityRow, LoginCertificate } from '../domain/identities'
import {
  CertificateExportResult,
  CertificateLimits,
  CertificateListing,
  CertificateProgress,
  CertificateRevocationReason,
  EnrollmentDraft,
  EnrollmentResult,
  EnrollmentSummary,
  ExportFormat,
  FileDownloadOffer,
  KsefOnlyCertificateId,
  OfflineCheckResult,
  PublicKeyCertificates,
  SavedFile,
} from '../domain/ksef-certificates'
import {
  GeneratedTokenResult,
  KsefTokenPage,
  KsefTokenRow,
  RevokedToken,
  TokenCheckResult,
  TokenDraft,
  TokenListFilter,
  TokenPolicy,
} from '../domain/ksef-tokens'
import { Preferences } from '../domain/preferences'
import type { Channel, EventName } from './names'

export { channelNames, eventNames, type Channel, type EventName } from './names'

type ChannelSpec = { input: z.ZodType; output: z.ZodType }

const ofCompany = z.object({ companyId: Id })

/** The files a certificate comes in: certificate + key, or one .p12/.pfx. */
const CertificateFiles = z.object({
  certificate: FilePayload.optional(),
  privateKey: FilePayload.optional(),
  pkcs12: FilePayload.optional(),
})

/**
 * Everything the renderer may ask of the main process. Each channel has a zod input and output;
 * both transports (Electron IPC and the test WebSocket bridge) run the same dispatch over it.
 * Outputs are summaries: no private key, token, password or access token ever crosses here.
 */
export const contract = {
  'app:status': { input: z.void(), output: AppStatus },
  'app:dismissNotice': { input: z.object({ id: z.string() }), output: AppStatus },
  'app:resetSecrets': { input: z.void(), output: AppStatus },
  'app:setAsideSettings': { input: z.void(), output: AppStatus },

  'preferences:get': { input: z.void(), output: Preferences },
  'preferences:update': { input: Preferences.partial(), output: Preferences },

  'companies:list': { input: z.void(), output: z.array(Company) },
  'companies:add': { input: CompanyDraft, output: Company },
  'companies:update': { input: CompanyDraft.extend({ id: Id }), output: Company },
  'companies:remove': { input: z.object({ id: Id }), output: z.object({ id: Id }) },
  'companies:overview': { input: z.void(), output: z.array(CompanyStatus) },
  'companies:importPreview': {
    input: z.object({ file: CsvFilePayload }),
    output: CompanyImportPreview,
  },
  'companies:import': { input: z.object({ file: CsvFilePayload }), output: CompanyImportResult },
  'companies:exportCsv': {
    input: z.object({ companyIds: z.array(Id).optional() }),
    output: z.array(SavedFile),
  },
  'companies:csvTemplate': { input: z.void(), output: z.array(SavedFile) },

  /** Pulpit: every company's credential health, the tiles' counts, expiries per month. */
  'dashboard:view': { input: z.void(), output: DashboardView },
  /** The Pulpit's view as CSV: the rows named, in the order named (after its filter and sort). */
  'dashboard:exportCsv': {
    input: z.object({ companyIds: z.array(Id).max(100_000) }),
    output: z.array(SavedFile),
  },

  'certificates:list': { input: ofCompany, output: z.array(CertificateSummary) },
  'certificates:import': {
    input: ofCompany.extend({
      files: z.object({
        certificate: FilePayload.optional(),
        privateKey: FilePayload.optional(),
        pkcs12: FilePayload.optional(),
      }),
      password: z.string().max(1024),
      allowOtherSubject: z.boolean().default(false),
      makeDefault: z.boolean().default(false),
    }),
    output: CertificateSummary,
  },
  'certificates:createTest': {
    input: ofCompany.extend({ makeDefault: z.boolean().default(false) }),
    output: CertificateSummary,
  },
  'certificates:setDefault': {
    input: ofCompany.extend({ certificateId: Id }),
    output: z.array(CertificateSummary),
  },
  'certificates:remove': {
    input: ofCompany.extend({ certificateId: Id }),
    output: z.array(CertificateSummary),
  },

  'certificates:publicKeys': {
    input: z.object({ environment: Environment, refresh: z.boolean().default(false) }),
    output: PublicKeyCertificates,
  },
  'certificates:limits': { input: ofCompany, output: CertificateLimits },
  /** Wniosek o certyfikat: by default waits for the serial number and retrieves the certificate. */
  'certificates:enroll': {
    input: ofCompany.extend({ draft: EnrollmentDraft, wait: z.boolean().default(true) }),
    output: EnrollmentResult,
  },
  'certificates:enrollmentStatus': {
    input: ofCompany.extend({ enrollmentId: Id }),
    output: EnrollmentSummary,
  },
  'certificates:retrieve': {
    input: ofCompany.extend({ enrollmentId: Id }),
    output: EnrollmentResult,
  },
  /**
   * Usuń wniosek: forgets a refused, gone (410), retrieved or never sent enrollment and any key
   * left for it; one KSeF may still answer for is refused (CERT_ENROLLMENT_UNFINISHED).
   */
  'certificates:forgetEnrollment': {
    input: ofCompany.extend({ enrollmentId: Id }),
    output: CertificateListing,
  },
  /** Odnów: a successor with the same name and type; the old one is offered for revocation. */
  'certificates:renew': {
    input: ofCompany.extend({ certificateId: Id, wait: z.boolean().default(true) }),
    output: EnrollmentResult,
  },
  /** The company's list: this computer reconciled with KSeF (all pages) when `fromKsef`. */
  'certificates:listing': {
    input: ofCompany.extend({ fromKsef: z.boolean().default(false) }),
    output: CertificateListing,
  },
  'certificates:revoke': {
    input: ofCompany.extend({
      serialNumber: z.string().max(64),
      reason: CertificateRevocationReason.default('Unspecified'),
    }),
    output: CertificateListing,
  },
  /**
   * Writes .crt + .key or .p12 through the file-saving port; the key never reaches the page. A
   * certificate with no key here (a KSeF-only row, `ksef:SERIAL`, read from KSeF) gives the .crt.
   */
  'certificates:export': {
    input: ofCompany.extend({
      certificateId: z.union([Id, KsefOnlyCertificateId]),
      format: ExportFormat,
      password: z.string().max(256),
    }),
    output: CertificateExportResult,
  },
  'certificates:offlineCheck': {
    input: ofCompany.extend({ certificateId: Id }),
    output: OfflineCheckResult,
  },

  'tokens:list': { input: ofCompany, output: z.array(TokenSummary) },
  'tokens:add': {
    input: ofCompany.extend({
      token: z.string().max(512),
      description: z.string().max(256).default(''),
      makeDefault: z.boolean().default(false),
    }),
    output: TokenSummary,
  },
  'tokens:setDefault': { input: ofCompany.extend({ tokenId: Id }), output: z.array(TokenSummary) },
  'tokens:remove': { input: ofCompany.extend({ tokenId: Id }), output: z.array(TokenSummary) },
  /** Pobierz tokeny: one page of GET /tokens; `continuation` from the page before for the next. */
  'tokens:ksefList': {
    input: ofCompany.extend({
      filter: TokenListFilter.default(TokenListFilter.parse({})),
      continuation: z.string().max(4096).nullable().default(null),
    }),
    output: KsefTokenPage,
  },
  /** Generuj token KSeF: sealed here before anything is shown; the secret comes by tokens:reveal. */
  'tokens:generate': {
    input: ofCompany.extend({ draft: TokenDraft }),
    output: GeneratedTokenResult,
  },
  /**
   * The one trip of a generated token to the page, for the reveal dialog: a ticket works once and
   * only for a short while. The only output of the contract that carries a secret.
   */
  'tokens:reveal': {
    input: z.object({ revealTicket: z.string().max(128) }),
    output: z.object({ token: z.string() }),
  },
  'tokens:status': {
    input: ofCompany.extend({ referenceNumber: z.string().max(64) }),
    output: KsefTokenRow,
  },
  'tokens:revoke': {
    input: ofCompany.extend({ referenceNumber: z.string().max(64) }),
    output: RevokedToken,
  },
  /** Sprawdź token: a real login and logout of its own; the company's session stays as it was. */
  'tokens:check': { input: ofCompany.extend({ tokenId: Id }), output: TokenCheckResult },
  'tokens:policy': { input: z.void(), output: TokenPolicy },

  'auth:state': { input: ofCompany, output: AuthState },
  'auth:loginWithCertificate': { input: ofCompany, output: AuthState },
  'auth:loginWithToken': { input: ofCompany, output: AuthState },
  'auth:downloadRequest': {
    input: ofCompany,
    output: z.object({ state: AuthState, fileName: z.string(), xml: z.string() }),
  },
  'auth:submitSignedRequest': { input: ofCompany.extend({ file: FilePayload }), output: AuthState },
  'auth:checkStatus': {
    input: ofCompany.extend({ referenceNumber: z.string().max(64) }),
    output: AuthState,
  },
  'auth:redeem': {
    input: ofCompany.extend({ referenceNumber: z.string().max(64) }),
    output: AuthState,
  },
  'auth:setAutoMode': { input: ofCompany.extend({ enabled: z.boolean() }), output: AuthState },
  'auth:logout': { input: ofCompany, output: AuthState },
  'auth:sessions': { input: ofCompany, output: z.array(ActiveSession) },
  'auth:revokeSession': {
    input: ofCompany.extend({ referenceNumber: z.string().max(64) }),
    output: z.array(ActiveSession),
  },
  /** Wyczyść: the finished operations (redeemed, refused, run out) leave the list. */
  'auth:clearFinished': { input: ofCompany, output: AuthState },

  /** Tożsamości: every identity with the companies it logs in. */
  'identities:list': { input: z.void(), output: z.array(IdentityRow) },
  /** Importuj tożsamość: certificate + key files or a .p12/.pfx, checked as KSeF will check it. */
  'identities:import': {
    input: z.object({ files: CertificateFiles, password: z.string().max(1024) }),
    output: IdentityRow,
  },
  /**
   * Usuń: an identity that logs companies in is refused (IDENTITY_IN_USE, with their count)
   * unless `force`; those companies are left with no identity.
   */
  'identities:remove': {
    input: z.object({ identityId: Id, force: z.boolean().default(false) }),
    output: z.object({ identityId: Id, companyIds: z.array(Id) }),
  },
  'identities:assign': {
    input: z.object({ identityId: Id, companyIds: z.array(Id).max(100_000) }),
    output: IdentityRow,
  },
  'identities:unassign': {
    input: z.object({ identityId: Id, companyIds: z.array(Id).max(100_000) }),
    output: IdentityRow,
  },
  /** Odnów: the renewed certificate of the same subject takes the identity's place, companies follow. */
  'identities:renew': {
    input: z.object({ identityId: Id, files: CertificateFiles, password: z.string().max(1024) }),
    output: IdentityRow,
  },
  /** What logs the company in when it signs with a certificate, and its identity if it has one. */
  'identities:forCompany': {
    input: ofCompany,
    output: z.object({ loginCertificate: LoginCertificate, identity: IdentityRow.nullable() }),
  },

  /** Dziennik zdarzeń: the entries matching the filter, the newest first. */
  'audit:list': { input: AuditFilter, output: AuditListing },
  /** Sprawdź spójność: the chain of audit.jsonl walked and held to the vault's seal. */
  'audit:verify': { input: z.void(), output: AuditVerdict },
  /** Every entry matching the filter as CSV, through the file-saving port. */
  'audit:exportCsv': { input: AuditFilter, output: z.array(SavedFile) },

  /** Bulk work on many companies: the job starts in main and runs on; bulk:progress tells it. */
  'bulk:start': {
    input: z.object({ action: BulkActionInput, selection: BulkSelection }),
    output: BulkJobSummary,
  },
  /** Anuluj: queued companies stop untouched; a KSeF call in flight finishes and is recorded. */
  'bulk:cancel': { input: z.object({ jobId: Id }), output: BulkJobSummary },
  /** The jobs kept, newest first (running ones, and the results of the last ones). */
  'bulk:jobs': { input: z.void(), output: z.array(BulkJobSummary) },
  'bulk:job': { input: z.object({ jobId: Id }), output: BulkJob },
  /** A job's rows as CSV, through the file-saving port. */
  'bulk:exportCsv': { input: z.object({ jobId: Id }), output: z.array(SavedFile) },

  /** Kopia zapasowa: the data folder sealed with a passphrase, through the file-saving port. */
  'backup:create': {
    input: z.object({ passphrase: BackupPassphrase }),
    output: z.array(SavedFile),
  },
  /** Reads a backup with its passphrase: what would come in, and the conflicts; changes nothing. */
  'backup:preview': {
    input: z.object({ file: BackupFilePayload, passphrase: BackupPassphrase }),
    output: BackupPreview,
  },
  /** The preview restored, keep or replace for each of its conflicts, in one write. */
  'backup:restore': {
    input: z.object({
      previewId: z.string().max(64),
      resolutions: z.record(z.string().max(128), ConflictResolution).default({}),
    }),
    output: BackupRestoreResult,
  },

  /** Przejście na certyfikaty: of the companies named (all when none), those on a token only. */
  'migration:candidates': {
    input: z.object({ companyIds: z.array(Id).max(100_000).optional() }),
    output: MigrationCandidates,
  },
  /** Zapisz wnioski: one unsigned request per company, named by NIP, through the file-saving port. */
  'migration:requests': {
    input: z.object({ companyIds: z.array(Id).max(100_000) }),
    output: MigrationRequests,
  },
  /** Wczytaj podpisane pliki: each matched to its company and run to a certificate of its own. */
  'migration:signed': {
    input: z.object({
      files: z.array(FilePayload).max(5000),
      revokeTokens: z.boolean().default(false),
    }),
    output: MigrationOutcome,
  },
} as const satisfies Record<Channel, ChannelSpec>

/** Pushed from main to every window. */
export const events = {
  'companies:changed': z.array(Company),
  /**
   * The badges of the companies that changed (a login, a poll, a credential stored or removed, a
   * company added), and the ids of the companies removed: the page merges them by company id
   * into what companies:overview gave it once.
   */
  'companies:statusChanged': z.object({ statuses: z.array(CompanyStatus), removed: z.array(Id) }),
  'auth:progress': AuthProgress,
  'auth:changed': AuthState,
  'certificates:progress': CertificateProgress,
  /** The company's certificates or enrollments changed in main (a poll, a retrieve, a revoke). */
  'certificates:changed': z.object({ companyId: Id }),
  /** The company's tokens changed in main (generated, revoked, Pending → Active, checked). */
  'tokens:changed': z.object({ companyId: Id }),
  /** Tożsamości or their assignments changed in main (from any window, a bulk job, a restore). */
  'identities:changed': z.object({}),
  /** Sandbox only: main offers a file it saved as a download (see FileDownloadOffer). */
  'files:download': FileDownloadOffer,
  /** A job's head and the rows that changed since the last push (a few pushes a second). */
  'bulk:progress': BulkProgress,
  /** A company's row of Przejście na certyfikaty, each time one of its steps moves. */
  'migration:progress': MigrationProgress,
} as const satisfies Record<EventName, z.ZodType>

export type Contract = typeof contract
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>

export type Events = typeof events
export type EventPayload<E extends EventName> = z.output<Events[E]>

export const isChannel = (name: string): name is Channel => Object.hasOwn(contract, name)
