// Sprawdź poświadczenia of 500 companies at KSeF's production limits: a real login and logout
// each, KSeF's windows shared by the limiter so that KSeF never answers 429, one correct row per
// company — the three seeded failures explained with their codes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { answered, officeOf } from './office'

let sim: RunningSimulator
beforeEach(async () => {
  sim = await startSimulator()
})
afterEach(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})

describe('a bulk check at production limits', () => {
  it('checks 500 companies by token: one correct row each, and KSeF never answers 429', async () => {
    const office = await officeOf(sim, 500, {
      revokedToken: 7,
      noPermission: 8,
      expiredCertificate: 9,
    })
    const { started, job } = await office.runJob({ action: 'check' })
    // The limiter's word at the start: 500 challenges at 60 a second, one every 1/60 s.
    expect(started.estimateMs).toBeGreaterThanOrEqual(Math.floor((499 * 1_000) / 60))

    expect(job.state).toBe('done')
    expect(answered(sim, 429)).toEqual([])
    expect(job.rows.map((row) => row.companyId)).toEqual(office.companies.map((c) => c.id))
    const failed = job.rows.filter((row) => row.state === 'failed')
    expect(failed.map((row) => [row.identifier, row.error?.code, row.ksef])).toEqual([
      [
        office.companies[7]?.identifier.value,
        'KSEF_AUTH_FAILED',
        { kind: 'authStatus', code: '450' },
      ],
      [
        office.companies[8]?.identifier.value,
        'KSEF_AUTH_FAILED',
        { kind: 'authStatus', code: '415' },
      ],
      [office.companies[9]?.identifier.value, 'CERT_EXPIRED', null],
    ])
    const done = job.rows.filter((row) => row.state === 'done')
    expect(done).toHaveLength(497)
    for (const row of done) expect(row.outcome).toEqual({ kind: 'checked', credential: 'token' })
    expect(job.counts).toMatchObject({ total: 500, done: 497, failed: 3, waiting: 0, working: 0 })

    // A login and a logout of its own per company, nothing else of the company touched.
    const calls = (operation: string) =>
      sim.requests.filter((r) => r.operation === operation).length
    expect(calls('POST /auth/ksef-token')).toBe(499)
    expect(calls('POST /auth/token/redeem')).toBe(497)
    expect(calls('DELETE /auth/sessions/current')).toBe(497)
    for (const company of office.companies) {
      expect(office.ctx.login.state(company.id).session).toBeNull()
    }
    // The verdicts are kept on the tokens, as Sprawdź token keeps them (the Pulpit's "failing").
    const checks = office.ctx.credentials.tokens(office.companies[7]?.id ?? '')
    expect(checks[0]?.lastCheck).toMatchObject({ ok: false, ksefStatusCode: 450 })
    expect(office.ctx.credentials.tokens(office.companies[0]?.id ?? '')[0]?.lastCheck?.ok).toBe(
      true,
    )
    await office.close()
  }, 90_000)
})
