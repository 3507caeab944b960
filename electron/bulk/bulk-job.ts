import {
  bulkJobFinished,
  type BulkActionKind,
  type BulkCounts,
  type BulkJob,
  type BulkJobOptions,
  type BulkJobState,
  type BulkJobSummary,
  type BulkOutcome,
  type BulkRow,
  type BulkRowState,
} from '../../shared/domain/bulk'
import type { Company } from '../../shared/domain/company'
import type { AppErrorPayload } from '../../shared/ipc/errors'

const emptyCounts = (): BulkCounts => ({
  total: 0,
  waiting: 0,
  working: 0,
  done: 0,
  failed: 0,
  skipped: 0,
  cancelled: 0,
})

/**
 * One job as main holds it: its rows by company, counted as they change, and the rows changed
 * since the last push (taken by `takeChanged`). Every change goes through here.
 */
export class BulkJobRecord {
  readonly id: string
  readonly action: BulkActionKind
  readonly options: BulkJobOptions
  readonly createdAt: string
  finishedAt: string | null
  state: BulkJobState
  estimateMs: number | null = null
  readonly #rows = new Map<string, BulkRow>()
  readonly #counts: BulkCounts
  readonly #changed = new Set<string>()

  constructor(job: BulkJob) {
    this.id = job.id
    this.action = job.action
    this.options = job.options
    this.createdAt = job.createdAt
    this.finishedAt = job.finishedAt
    this.state = job.state
    this.estimateMs = job.estimateMs
    this.#counts = emptyCounts()
    for (const row of job.rows) {
      this.#rows.set(row.companyId, row)
      this.#counts.total++
      this.#counts[row.state]++
    }
  }

  static start(
    id: string,
    options: BulkJobOptions,
    companies: readonly Company[],
    now: string,
  ): BulkJobRecord {
    return new BulkJobRecord({
      id,
      action: options.action,
      options,
      createdAt: now,
      finishedAt: null,
      state: 'running',
      counts: emptyCounts(),
      estimateMs: null,
      rows: companies.map((company) => ({
        companyId: company.id,
        name: company.name,
        identifier: company.identifier.value,
        state: 'waiting',
        startedAt: null,
        finishedAt: null,
        outcome: null,
        error: null,
        ksef: null,
      })),
    })
  }

  get finished(): boolean {
    return bulkJobFinished(this.state)
  }

  row(companyId: string): BulkRow | undefined {
    return this.#rows.get(companyId)
  }

  rowsIn(state: BulkRowState): BulkRow[] {
    return [...this.#rows.values()].filter((row) => row.state === state)
  }

  count(state: BulkRowState): number {
    return this.#counts[state]
  }

  working(companyId: string, now: string): void {
    this.#update(companyId, { state: 'working', startedAt: now })
  }

  finish(companyId: string, outcome: BulkOutcome, now: string): void {
    this.#update(companyId, {
      state: outcome.kind === 'skipped' ? 'skipped' : 'done',
      finishedAt: now,
      outcome,
    })
  }

  fail(companyId: string, error: AppErrorPayload, outcome: BulkOutcome | null, now: string): void {
    const kind = error.details?.['ksefCodeKind']
    const code = error.details?.['ksefCode']
    this.#update(companyId, {
      state: 'failed',
      finishedAt: now,
      outcome,
      error,
      ksef:
        typeof kind === 'string' && (typeof code === 'string' || typeof code === 'number')
          ? { kind: kind as NonNullable<BulkRow['ksef']>['kind'], code: String(code) }
          : null,
    })
  }

  /** A company not started: it stays untouched. */
  cancelRow(companyId: string, now: string): void {
    this.#update(companyId, { state: 'cancelled', finishedAt: now })
  }

  summary(): BulkJobSummary {
    return {
      id: this.id,
      action: this.action,
      options: this.options,
      createdAt: this.createdAt,
      finishedAt: this.finishedAt,
      state: this.state,
      counts: { ...this.#counts },
      estimateMs: this.finished ? null : this.estimateMs,
    }
  }

  snapshot(): BulkJob {
    return { ...this.summary(), rows: [...this.#rows.values()] }
  }

  /** The rows changed since the last call, and forgets them. */
  takeChanged(): BulkRow[] {
    const rows = [...this.#changed].flatMap((id) => this.#rows.get(id) ?? [])
    this.#changed.clear()
    return rows
  }

  #update(companyId: string, change: Partial<BulkRow>): void {
    const row = this.#rows.get(companyId)
    if (!row) return
    const next = { ...row, ...change }
    this.#counts[row.state]--
    this.#counts[next.state]++
    this.#rows.set(companyId, next)
    this.#changed.add(companyId)
  }
}
