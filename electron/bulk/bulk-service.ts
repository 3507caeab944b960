import type { AuditAction } from '../../shared/domain/audit'
import type {
  BulkActionInput,
  BulkJob,
  BulkJobSummary,
  BulkRow,
  BulkSelection,
} from '../../shared/domain/bulk'
import type { Company } from '../../shared/domain/company'
import type { SavedFile } from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'
import type { KsefClients } from '../auth/ksef-clients'
import type { FileSaver } from '../files/file-saver'
import type { KsefRateLimiter } from '../ksef/rate-limiter'
import { planOf, type BulkActionDeps } from './bulk-actions'
import { bulkJobCsv } from './bulk-csv'
import type { BulkJobRecord } from './bulk-job'
import type { BulkJobRepository } from './bulk-job-repository'
import { BulkRunner, type BulkRunnerDeps, type BulkStep } from './bulk-runner'
import { selectedCompanies, type BulkSelectionDeps } from './bulk-selection'
import { loginWayOf } from './login-way'

export interface BulkServiceDeps extends BulkRunnerDeps, BulkSelectionDeps {
  repository: BulkJobRepository
  actions: BulkActionDeps
  clients: KsefClients
  limiter: Pick<KsefRateLimiter, 'timeFor'>
  files: FileSaver
}

/** Another flow's per-company work run as a job (Przejście na certyfikaty's signed files). */
export interface BulkRunOf {
  options: { action: 'migrate'; revokeTokens: boolean }
  companyIds: readonly string[]
  step: BulkStep
  /** The audit log's action for each company's line. */
  audit: AuditAction
}

/** The calls of a login that go through KSeF's windows shared by all companies (per client). */
const sharedLoginCalls = (method: 'certificate' | 'token') => [
  { method: 'POST', path: '/auth/challenge' },
  { method: 'POST', path: method === 'token' ? '/auth/ksef-token' : '/auth/xades-signature' },
  { method: 'GET', path: '/auth/status' },
  { method: 'POST', path: '/auth/token/redeem' },
]

/**
 * Bulk work (ctx.bulk): jobs started from the Pulpit or the CLI, run by one runner, kept in the
 * data folder. A page that reloads gets them back (jobs, job); the CLI watches a job's rows.
 */
export class BulkService {
  readonly #deps: BulkServiceDeps
  readonly #runner: BulkRunner

  constructor(deps: BulkServiceDeps) {
    this.#deps = deps
    this.#runner = new BulkRunner(deps)
  }

  /** bulk:start: the selection resolved, the action's inputs checked, the job started. */
  start(input: { action: BulkActionInput; selection: BulkSelection }): BulkJobSummary {
    const companies = selectedCompanies(input.selection, this.#deps)
    const plan = planOf(input.action, this.#deps.actions)
    const logsIn = input.action.action === 'check' || input.action.action === 'login'
    // How each company logs in, read once: the estimate is made at every push.
    const methods = new Map(
      logsIn
        ? companies.map((c) => [c.id, loginWayOf(c, this.#deps.actions.loginWay).method] as const)
        : [],
    )
    return this.#runner
      .run({
        options: input.action,
        companies,
        step: plan.step,
        audit: plan.audit,
        ...(logsIn ? { estimate: (left) => this.#loginEstimate(left, methods) } : {}),
      })
      .summary()
  }

  /** The generic runner: `step` for each company, as a job shown and kept like the others. */
  run(request: BulkRunOf): BulkJobSummary {
    const companies = selectedCompanies(
      { kind: 'ids', companyIds: [...request.companyIds] },
      this.#deps,
    )
    return this.#runner
      .run({ options: request.options, companies, step: request.step, audit: request.audit })
      .summary()
  }

  cancel(jobId: string): BulkJobSummary {
    const job = this.#job(jobId)
    this.#runner.cancel(job)
    return job.summary()
  }

  jobs(): BulkJobSummary[] {
    return this.#deps.repository.summaries()
  }

  job(jobId: string): BulkJob {
    return this.#job(jobId).snapshot()
  }

  exportCsv(jobId: string): Promise<SavedFile[]> {
    const job = this.#job(jobId).snapshot()
    const stamp = job.createdAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
    return this.#deps.files.save([
      { name: `zadanie-${job.action}-${stamp}.csv`, bytes: bulkJobCsv(job) },
    ])
  }

  /** Resolves with the job once it has ended (the CLI, tests). */
  async finished(jobId: string): Promise<BulkJob> {
    this.#job(jobId)
    await this.#runner.finished(jobId)
    return this.job(jobId)
  }

  /** Tells `listener` of each row as it finishes; the function returned stops it. */
  watch(jobId: string, listener: (row: BulkRow) => void): () => void {
    this.#job(jobId)
    return this.#runner.watch(jobId, listener)
  }

  /** The app closes: running jobs end interrupted once their companies in flight have finished. */
  async close(): Promise<void> {
    await this.#runner.close()
    await this.#deps.repository.flush()
  }

  #job(jobId: string): BulkJobRecord {
    const job = this.#deps.repository.find(jobId)
    if (!job) throw new AppError('BULK_JOB_NOT_FOUND', 'No such job is kept.', { jobId })
    return job
  }

  /** The time KSeF's shared windows need for the logins left, per environment (the limiter's word). */
  #loginEstimate(
    left: readonly Company[],
    methods: ReadonlyMap<string, 'certificate' | 'token'>,
  ): number {
    const counts = new Map<string, { baseUrl: string; method: string; path: string; n: number }>()
    for (const company of left) {
      const { baseUrl } = this.#deps.clients.forEnvironment(company.environment)
      for (const call of sharedLoginCalls(methods.get(company.id) ?? 'token')) {
        const key = `${baseUrl} ${call.method} ${call.path}`
        const entry = counts.get(key) ?? { baseUrl, ...call, n: 0 }
        entry.n++
        counts.set(key, entry)
      }
    }
    let ms = 0
    for (const { n, ...request } of counts.values()) {
      ms = Math.max(ms, this.#deps.limiter.timeFor(request, n))
    }
    return ms
  }
}
