import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import {
  operationIsFinished,
  type AuthOperation,
  type AuthState,
} from '../../../shared/domain/auth'
import type { Company } from '../../../shared/domain/company'
import type { CompanyStatus } from '../../../shared/domain/company-status'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { memoryContext } from '../../support/memory-context'
import { noClientLimits } from '../../support/client-limits'

// The list of operations on Ogólne shows every attempt — one refused before KSeF gave it a
// reference number too (the app's own refusals store nothing) — and Wyczyść removes the finished ones (issue 11).

const quick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20)))

let sim: RunningSimulator
beforeEach(async () => {
  sim = await startSimulator({ authStatusDelayMs: 50, limits: false })
})
afterEach(async () => {
  await sim.close()
})

async function app() {
  const harness = await memoryContext({
    ksefApiUrl: sim.url,
    sleep: quick,
    rateLimiter: noClientLimits(),
  })
  harness.clock.advance(Date.now() - harness.clock.now())
  const dispatch = createDispatch(handlers, harness.ctx)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.code), envelope.error)
    return envelope.value as T
  }
  const company = await call<Company>('companies:add', {
    name: 'Spółka Testowa',
    identifier: { type: 'Nip', value: '5265877635' },
    environment: 'Test',
  })
  return { ...harness, call, companyId: company.id }
}

describe('the operations of Ogólne', () => {
  it('keep a login KSeF refused before numbering it, with the error the user saw', async () => {
    const { call, companyId } = await app()
    await call('certificates:createTest', { companyId, makeDefault: true })
    sim.faults.failNext(1, 400, '/auth/xades-signature')
    const refusal = await call('auth:loginWithCertificate', { companyId }).catch((e: unknown) => e)
    expect(refusal).toMatchObject({ code: expect.stringMatching(/^KSEF_/) as unknown })
    const { operations, session } = await call<AuthState>('auth:state', { companyId })
    expect(session).toBeNull()
    expect(operations).toHaveLength(1)
    expect(operations[0]).toMatchObject({
      method: 'certificate',
      redeemed: false,
      refusal: { code: (refusal as { code: string }).code },
    })
    // The badge's "last KSeF status" stays for statuses KSeF gave.
    const [status] = await call<CompanyStatus[]>('companies:overview', undefined)
    expect(status?.lastFailureStatus).toBeNull()
  })

  it('store nothing when the app itself refuses before sending (no certificate)', async () => {
    const { call, companyId, settings } = await app()
    const before = settings.read()
    await expect(call('auth:loginWithCertificate', { companyId })).rejects.toMatchObject({
      code: 'CERT_NO_DEFAULT',
    })
    expect(sim.requests.filter((r) => r.path.endsWith('/auth/xades-signature'))).toEqual([])
    expect(settings.read()).toEqual(before)
  })

  it('Wyczyść removes the finished ones and keeps the session', async () => {
    const { call, companyId } = await app()
    await call('certificates:createTest', { companyId, makeDefault: true })
    sim.faults.failNext(1, 400, '/auth/xades-signature')
    await expect(call('auth:loginWithCertificate', { companyId })).rejects.toThrow()
    const loggedIn = await call<AuthState>('auth:loginWithCertificate', { companyId })
    expect(loggedIn.operations.map((o) => [o.redeemed, o.refusal === null])).toEqual([
      [true, true],
      [false, false],
    ])
    const cleared = await call<AuthState>('auth:clearFinished', { companyId })
    expect(cleared.operations).toEqual([])
    expect(cleared.session?.referenceNumber).toBe(loggedIn.session?.referenceNumber)
  })

  it('count as finished when redeemed, refused or run out; not while KSeF decides or awaits redeem', () => {
    const now = Date.parse('2026-03-16T10:00:00Z')
    const open: AuthOperation = {
      referenceNumber: '20260316-AU-1',
      method: 'signedRequest',
      startedAt: '2026-03-16T09:59:00.000Z',
      status: { code: 100, description: 'Uwierzytelnianie w toku', details: [] },
      redeemed: false,
      usableUntil: '2026-03-16T10:10:00.000Z',
      credentialId: null,
      refusal: null,
    }
    const ready = { ...open, status: { ...open.status, code: 200 } }
    expect([open, ready].map((o) => operationIsFinished(o, now))).toEqual([false, false])
    const finished = [
      { ...ready, redeemed: true },
      { ...open, status: { ...open.status, code: 415 } },
      { ...open, usableUntil: '2026-03-16T10:00:00.000Z' },
    ]
    expect(finished.map((o) => operationIsFinished(o, now))).toEqual([true, true, true])
  })
})
