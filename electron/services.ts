import { join } from 'node:path'
import { AppError } from '../shared/ipc/errors'
import { auditFileName, FolderAuditFile, type AuditFile } from './audit/audit-file'
import { AuditLog, osUserName } from './audit/audit-log'
import { createKsefClients } from './auth/ksef-clients'
import { KsefRateLimiter } from './ksef/rate-limiter'
import { LoginService } from './auth/login-service'
import { Background } from './background'
import { CompanyActivity } from './auth/company-activity'
import { bulkJobsFolderName, FolderBulkJobFiles, type BulkJobFiles } from './bulk/bulk-job-files'
import { openBulkService } from './bulk/open-bulk-service'
import { BackupService } from './backup/backup-service'
import { CertificateLifecycle } from './certificates/certificate-lifecycle'
import { CertificateExport } from './certificates/export'
import { OfflineCheck } from './certificates/offline-check'
import type { CompanySession } from './certificates/ports'
import { systemScheduler, type Clock, type Scheduler } from './clock'
import { CompanyCsv } from './companies/company-csv'
import { CompanyStatusFeed, watchedSettings } from './companies/company-overview'
import { Dashboard } from './dashboard/dashboard'
import type { EventSink } from './events'
import { noFileSaver, type FileSaver } from './files/file-saver'
import type { HandlerContext } from './handlers/context'
import { IdentityRepository } from './identities/identity-repository'
import { IdentityService } from './identities/identity-service'
import { migrateOtherSubjectCertificates } from './identities/migration'
import type { Logger } from './log'
import { NoticeBoard } from './notices'
import { AuthRepository } from './vault/auth-repository'
import type { CertificateFiles } from './vault/certificate-files'
import { CompanyRepository } from './vault/company-repository'
import { CredentialRepository } from './vault/credential-repository'
import { EnrollmentRepository } from './vault/enrollment-repository'
import { PreferencesRepository } from './vault/preferences-repository'
import type { OpenedSettings } from './vault/conf-settings-store'
import { MigrationService } from './migration/migration-service'
import { KsefTokenService } from './tokens/ksef-token-service'
import type { SecretStore } from './vault/secret-store'

export interface Ports {
  version: string
  dataFolder: string
  clock: Clock
  log: Logger
  events: EventSink
  settings: OpenedSettings
  /** A store that can be opened ahead (the sealed file) reports its problems at start. */
  secrets: SecretStore & { open?: () => Promise<AppError | undefined> }
  certificateFiles: CertificateFiles
  /** Problems the platform found on its own (e.g. no system keyring). */
  warnings?: AppError[]
  /** KSEF_DESK_API_URL or the developer setting: KSeF of every environment is reached there (the simulator). */
  ksefApiUrl?: string | undefined
  /** Waits between polls and retries; tests pass a quicker one. */
  sleep?: (ms: number) => Promise<void>
  /** KSeF's limits as the contract states them, unless a stand-in that counts none is used. */
  rateLimiter?: KsefRateLimiter
  /** The timer of the status pushes' window; tests pass a FakeScheduler. */
  scheduler?: Scheduler
  /** Where exported files go (save dialog, a folder, a download); none: exports are refused. */
  fileSaver?: FileSaver
  /** Who the audit log names as the one acting; the OS user the app runs as unless given. */
  osUser?: string
  /** Where the audit log's lines go; audit.jsonl in the data folder unless given. */
  auditFile?: AuditFile
  /** Where the audit log's last line is sealed; the secrets store unless given. */
  auditSeal?: SecretStore
  /** Where the bulk jobs' results are kept; bulk-jobs/ in the data folder unless given. */
  bulkJobFiles?: BulkJobFiles
}

/**
 * Builds every service once from the ports (the composition roots — main.ts, the CLI, the test
 * bridge — differ only in the ports they pass). Problems met while opening the stores become
 * notices the user sees at once, instead of failures at the first login.
 */
export async function buildHandlerContext(ports: Ports): Promise<HandlerContext> {
  const notices = new NoticeBoard()
  const report = (error: AppError) => {
    ports.log.error('data file problem', { code: error.code, message: error.message })
    notices.add(error)
  }
  if (ports.settings.problem) report(ports.settings.problem)
  for (const warning of ports.warnings ?? []) report(warning)
  // A secrets file that does not open is a problem to report, never a reason to move it.
  const secretsProblem = await ports.secrets.open?.()
  if (secretsProblem) report(secretsProblem)
  // A timed write of the settings that fails is told like a problem found at start.
  ports.settings.store.whenWriteFails?.(report)
  const companyStatus = new CompanyStatusFeed({
    settings: ports.settings.store,
    events: ports.events,
    scheduler: ports.scheduler ?? systemScheduler,
  })
  // Every service writes through this one, so no change of a badge goes untold.
  const settings = watchedSettings(ports.settings.store, companyStatus)
  const companies = new CompanyRepository(settings)
  const credentials = new CredentialRepository(settings)
  // Certificates of another subject stored before Tożsamości become identities; it needs the
  // keys, so a secrets store that did not open leaves them for the next start.
  if (!secretsProblem) {
    await migrateOtherSubjectCertificates({
      settings: ports.settings.store,
      secrets: ports.secrets,
      certificateFiles: ports.certificateFiles,
      log: ports.log,
    })
  }
  const identities = new IdentityRepository(settings)
  const audit = new AuditLog({
    file: ports.auditFile ?? new FolderAuditFile(join(ports.dataFolder, auditFileName)),
    secrets: ports.auditSeal ?? ports.secrets,
    companies,
    clock: ports.clock,
    log: ports.log,
    notices,
    osUser: ports.osUser ?? osUserName(),
    files: ports.fileSaver ?? noFileSaver,
  })
  const sleep =
    ports.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const limiter = ports.rateLimiter ?? new KsefRateLimiter()
  const clients = createKsefClients({
    customUrl: ports.ksefApiUrl,
    clock: ports.clock,
    log: ports.log,
    delay: sleep,
    limiter,
  })
  const preferences = new PreferencesRepository(settings)
  const background = new Background(ports.sleep)
  // What is under way per company, shared by the logins and the bulk jobs.
  const activity = new CompanyActivity()
  const login = new LoginService({
    companies,
    credentials,
    identities,
    certificateFiles: ports.certificateFiles,
    secrets: ports.secrets,
    auth: new AuthRepository(settings),
    preferences,
    clients,
    clock: ports.clock,
    events: ports.events,
    log: ports.log,
    sleep,
    activity,
  })
  const ksefTokens = new KsefTokenService({
    companies,
    credentials,
    secrets: ports.secrets,
    preferences,
    sessions: login,
    clients,
    clock: ports.clock,
    events: ports.events,
    log: ports.log,
    background,
  })
  const companySession: CompanySession = {
    method: (companyId) => login.state(companyId).session?.method,
    accessToken: (companyId) => login.accessToken(companyId),
  }
  const enrollments = new EnrollmentRepository(settings)
  const certificateLifecycle = new CertificateLifecycle({
    companies,
    credentials,
    identities,
    enrollments,
    certificateFiles: ports.certificateFiles,
    secrets: ports.secrets,
    session: companySession,
    clients,
    clock: ports.clock,
    events: ports.events,
    log: ports.log,
    background,
  })
  const bulk = await openBulkService({
    files: ports.bulkJobFiles ?? new FolderBulkJobFiles(join(ports.dataFolder, bulkJobsFolderName)),
    companies,
    credentials,
    identities,
    enrollments,
    preferences,
    auth: new AuthRepository(settings),
    certificateFiles: ports.certificateFiles,
    secrets: ports.secrets,
    login,
    ksefTokens,
    certificateLifecycle,
    dashboard: new Dashboard({
      settings: ports.settings.store,
      clock: ports.clock,
      files: ports.fileSaver ?? noFileSaver,
    }),
    clients,
    limiter,
    activity,
    audit,
    saver: ports.fileSaver ?? noFileSaver,
    clock: ports.clock,
    scheduler: ports.scheduler ?? systemScheduler,
    sleep,
    events: ports.events,
    log: ports.log,
    writeFailed: (error) =>
      report(
        new AppError(
          'BULK_WRITE_FAILED',
          'The results of a bulk job could not be written to the data folder; they are kept in memory and written again within a second.',
          {
            cause: (error as NodeJS.ErrnoException).code ?? 'unknown',
          },
        ),
      ),
  })
  const migration = new MigrationService({
    companies,
    credentials,
    identities,
    preferences,
    auth: new AuthRepository(settings),
    login,
    certificates: certificateLifecycle,
    enrollments,
    tokens: ksefTokens,
    audit,
    files: ports.fileSaver ?? noFileSaver,
    bulk,
    clock: ports.clock,
    events: ports.events,
    log: ports.log,
  })
  return {
    app: { version: ports.version, dataFolder: ports.dataFolder },
    clock: ports.clock,
    log: ports.log,
    events: ports.events,
    notices,
    audit,
    ...(ports.settings.setAside ? { setAsideSettings: ports.settings.setAside } : {}),
    secrets: ports.secrets,
    companies,
    companyCsv: new CompanyCsv({
      companies,
      clock: ports.clock,
      log: ports.log,
      files: ports.fileSaver ?? noFileSaver,
    }),
    companyStatus,
    flushSettings: () => settings.flush(),
    dashboard: new Dashboard({
      settings: ports.settings.store,
      clock: ports.clock,
      files: ports.fileSaver ?? noFileSaver,
    }),
    preferences,
    credentials,
    certificateFiles: ports.certificateFiles,
    identities: new IdentityService({
      identities,
      companies,
      certificateFiles: ports.certificateFiles,
      secrets: ports.secrets,
      clock: ports.clock,
      log: ports.log,
    }),
    login,
    ksefTokens,
    certificateExport: new CertificateExport({
      companies,
      credentials,
      certificateFiles: ports.certificateFiles,
      secrets: ports.secrets,
      session: companySession,
      clients,
      files: ports.fileSaver ?? noFileSaver,
      log: ports.log,
    }),
    offlineCheck: new OfflineCheck({
      companies,
      credentials,
      certificateFiles: ports.certificateFiles,
      secrets: ports.secrets,
      session: companySession,
      clients,
      clock: ports.clock,
      log: ports.log,
    }),
    certificateLifecycle,
    migration,
    backup: new BackupService({
      settings,
      secrets: ports.secrets,
      certificateFiles: ports.certificateFiles,
      files: ports.fileSaver ?? noFileSaver,
      clock: ports.clock,
      log: ports.log,
      audit,
      appVersion: ports.version,
      isBusy: (companyId) => login.isBusy(companyId),
      restored: () => ports.events.emit('companies:changed', companies.list()),
    }),
    background,
    bulk,
  }
}

/**
 * Before the data folder is given back (the desktop app quits, the CLI or a test closes): the
 * background's waits are cut short and what runs in it is awaited, then the login's work; then
 * the audit log's queued entries; last, what the settings gathered in their write window.
 */
export async function closeServices(ctx: HandlerContext): Promise<void> {
  await ctx.bulk.close()
  await ctx.background.close()
  await ctx.login.idle()
  ctx.companyStatus.close()
  await ctx.audit.flush()
  await ctx.flushSettings()
}

/** Refreshes access tokens before they run out, while the app runs; returns the stop switch. */
export function keepSessionsAlive(ctx: HandlerContext, everyMs = 30_000): () => void {
  const timer = setInterval(() => void ctx.login.refreshDue(), everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
