import type { AuditSink } from '../audit/audit-sink'
import type { CompanyActivity } from '../auth/company-activity'
import type { KsefClients } from '../auth/ksef-clients'
import { LoginCredentials } from '../auth/login-credentials'
import type { LoginService } from '../auth/login-service'
import { PublicKeyCache } from '../auth/public-key-cache'
import { WaysIn } from '../auth/ways-in'
import type { CertificateLifecycle } from '../certificates/certificate-lifecycle'
import type { Clock, Scheduler } from '../clock'
import type { Dashboard } from '../dashboard/dashboard'
import type { EventSink } from '../events'
import type { FileSaver } from '../files/file-saver'
import type { IdentityRepository } from '../identities/identity-repository'
import { IdentityService } from '../identities/identity-service'
import type { KsefRateLimiter } from '../ksef/rate-limiter'
import type { Logger } from '../log'
import type { KsefTokenService } from '../tokens/ksef-token-service'
import type { AuthRepository } from '../vault/auth-repository'
import type { CertificateFiles } from '../vault/certificate-files'
import type { CompanyRepository } from '../vault/company-repository'
import type { CredentialRepository } from '../vault/credential-repository'
import type { EnrollmentRepository } from '../vault/enrollment-repository'
import type { PreferencesRepository } from '../vault/preferences-repository'
import type { SecretStore } from '../vault/secret-store'
import type { BulkJobFiles } from './bulk-job-files'
import { BulkJobRepository } from './bulk-job-repository'
import { BulkService } from './bulk-service'
import { CredentialCheck } from './credential-check'

export interface BulkServiceParts {
  files: BulkJobFiles
  companies: CompanyRepository
  credentials: CredentialRepository
  identities: IdentityRepository
  enrollments: EnrollmentRepository
  preferences: PreferencesRepository
  auth: AuthRepository
  certificateFiles: CertificateFiles
  secrets: SecretStore
  login: LoginService
  ksefTokens: KsefTokenService
  certificateLifecycle: CertificateLifecycle
  dashboard: Pick<Dashboard, 'view'>
  clients: KsefClients
  limiter: KsefRateLimiter
  /** Shared with the login service: a company in a job is busy (it is not removed meanwhile). */
  activity: CompanyActivity
  audit: AuditSink
  saver: FileSaver
  clock: Clock
  scheduler: Scheduler
  sleep: (ms: number) => Promise<void>
  events: EventSink
  log: Logger
  /** A timed write of the jobs failed. */
  writeFailed: (error: unknown) => void
}

/** Builds ctx.bulk and reads the jobs kept in the data folder (one left running is interrupted). */
export async function openBulkService(parts: BulkServiceParts): Promise<BulkService> {
  const { clock, log } = parts
  const repository = new BulkJobRepository({
    files: parts.files,
    scheduler: parts.scheduler,
    failed: parts.writeFailed,
  })
  await repository.open(new Date(clock.now()).toISOString())
  const loginWay = {
    credentials: parts.credentials,
    identities: parts.identities,
    preferences: parts.preferences,
    clock,
  }
  const publicKeys = new PublicKeyCache()
  const check = new CredentialCheck({
    publicKeys,
    waysIn: new WaysIn({
      credentials: new LoginCredentials({
        credentials: parts.credentials,
        identities: parts.identities,
        certificateFiles: parts.certificateFiles,
        secrets: parts.secrets,
        preferences: parts.preferences,
        clock,
      }),
      auth: parts.auth,
      publicKeys,
      clients: parts.clients,
      clock,
      log,
    }),
    loginWay,
    credentials: parts.credentials,
    clients: parts.clients,
    clock,
    sleep: parts.sleep,
    log,
  })
  return new BulkService({
    repository,
    companies: parts.companies,
    dashboard: parts.dashboard,
    activity: parts.activity,
    clock,
    scheduler: parts.scheduler,
    events: parts.events,
    audit: parts.audit,
    log,
    clients: parts.clients,
    limiter: parts.limiter,
    files: parts.saver,
    actions: {
      loginWay,
      check,
      login: parts.login,
      ksefTokens: parts.ksefTokens,
      certificateLifecycle: parts.certificateLifecycle,
      credentials: parts.credentials,
      identities: parts.identities,
      identityService: new IdentityService({
        identities: parts.identities,
        companies: parts.companies,
        certificateFiles: parts.certificateFiles,
        secrets: parts.secrets,
        clock,
        log,
      }),
      enrollments: parts.enrollments,
      certificateFiles: parts.certificateFiles,
      secrets: parts.secrets,
      clock,
    },
  })
}
