import { randomUUID } from 'node:crypto'
import type { AuditAction } from '../../shared/domain/audit'
import type { BulkJobOptions, BulkOutcome, BulkRow } from '../../shared/domain/bulk'
import type { Company } from '../../shared/domain/company'
import { AppError, isAppError, type AppErrorPayload } from '../../shared/ipc/errors'
import type { AuditSink } from '../audit/audit-sink'
import type { CompanyActivity } from '../auth/company-activity'
import type { Clock, Scheduler } from '../clock'
import type { EventSink } from '../events'
import { isKsefError } from '../ksef/errors'
import { ksefCallScope } from '../ksef/rate-limiter'
import type { Logger } from '../log'
import { BulkJobRecord } from './bulk-job'
import type { BulkJobRepository } from './bulk-job-repository'

/**
 * One company's work in a job: resolves with what was done (a `skipped` outcome when there was
 * nothing to do), throws what went wrong. It runs inside the company's KSeF scope at bulk
 * priority. After KSeF's 429 it is run again from the start (the limiter then holds the bucket
 * for Retry-After), so it must be safe to repeat after any 429: KSeF acted on none of them.
 * `signal` is aborted on Anuluj; a step that takes several one-shot calls may stop between them.
 */
export type BulkStep = (company: Company, signal: AbortSignal) => Promise<BulkOutcome>

/** A step failed after doing part of its work (two tokens of three revoked): the part is kept. */
export class BulkPartialFailure extends Error {
  override readonly name = 'BulkPartialFailure'
  constructor(
    override readonly cause: unknown,
    readonly outcome: BulkOutcome,
  ) {
    super('part of the work was done')
  }
}

export interface BulkRunRequest {
  options: BulkJobOptions
  companies: readonly Company[]
  step: BulkStep
  /** The audit log's action for each company's line (the job's start and cancel are logged too). */
  audit: AuditAction
  /** How long the rest of the job should take (the rate limiter's word), at each push. */
  estimate?: (left: readonly Company[]) => number
}

export interface BulkRunnerDeps {
  repository: BulkJobRepository
  activity: Pick<CompanyActivity, 'claim' | 'isClaimed'>
  clock: Clock
  scheduler: Scheduler
  events: EventSink
  audit: AuditSink
  log: Logger
  /** Companies worked on at once; the limiter spreads their calls over KSeF's windows. */
  concurrency?: number
}

/**
 * Enough companies at once to keep KSeF's busiest window full while each waits for its login's
 * decision (about 60 a second, each for under a second), few enough that Anuluj leaves little
 * in flight.
 */
export const bulkConcurrency = 64

/** A 429 at any point of a step runs it again; after this many in a row the company fails. */
const rateLimitRetries = 5

/** At most this often a job's progress is pushed to the window. */
export const bulkProgressWindowMs = 250

interface RunningJob {
  job: BulkJobRecord
  request: BulkRunRequest
  controller: AbortController
  /** Set by close(): the job ends interrupted, its waiting rows left waiting. */
  closing: boolean
  done: Promise<void>
  cancelPush: (() => void) | undefined
  /** Told of each row as it finishes (the CLI prints a line per company). */
  listeners: Set<(row: BulkRow) => void>
  /** Milliseconds the companies finished so far took, together, and how many they are. */
  worked: { ms: number; companies: number }
}

const claimOf = (companyId: string) => `bulk:${companyId}`

/**
 * Runs jobs: each company once, `concurrency` at a time, every KSeF call in the company's scope
 * at bulk priority, so the limiter puts a user's click first and shares KSeF's windows between
 * the companies. Anuluj: the companies not started stay untouched (cancelled), those in flight
 * finish their step and are recorded. Rows are pushed in batches and written once a second.
 */
export class BulkRunner {
  readonly #deps: BulkRunnerDeps
  readonly #running = new Map<string, RunningJob>()

  constructor(deps: BulkRunnerDeps) {
    this.#deps = deps
  }

  /** Starts the job and returns at once; the rows follow in bulk:progress. */
  run(request: BulkRunRequest): BulkJobRecord {
    const busy = request.companies.filter((c) => this.#deps.activity.isClaimed(claimOf(c.id)))
    const holder = busy[0] && this.#holderOf(busy[0].id)
    if (holder) {
      throw new AppError(
        'BULK_COMPANIES_IN_JOB',
        `${busy.length} of the companies chosen are in a job still running: wait until it ends or cancel it.`,
        { jobId: holder, count: busy.length },
      )
    }
    if (request.companies.length === 0) {
      throw new AppError('BULK_NO_COMPANIES', 'No company was chosen for the job.')
    }
    const job = BulkJobRecord.start(randomUUID(), request.options, request.companies, this.#now())
    this.#deps.repository.add(job)
    this.#deps.audit.record({
      action: 'bulk.start',
      result: 'ok',
      jobId: job.id,
      note: `${job.action} ${request.companies.length}`,
    })
    const running: RunningJob = {
      job,
      request,
      controller: new AbortController(),
      closing: false,
      done: Promise.resolve(),
      cancelPush: undefined,
      listeners: new Set(),
      worked: { ms: 0, companies: 0 },
    }
    this.#running.set(job.id, running)
    running.done = this.#drive(running)
    this.#push(running)
    return job
  }

  /** Anuluj: queued companies stop now; the job ends when those in flight have. */
  cancel(job: BulkJobRecord): void {
    const running = this.#running.get(job.id)
    if (!running || job.state !== 'running') {
      throw new AppError('BULK_JOB_FINISHED', 'This job has ended already.', {
        jobId: job.id,
        state: job.state,
      })
    }
    job.state = 'cancelling'
    running.controller.abort()
    const now = this.#now()
    for (const row of job.rowsIn('waiting')) job.cancelRow(row.companyId, now)
    this.#deps.audit.record({ action: 'bulk.cancel', result: 'ok', jobId: job.id })
    this.#changed(running)
  }

  /** Settles when the job has ended (at once for one that is not running). */
  async finished(jobId: string): Promise<void> {
    await this.#running.get(jobId)?.done
  }

  /** Tells `listener` of each row of the job as it finishes; the function returned stops it. */
  watch(jobId: string, listener: (row: BulkRow) => void): () => void {
    const listeners = this.#running.get(jobId)?.listeners
    listeners?.add(listener)
    return () => listeners?.delete(listener)
  }

  /** The app closes: no company is started any more, those in flight finish, the jobs end interrupted. */
  async close(): Promise<void> {
    const running = [...this.#running.values()]
    for (const each of running) {
      each.closing = true
      each.controller.abort()
    }
    await Promise.all(running.map((each) => each.done))
  }

  #holderOf(companyId: string): string | undefined {
    for (const { job } of this.#running.values()) if (job.row(companyId)) return job.id
    return undefined
  }

  async #drive(running: RunningJob): Promise<void> {
    const { job, request, controller } = running
    const queue = [...request.companies]
    const worker = async () => {
      for (let company = queue.shift(); company; company = queue.shift()) {
        if (controller.signal.aborted) return
        await this.#one(running, company)
      }
    }
    const workers = Math.min(this.#deps.concurrency ?? bulkConcurrency, queue.length)
    await Promise.all(Array.from({ length: workers }, worker))
    const now = this.#now()
    if (running.closing) {
      job.state = 'interrupted'
    } else if (controller.signal.aborted) {
      for (const row of job.rowsIn('waiting')) job.cancelRow(row.companyId, now)
      job.state = 'cancelled'
    } else {
      job.state = 'done'
    }
    job.finishedAt = now
    this.#running.delete(job.id)
    running.cancelPush?.()
    this.#push(running)
    this.#deps.log.info('bulk job ended', {
      jobId: job.id,
      action: job.action,
      state: job.state,
      done: job.count('done'),
      failed: job.count('failed'),
    })
  }

  async #one(running: RunningJob, company: Company): Promise<void> {
    const { job, request, controller } = running
    const began = this.#deps.clock.now()
    job.working(company.id, this.#now())
    this.#changed(running)
    try {
      const outcome = await this.#deps.activity.claim(
        company.id,
        claimOf(company.id),
        new AppError('BULK_COMPANIES_IN_JOB', 'This company is in a job still running.', {
          jobId: job.id,
          count: 1,
        }),
        () =>
          ksefCallScope.run({ companyId: company.id, priority: 'bulk' }, () =>
            this.#withRateLimitRetries(() => request.step(company, controller.signal)),
          ),
      )
      job.finish(company.id, outcome, this.#now())
      this.#audit(job, request, company, outcome.kind === 'skipped' ? null : 'ok')
    } catch (error) {
      const cause = error instanceof BulkPartialFailure ? error.cause : error
      const payload = this.#payloadOf(cause, job)
      job.fail(
        company.id,
        payload,
        error instanceof BulkPartialFailure ? error.outcome : null,
        this.#now(),
      )
      this.#audit(job, request, company, 'failed', payload)
    }
    running.worked.ms += this.#deps.clock.now() - began
    running.worked.companies++
    const row = job.row(company.id)
    if (row) for (const listener of running.listeners) listener(row)
    this.#changed(running)
  }

  async #withRateLimitRetries<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work()
      } catch (error) {
        // KSeF refused before acting: the limiter holds the bucket for Retry-After, and the step
        // is sent again behind it.
        if (!isKsefError(error) || error.httpStatus !== 429 || attempt > rateLimitRetries) {
          throw error
        }
      }
    }
  }

  #audit(
    job: BulkJobRecord,
    request: BulkRunRequest,
    company: Company,
    result: 'ok' | 'failed' | null,
    error?: AppErrorPayload,
  ): void {
    if (result === null) return
    const ksef = job.row(company.id)?.ksef
    this.#deps.audit.record({
      action: request.audit,
      result,
      companyId: company.id,
      jobId: job.id,
      ...(error ? { errorCode: error.code } : {}),
      ...(ksef ? { ksefCode: ksef.code, ksefCodeKind: ksef.kind } : {}),
    })
  }

  #payloadOf(error: unknown, job: BulkJobRecord): AppErrorPayload {
    if (isAppError(error)) return error.toPayload()
    // The error's name only: a library's message may carry request headers.
    this.#deps.log.error('bulk step failed', {
      jobId: job.id,
      error: error instanceof Error ? error.name : 'non-error thrown',
    })
    return { code: 'INTERNAL', message: 'Something went wrong with this company.' }
  }

  #changed(running: RunningJob): void {
    this.#deps.repository.changed(running.job)
    if (running.cancelPush || running.job.finished) return
    running.cancelPush = this.#deps.scheduler.after(bulkProgressWindowMs, () => {
      running.cancelPush = undefined
      this.#push(running)
    })
  }

  #push(running: RunningJob): void {
    const { job } = running
    if (!job.finished) job.estimateMs = Math.round(this.#estimate(running))
    this.#deps.events.emit('bulk:progress', { job: job.summary(), rows: job.takeChanged() })
  }

  /**
   * The larger of two bounds: KSeF's windows for the calls still to be made (the limiter's
   * word), and the rounds of `concurrency` companies left at the time a company took so far.
   */
  #estimate({ job, request, worked }: RunningJob): number {
    const left = request.companies.filter((c) => {
      const state = job.row(c.id)?.state
      return state === 'waiting' || state === 'working'
    })
    const concurrency = this.#deps.concurrency ?? bulkConcurrency
    const rounds =
      worked.companies === 0
        ? 0
        : Math.ceil(left.length / concurrency) * (worked.ms / worked.companies)
    return Math.max(request.estimate?.(left) ?? 0, rounds)
  }

  #now(): string {
    return new Date(this.#deps.clock.now()).toISOString()
  }
}
