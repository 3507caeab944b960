import { bulkJobFinished, type BulkJobSummary } from '../../shared/domain/bulk'
import type { Scheduler } from '../clock'
import { CoalescedWrites } from '../vault/coalesced-writes'
import type { BulkJobFiles } from './bulk-job-files'
import { BulkJobRecord } from './bulk-job'

/** Finished jobs kept with their results; an older one goes when a new one starts. */
export const keptFinishedJobs = 20

/**
 * Rows change many times a second in a job of 2,000 companies: a change marks its job, and
 * the marked jobs reach the disk together once a second (CoalescedWrites), each in its own file.
 */
export const bulkJobsWriteWindowMs = 1_000

export interface BulkJobRepositoryDeps {
  files: BulkJobFiles
  scheduler: Scheduler
  /** A timed write failed; the next window tries again. */
  failed: (error: unknown) => void
}

/** The jobs of this data folder, newest first; the results of each outlive the app. */
export class BulkJobRepository {
  readonly #deps: BulkJobRepositoryDeps
  readonly #jobs = new Map<string, BulkJobRecord>()
  readonly #dirty = new Set<string>()
  readonly #removed = new Set<string>()
  readonly #writes: CoalescedWrites

  constructor(deps: BulkJobRepositoryDeps) {
    this.#deps = deps
    this.#writes = new CoalescedWrites({
      write: () => this.#write(),
      scheduler: deps.scheduler,
      windowMs: bulkJobsWriteWindowMs,
      failed: deps.failed,
    })
  }

  /**
   * Reads the jobs kept. One that was running when the app last closed did not end: it is
   * interrupted, its rows as they were (those not finished are the work left undone).
   */
  async open(now: string): Promise<void> {
    const jobs = await this.#deps.files.list()
    for (const job of jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      const record = new BulkJobRecord(job)
      if (!bulkJobFinished(record.state)) {
        record.state = 'interrupted'
        record.finishedAt = now
        this.#dirty.add(record.id)
      }
      this.#jobs.set(record.id, record)
    }
    if (this.#dirty.size > 0) this.#writes.request()
  }

  find(jobId: string): BulkJobRecord | undefined {
    return this.#jobs.get(jobId)
  }

  /** Newest first. */
  list(): BulkJobRecord[] {
    return [...this.#jobs.values()].reverse()
  }

  summaries(): BulkJobSummary[] {
    return this.list().map((job) => job.summary())
  }

  add(job: BulkJobRecord): void {
    this.#jobs.set(job.id, job)
    const finished = this.list().filter((each) => each.finished)
    for (const old of finished.slice(keptFinishedJobs)) {
      this.#jobs.delete(old.id)
      this.#dirty.delete(old.id)
      this.#removed.add(old.id)
    }
    this.changed(job)
  }

  /** The job changed: it is written within the window. */
  changed(job: BulkJobRecord): void {
    this.#dirty.add(job.id)
    this.#writes.request()
  }

  /** Everything changed so far is on the disk when this resolves. */
  flush(): Promise<void> {
    return this.#writes.flush()
  }

  async #write(): Promise<void> {
    const dirty = [...this.#dirty]
    const removed = [...this.#removed]
    this.#dirty.clear()
    this.#removed.clear()
    try {
      for (const id of removed) await this.#deps.files.remove(id)
      for (const id of dirty) {
        const job = this.#jobs.get(id)
        if (job) await this.#deps.files.write(job.snapshot())
      }
    } catch (error) {
      for (const id of dirty) this.#dirty.add(id)
      for (const id of removed) this.#removed.add(id)
      throw error
    }
  }
}
