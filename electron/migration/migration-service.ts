// Przejście na certyfikaty: the companies that log in only with a KSeF token, one unsigned
// AuthTokenRequest for each written together (named by NIP, one countdown), and the signed files
// loaded back at once — each matched to its company and run to a certificate of its own.
import type { Company } from '../../shared/domain/company'
import type { FilePayload } from '../../shared/domain/credentials'
import { loginCredentialOf } from '../../shared/domain/login-credential'
import {
  logsInOnlyWithToken,
  migrationCompanyOf,
  type MigrationCandidates,
  type MigrationOutcome,
  type MigrationRequests,
  type MigrationSkipReason,
} from '../../shared/domain/migration'
import type { BulkOutcome } from '../../shared/domain/bulk'
import { AppError, isAppError } from '../../shared/ipc/errors'
import type { LoginService } from '../auth/login-service'
import type { BulkService } from '../bulk/bulk-service'
import { BulkPartialFailure } from '../bulk/bulk-runner'
import type { Clock } from '../clock'
import type { EventSink } from '../events'
import type { FileSaver, FileToSave } from '../files/file-saver'
import type { IdentityRepository } from '../identities/identity-repository'
import { isKsefError } from '../ksef/errors'
import type { Logger } from '../log'
import type { AuthRepository } from '../vault/auth-repository'
import type { CompanyRepository } from '../vault/company-repository'
import type { CredentialRepository } from '../vault/credential-repository'
import type { PreferencesRepository } from '../vault/preferences-repository'
import {
  migrateCompany,
  startOf,
  type CompanyMigration,
  type CompanyMigrationDeps,
  type CompanyMigrationState,
} from './company-migration'
import { matchSignedFiles } from './signed-files'

export interface MigrationServiceDeps extends CompanyMigrationDeps {
  companies: CompanyRepository
  credentials: CompanyMigrationDeps['credentials'] &
    Pick<CredentialRepository, 'certificates' | 'tokens' | 'defaultToken'>
  identities: Pick<IdentityRepository, 'assignedTo'>
  preferences: Pick<PreferencesRepository, 'get'>
  auth: Pick<AuthRepository, 'findChallenge'>
  login: CompanyMigrationDeps['login'] & Pick<LoginService, 'downloadRequest'>
  /** Where the requests go: a folder the user picks (desktop), --out DIR, or downloads. */
  files: FileSaver
  /** The bulk runner: the signed phase is a job of its own. */
  bulk: Pick<BulkService, 'run' | 'finished'>
  clock: Clock
  events: EventSink
  log: Logger
}

export class MigrationService {
  readonly #deps: MigrationServiceDeps

  constructor(deps: MigrationServiceDeps) {
    this.#deps = deps
  }

  /** Of the companies named (all when none are), those that log in only with a token. */
  candidates(companyIds?: readonly string[]): MigrationCandidates {
    const result: MigrationCandidates = { companies: [], skipped: [] }
    for (const company of this.#companies(companyIds)) {
      const reason = this.#skipReason(company)
      if (reason) {
        result.skipped.push({ ...migrationCompanyOf(company), reason })
        continue
      }
      const token = this.#deps.credentials.defaultToken(company.id)
      result.companies.push({
        ...migrationCompanyOf(company),
        tokenLabel: token?.description || token?.masked || '',
      })
    }
    return result
  }

  /**
   * Zapisz wnioski: a fresh challenge for each company, its unsigned request named by its
   * identifier, all saved in one place; the batch's countdown is its first challenge's end.
   */
  async requests(companyIds: readonly string[]): Promise<MigrationRequests> {
    const { companies, skipped } = this.candidates(companyIds)
    if (skipped.length > 0) {
      const names = skipped.map((company) => company.name).join(', ')
      throw new AppError(
        'MIGRATION_NOT_TOKEN_ONLY',
        `These companies do not log in only with a KSeF token, so there is nothing to move: ${names}.`,
        { names, count: skipped.length },
      )
    }
    if (companies.length === 0) {
      throw new AppError(
        'MIGRATION_NO_COMPANIES',
        'No company that logs in only with a KSeF token was chosen.',
        {},
      )
    }
    const identifiers = companies.map((c) => c.identifier.value)
    const requests: MigrationRequests['requests'] = []
    const files: FileToSave[] = []
    for (const company of companies) {
      const written = await this.#deps.login.downloadRequest(company.companyId)
      const challenge = written.state.challenge
      if (!challenge)
        throw new AppError('INTERNAL', 'The request was written without its challenge.')
      const value = company.identifier.value
      // The same NIP in two environments: the file says which.
      const shared = identifiers.filter((other) => other === value).length > 1
      const fileName = shared ? `${value}-${company.environment}.xml` : `${value}.xml`
      requests.push({
        ...company,
        fileName,
        expiresAt: challenge.expiresAt,
      })
      files.push({ name: fileName, bytes: Buffer.from(written.xml, 'utf8') })
    }
    const saved = await this.#deps.files.save(files)
    const wrote = saved.every((file) => file.saved)
    for (const request of requests) {
      this.#deps.audit.record({
        action: 'migration.requests',
        result: wrote ? 'ok' : 'cancelled',
        companyId: request.companyId,
        note: request.fileName,
      })
    }
    this.#deps.log.info('migration requests written', { count: requests.length, saved: wrote })
    const expiresAt = requests
      .map((request) => request.expiresAt)
      .reduce((first, each) => (each < first ? each : first))
    return { requests, expiresAt, files: saved }
  }

  /**
   * Wczytaj podpisane pliki: each file matched to its company first; those that match run as a
   * bulk job (each company in its own KSeF context, shared fairly under the rate limiter, the job
   * kept and listed with the others), the rest are listed with their reason.
   */
  async signed(files: readonly FilePayload[], revokeTokens: boolean): Promise<MigrationOutcome> {
    if (files.length === 0) {
      throw new AppError('MIGRATION_NO_FILES', 'No signed file was loaded.', {})
    }
    const { matched, rejected } = matchSignedFiles(this.#deps, files)
    for (const file of rejected) {
      if (!file.company) continue
      this.#deps.audit.record({
        action: 'migration.signed',
        result: 'failed',
        companyId: file.company.companyId,
        errorCode: file.error.code,
        note: file.fileName,
      })
    }
    if (matched.length === 0) return { jobId: null, results: [], rejected }
    const states = new Map<string, CompanyMigrationState>()
    for (const { company, file } of matched) {
      const state = startOf(company, file.name)
      states.set(company.id, state)
      this.#deps.events.emit('migration:progress', state.row)
    }
    const jobs = new Map(
      matched.map(({ company, file }): [string, CompanyMigration] => [
        company.id,
        {
          company,
          file,
          // The token that logs the company in now: the one the certificate replaces.
          token: this.#deps.credentials.defaultToken(company.id),
          revokeToken: revokeTokens,
          progress: (row) => this.#deps.events.emit('migration:progress', row),
          jobId: () => job.id,
        },
      ]),
    )
    const job = this.#deps.bulk.run({
      options: { action: 'migrate', revokeTokens },
      companyIds: matched.map(({ company }) => company.id),
      audit: 'migration.signed',
      step: async (company) => {
        const migration = jobs.get(company.id)
        const start = states.get(company.id)
        if (!migration || !start)
          throw new AppError('COMPANY_NOT_FOUND', 'This company is no longer on the list.')
        const state = await migrateCompany(this.#deps, migration, start)
        states.set(company.id, state)
        return bulkOutcomeOf(state)
      },
    })
    await this.#deps.bulk.finished(job.id)
    return { jobId: job.id, results: [...states.values()].map((state) => state.row), rejected }
  }

  #skipReason(company: Company): MigrationSkipReason | undefined {
    const { credentials, identities, preferences, clock } = this.#deps
    const credential = loginCredentialOf(
      company,
      {
        certificates: credentials.certificates(company.id),
        tokens: credentials.tokens(company.id),
      },
      clock.now(),
      preferences.get().tokensAfter2026,
    )
    const identity = identities.assignedTo(company.id) !== undefined
    if (logsInOnlyWithToken(credential, identity)) return undefined
    if (identity) return 'identity'
    return credential.kind === 'certificate' ? 'certificate' : 'none'
  }

  #companies(companyIds: readonly string[] | undefined): Company[] {
    const all = this.#deps.companies.list()
    if (companyIds === undefined) return all
    return companyIds.map((id) => {
      const company = all.find((c) => c.id === id)
      if (!company)
        throw new AppError('COMPANY_NOT_FOUND', 'This company is no longer on the list.')
      return company
    })
  }
}

/**
 * The company's row of the job: migrated, or what stopped it. KSeF's 429 is handed to the runner
 * as it came (KSeF acted on nothing; the runner sends the company again, which carries on from
 * that step); a company stopped after its certificate was stored keeps that in its outcome.
 */
function bulkOutcomeOf(state: CompanyMigrationState): BulkOutcome {
  const { row, cause } = state
  const migrated: BulkOutcome | null = row.certificate && {
    kind: 'migrated',
    serialNumber: row.certificate.serialNumber,
    tokenRevoked: row.steps.revokeToken === 'ok',
  }
  if (!row.failure) {
    if (migrated) return migrated
    throw new AppError('INTERNAL', 'The company ended without its certificate.')
  }
  const error = isAppError(cause) ? cause : AppError.fromPayload(row.failure.error)
  if (isKsefError(error) && error.httpStatus === 429) throw error
  throw migrated ? new BulkPartialFailure(error, migrated) : error
}
