// A job meets KSeF's refusals at production limits: a 429 with Retry-After mid-job is waited out
// and the job completes; a 5xx on a one-shot call fails that company and is not sent again; Anuluj
// leaves every company either done or untouched.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BulkJobSummary, BulkRow } from '../../../shared/domain/bulk'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { answered, officeOf } from './office'

let sim: RunningSimulator
let office: Awaited<ReturnType<typeof officeOf>> | undefined
beforeEach(async () => {
  sim = await startSimulator()
})
afterEach(async () => {
  await office?.close()
  office = undefined
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})

const sentCount = (operation: string) =>
  sim.requests.filter((r) => r.operation === operation).length

/** Starts a check of every company; `onRow` hears each row as it finishes. */
async function startCheck(
  count: number,
  onRow: (row: BulkRow, job: BulkJobSummary) => void,
): Promise<BulkJobSummary> {
  office = await officeOf(sim, count)
  const started = await office.call('bulk:start', {
    action: { action: 'check' },
    selection: { kind: 'all' },
  })
  office.ctx.bulk.watch(started.id, (row) => onRow(row, started))
  return started
}

describe('a bulk job and KSeF’s refusals', () => {
  it('waits out a 429 with Retry-After that comes mid-job, and completes', async () => {
    let finished = 0
    const started = await startCheck(12, () => {
      // After the fourth company: KSeF refuses the next two redeems, for two seconds.
      if (++finished === 4) sim.faults.rateLimitNext(2, 2, '/auth/token/redeem')
    })
    const began = performance.now()
    const job = await office!.ctx.bulk.finished(started.id)

    expect(job.state).toBe('done')
    expect(job.rows.map((row) => row.state)).toEqual(Array(12).fill('done'))
    expect(answered(sim, 429)).toEqual(['POST /auth/token/redeem', 'POST /auth/token/redeem'])
    // The two refused companies logged in again after the block (KSeF redeemed nothing of the
    // refused logins): every company once, those two twice.
    expect(sentCount('POST /auth/ksef-token')).toBe(14)
    expect(sentCount('POST /auth/token/redeem')).toBe(14)
    expect(performance.now() - began).toBeGreaterThanOrEqual(2_000)
  })

  it('records a 5xx on a one-shot call as that company’s failure and does not send it again', async () => {
    let finished = 0
    const started = await startCheck(8, () => {
      if (++finished === 2) sim.faults.failNext(1, 503, '/auth/token/redeem')
    })
    const job = await office!.ctx.bulk.finished(started.id)

    expect(job.state).toBe('done')
    const failed = job.rows.filter((row) => row.state === 'failed')
    expect(failed.map((row) => [row.error?.code, row.error?.details?.['httpStatus']])).toEqual([
      ['KSEF_UNAVAILABLE', 503],
    ])
    expect(job.rows.filter((row) => row.state === 'done')).toHaveLength(7)
    // Eight redeems for eight logins: the one answered 503 was not repeated.
    expect(sentCount('POST /auth/token/redeem')).toBe(8)
    expect(sentCount('POST /auth/ksef-token')).toBe(8)
  })

  it('Anuluj mid-job: every company is either done or untouched', async () => {
    let cancelled: BulkJobSummary | undefined
    const started = await startCheck(100, (_row, job) => {
      if (!cancelled) cancelled = office!.ctx.bulk.cancel(job.id)
    })
    const job = await office!.ctx.bulk.finished(started.id)

    expect(cancelled?.state).toBe('cancelling')
    expect(job.state).toBe('cancelled')
    const states = new Set(job.rows.map((row) => row.state))
    expect([...states].sort()).toEqual(['cancelled', 'done'])
    const done = job.rows.filter((row) => row.state === 'done')
    const untouched = job.rows.filter((row) => row.state === 'cancelled')
    expect(done.length + untouched.length).toBe(100)
    expect(untouched.length).toBeGreaterThan(0)
    // KSeF saw a login for each company done and for no other; their tokens carry no new check.
    expect(sentCount('POST /auth/ksef-token')).toBe(done.length)
    expect(sentCount('DELETE /auth/sessions/current')).toBe(done.length)
    for (const row of untouched) {
      expect(row.startedAt).toBeNull()
      expect(office!.ctx.credentials.tokens(row.companyId)[0]?.lastCheck).toBeNull()
    }
    await expect(office!.call('bulk:cancel', { jobId: job.id })).rejects.toMatchObject({
      code: 'BULK_JOB_FINISHED',
      details: { jobId: job.id, state: 'cancelled' },
    })
  })
})
