import type { z } from 'zod'
import type { Channel, Contract } from '../../shared/ipc/contract'
import type { AuditLog } from '../audit/audit-log'
import type { LoginService } from '../auth/login-service'
import type { Background } from '../background'
import type { BulkService } from '../bulk/bulk-service'
import type { BackupService } from '../backup/backup-service'
import type { CertificateLifecycle } from '../certificates/certificate-lifecycle'
import type { CertificateExport } from '../certificates/export'
import type { OfflineCheck } from '../certificates/offline-check'
import type { Clock } from '../clock'
import type { CompanyCsv } from '../companies/company-csv'
import type { CompanyStatusFeed } from '../companies/company-overview'
import type { Dashboard } from '../dashboard/dashboard'
import type { EventSink } from '../events'
import type { Logger } from '../log'
import type { IdentityService } from '../identities/identity-service'
import type { MigrationService } from '../migration/migration-service'
import type { KsefTokenService } from '../tokens/ksef-token-service'
import type { NoticeBoard } from '../notices'
import type { CertificateFiles } from '../vault/certificate-files'
import type { CompanyRepository } from '../vault/company-repository'
import type { CredentialRepository } from '../vault/credential-repository'
import type { PreferencesRepository } from '../vault/preferences-repository'
import type { SecretStore } from '../vault/secret-store'

/** The services a handler may use, built once in the composition root and handed down. */
export interface HandlerContext {
  app: { version: string; dataFolder: string }
  clock: Clock
  log: Logger
  events: EventSink
  notices: NoticeBoard
  /** Dziennik zdarzeń: services record credential actions here (dispatch, bulk jobs, backup). */
  audit: AuditLog
  /**
   * Present when the settings file did not open (SETTINGS_CORRUPT): at the user's word, renames it
   * aside and starts empty; returns where it went.
   */
  setAsideSettings?: () => string | undefined
  secrets: SecretStore
  companies: CompanyRepository
  /** Importuj firmy z CSV, its template, the list exported as CSV. */
  companyCsv: CompanyCsv
  /** The company list's badges: the whole overview once, then pushes of what changed. */
  companyStatus: CompanyStatusFeed
  /** Puts every settings write on the disk (closeServices, before the folder is given back). */
  flushSettings: () => Promise<void>
  /** Pulpit: every company's row from one read of the settings; its view saved as CSV. */
  dashboard: Dashboard
  preferences: PreferencesRepository
  credentials: CredentialRepository
  certificateFiles: CertificateFiles
  /** Tożsamości: certificates stored once and assigned to the companies they log in. */
  identities: IdentityService
  login: LoginService
  /** KSeF certificates: MF keys, limits, enrollment to retrieval, the reconciled list, revoke, renew. */
  certificateLifecycle: CertificateLifecycle
  /** Eksportuj: .crt + .key or .p12 through the file-saving port. */
  certificateExport: CertificateExport
  /** Sprawdź certyfikat trybu Offline, with a sample KOD II link and its QR code. */
  offlineCheck: OfflineCheck
  /** KSeF tokens managed in KSeF: list, generate and reveal once, status, revoke, check. */
  ksefTokens: KsefTokenService
  /** Przejście na certyfikaty: token-only companies, their requests, the signed files run. */
  migration: MigrationService
  /** Kopia zapasowa: create, preview, restore. */
  backup: BackupService
  /** Bulk work on many companies: jobs with a row per company, kept in the data folder. */
  bulk: BulkService
  /** Work nobody awaits (token statuses followed, enrollments polled); closeServices ends it. */
  background: Background
}

/** A handler gets its input already parsed; what it returns is parsed again by dispatch. */
export type Handler<C extends Channel> = (
  input: z.output<Contract[C]['input']>,
  ctx: HandlerContext,
) => Promise<z.input<Contract[C]['output']>>

export type Handlers = { [C in Channel]: Handler<C> }
