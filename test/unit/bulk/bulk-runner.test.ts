// The bulk runner with steps the test controls: each company once, a bounded number at a time, in
// its KSeF scope at bulk priority; a 429 runs the step again, a 5xx does not; Anuluj stops the
// queue and lets what is in flight finish; progress pushed in batches; results written and read
// back, a job left running by a closed app interrupted.
import { describe, expect, it } from 'vitest'
import type { AuditEvent } from '../../../shared/domain/audit'
import type { BulkOutcome, BulkProgress } from '../../../shared/domain/bulk'
import type { Company } from '../../../shared/domain/company'
import { AppError } from '../../../shared/ipc/errors'
import { CompanyActivity } from '../../../electron/auth/company-activity'
import { MemoryBulkJobFiles } from '../../../electron/bulk/bulk-job-files'
import { BulkJobRepository } from '../../../electron/bulk/bulk-job-repository'
import {
  BulkPartialFailure,
  BulkRunner,
  bulkProgressWindowMs,
  type BulkStep,
} from '../../../electron/bulk/bulk-runner'
import { emptyFacts, KsefError } from '../../../electron/ksef/errors'
import { ksefCallScope } from '../../../electron/ksef/rate-limiter'
import { silentLogger } from '../../../electron/log'
import { seededCompanies } from '../../support/company-seed'
import { FakeScheduler } from '../../support/fake-scheduler'
import { FakeClock } from '../../support/memory-context'

const checked: BulkOutcome = { kind: 'checked', credential: 'token' }

function ksefError(httpStatus: number): KsefError {
  const request = { method: 'POST', path: '/auth/ksef-token' }
  return new KsefError(
    httpStatus === 429 ? 'KSEF_RATE_LIMITED' : 'KSEF_UNAVAILABLE',
    `HTTP ${httpStatus}`,
    { ...emptyFacts(request), httpStatus, ksef: { kind: 'http', code: httpStatus } },
  )
}

/** A step each company waits in until the test releases it (at once, if released before). */
function gate() {
  const waiting = new Map<string, (outcome: BulkOutcome) => void>()
  const released = new Set<string>()
  const step: BulkStep = (company) =>
    released.has(company.id)
      ? Promise.resolve(checked)
      : new Promise((resolve) => waiting.set(company.id, (outcome) => resolve(outcome)))
  return {
    step,
    waiting,
    release: (companyId: string) => {
      released.add(companyId)
      waiting.get(companyId)?.(checked)
      waiting.delete(companyId)
    },
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

function harness(files = new MemoryBulkJobFiles(), concurrency = 2) {
  const scheduler = new FakeScheduler()
  const pushes: BulkProgress[] = []
  const audit: AuditEvent[] = []
  const repository = new BulkJobRepository({ files, scheduler, failed: () => undefined })
  const runner = new BulkRunner({
    repository,
    activity: new CompanyActivity(),
    clock: new FakeClock(),
    scheduler,
    events: { emit: (_event, payload) => pushes.push(payload as BulkProgress) },
    audit: { record: (event) => audit.push(event) },
    log: silentLogger,
    concurrency,
  })
  return { runner, repository, scheduler, pushes, audit, files }
}

const companies: Company[] = seededCompanies(5)
const ids = companies.map((c) => c.id)
const request = (step: BulkStep, chosen = companies) => ({
  options: { action: 'check' as const },
  companies: chosen,
  step,
  audit: 'auth.check' as const,
})

describe('the bulk runner', () => {
  it('runs each company once, two at a time, inside its KSeF scope at bulk priority', async () => {
    const h = harness()
    const scopes: unknown[] = []
    let inFlight = 0
    let most = 0
    const job = h.runner.run(
      request(async (company) => {
        scopes.push(ksefCallScope.getStore())
        most = Math.max(most, ++inFlight)
        await settle()
        inFlight--
        return company.id === ids[1] ? { kind: 'skipped', reason: 'notLoggedIn' } : checked
      }),
    )
    await h.runner.finished(job.id)

    expect(most).toBe(2)
    expect(scopes).toEqual(ids.map((companyId) => ({ companyId, priority: 'bulk' })))
    const snapshot = h.repository.find(job.id)?.snapshot()
    expect(snapshot?.state).toBe('done')
    expect(snapshot?.rows.map((row) => row.state)).toEqual([
      'done',
      'skipped',
      'done',
      'done',
      'done',
    ])
    expect(snapshot?.counts).toMatchObject({ total: 5, done: 4, skipped: 1 })
    // The job's start, and a line per company that was acted on (a skip changes nothing).
    expect(h.audit.map((line) => [line.action, line.result, line.companyId])).toEqual([
      ['bulk.start', 'ok', undefined],
      ...[0, 2, 3, 4].map((i) => ['auth.check', 'ok', ids[i]]),
    ])
    expect(h.audit.every((line) => line.jobId === job.id)).toBe(true)
  })

  it('runs a step again after KSeF’s 429, at most five times, and never after a 5xx', async () => {
    const h = harness()
    const tries = new Map<string, number>()
    const job = h.runner.run(
      request(
        (company) => {
          const n = (tries.get(company.id) ?? 0) + 1
          tries.set(company.id, n)
          if (company.id === ids[0] && n < 3) return Promise.reject(ksefError(429))
          if (company.id === ids[1]) return Promise.reject(ksefError(429))
          if (company.id === ids[2]) return Promise.reject(ksefError(503))
          return Promise.resolve(checked)
        },
        companies.slice(0, 3),
      ),
    )
    await h.runner.finished(job.id)

    expect([...tries.values()]).toEqual([3, 6, 1])
    const rows = h.repository.find(job.id)?.snapshot().rows ?? []
    expect(rows.map((row) => [row.state, row.error?.code ?? null, row.ksef])).toEqual([
      ['done', null, null],
      ['failed', 'KSEF_RATE_LIMITED', { kind: 'http', code: '429' }],
      ['failed', 'KSEF_UNAVAILABLE', { kind: 'http', code: '503' }],
    ])
    expect(h.audit.filter((line) => line.result === 'failed')).toEqual([
      expect.objectContaining({
        companyId: ids[1],
        errorCode: 'KSEF_RATE_LIMITED',
        ksefCode: '429',
        ksefCodeKind: 'http',
      }),
      expect.objectContaining({
        companyId: ids[2],
        errorCode: 'KSEF_UNAVAILABLE',
        ksefCode: '503',
        ksefCodeKind: 'http',
      }),
    ])
  })

  it('keeps what a step did before it failed, and words an unknown failure without its message', async () => {
    const h = harness()
    const done: BulkOutcome = { kind: 'tokensRevoked', referenceNumbers: ['20261101-EC-1'] }
    const job = h.runner.run(
      request(
        (company) =>
          Promise.reject(
            company.id === ids[0]
              ? new BulkPartialFailure(new AppError('TOKEN_REVOKE_FORBIDDEN', 'no'), done)
              : new Error('secret-bearing library message'),
          ),
        companies.slice(0, 2),
      ),
    )
    await h.runner.finished(job.id)
    const rows = h.repository.find(job.id)?.snapshot().rows ?? []
    expect(rows.map((row) => [row.state, row.outcome, row.error])).toEqual([
      ['failed', done, { code: 'TOKEN_REVOKE_FORBIDDEN', message: 'no' }],
      ['failed', null, { code: 'INTERNAL', message: 'Something went wrong with this company.' }],
    ])
  })

  it('Anuluj: the companies not started are cancelled at once, those in flight finish and are recorded', async () => {
    const h = harness()
    const { step, release, waiting } = gate()
    const job = h.runner.run(request(step))
    await settle()
    expect([...waiting.keys()]).toEqual(ids.slice(0, 2))

    const record = h.repository.find(job.id)!
    h.runner.cancel(record)
    expect(record.summary()).toMatchObject({
      state: 'cancelling',
      counts: { working: 2, cancelled: 3 },
    })
    release(ids[0] ?? '')
    release(ids[1] ?? '')
    await h.runner.finished(job.id)

    expect(record.snapshot().rows.map((row) => row.state)).toEqual([
      'done',
      'done',
      'cancelled',
      'cancelled',
      'cancelled',
    ])
    expect(record.state).toBe('cancelled')
    expect(h.audit.map((line) => line.action)).toEqual([
      'bulk.start',
      'bulk.cancel',
      'auth.check',
      'auth.check',
    ])
    expect(() => h.runner.cancel(record)).toThrow(
      expect.objectContaining({
        code: 'BULK_JOB_FINISHED',
        details: { jobId: job.id, state: 'cancelled' },
      }),
    )
  })

  it('refuses a job over companies of a running job, and a job of none, starting nothing', async () => {
    const h = harness()
    const { step, release } = gate()
    const first = h.runner.run(request(step, companies.slice(0, 2)))
    expect(() => h.runner.run(request(step, companies.slice(1, 4)))).toThrow(
      expect.objectContaining({
        code: 'BULK_COMPANIES_IN_JOB',
        details: { jobId: first.id, count: 1 },
      }),
    )
    expect(() => h.runner.run(request(step, []))).toThrow(
      expect.objectContaining({ code: 'BULK_NO_COMPANIES' }),
    )
    expect(h.repository.list()).toHaveLength(1)
    await settle()
    release(ids[0] ?? '')
    release(ids[1] ?? '')
    await h.runner.finished(first.id)
    // Once it ended, the same companies may run again.
    const again = h.runner.run(request(() => Promise.resolve(checked), companies.slice(1, 4)))
    await h.runner.finished(again.id)
  })

  it('pushes progress in batches: the job’s head and the rows changed since the last push', async () => {
    const h = harness(new MemoryBulkJobFiles(), 5)
    const { step, release } = gate()
    const job = h.runner.run(request(step))
    await settle()
    // The start, the five companies at work.
    expect(h.pushes).toHaveLength(1)
    expect(h.pushes[0]?.rows.map((row) => row.state)).toEqual(Array(5).fill('working'))
    release(ids[0] ?? '')
    release(ids[1] ?? '')
    await settle()
    expect(h.pushes).toHaveLength(1)
    h.scheduler.advance(bulkProgressWindowMs)
    expect(h.pushes).toHaveLength(2)
    expect(h.pushes[1]?.rows.map((row) => [row.companyId, row.state])).toEqual([
      [ids[0], 'done'],
      [ids[1], 'done'],
    ])
    expect(h.pushes[1]?.job.counts).toMatchObject({ done: 2, working: 3 })
    for (const id of ids.slice(2)) release(id)
    await h.runner.finished(job.id)
    // The end is pushed at once, with its final state.
    expect(h.pushes).toHaveLength(3)
    expect(h.pushes[2]?.job).toMatchObject({ state: 'done', estimateMs: null })
    expect(h.pushes[2]?.rows.map((row) => row.companyId)).toEqual(ids.slice(2))
  })

  it('writes the results once a window, and a job the app left running reads back interrupted', async () => {
    const files = new MemoryBulkJobFiles()
    const h = harness(files)
    const { step, release } = gate()
    const job = h.runner.run(request(step))
    await settle()
    release(ids[0] ?? '')
    await settle()
    expect(files.writes).toBe(0)
    h.scheduler.advance(1_000)
    await settle()
    expect(files.writes).toBe(1)

    // The app stops here (no close): a new process reads the folder.
    const reopened = new BulkJobRepository({
      files,
      scheduler: new FakeScheduler(),
      failed: () => undefined,
    })
    await reopened.open('2026-11-21T10:00:00.000Z')
    const back = reopened.find(job.id)?.snapshot()
    expect(back).toMatchObject({ state: 'interrupted', finishedAt: '2026-11-21T10:00:00.000Z' })
    expect(back?.rows.map((row) => row.state)).toEqual([
      'done',
      'working',
      'working',
      'waiting',
      'waiting',
    ])
    for (const id of ids) release(id)
    await h.runner.finished(job.id)
  })

  it('on close starts no more companies, lets those in flight finish, and ends the job interrupted', async () => {
    const h = harness()
    const { step, release } = gate()
    const job = h.runner.run(request(step))
    await settle()
    const closing = h.runner.close()
    release(ids[0] ?? '')
    release(ids[1] ?? '')
    await closing
    const record = h.repository.find(job.id)!
    expect(record.state).toBe('interrupted')
    expect(record.snapshot().rows.map((row) => row.state)).toEqual([
      'done',
      'done',
      'waiting',
      'waiting',
      'waiting',
    ])
  })
})
