import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import type { AuthState } from '../../../shared/domain/auth'
import type { Company } from '../../../shared/domain/company'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { memoryContext } from '../../support/memory-context'
import { noClientLimits } from '../../support/client-limits'

// Sprawdź token (ctx.login.probeTokenLogin): a real login with a stored token and a logout of the
// session it opened, leaving the company's own session, operations and vault as they were.

const nip = '5265877635'
const author = { type: 'Nip' as const, value: '7762811692' }
const quick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20)))

let sim: RunningSimulator
beforeEach(async () => {
  sim = await startSimulator({ authStatusDelayMs: 50, limits: false })
})
afterEach(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})

async function companyWithToken(token?: string) {
  const harness = await memoryContext({
    ksefApiUrl: sim.url,
    sleep: quick,
    rateLimiter: noClientLimits(),
  })
  harness.clock.advance(Date.now() - harness.clock.now())
  const dispatch = createDispatch(handlers, harness.ctx)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
    return envelope.value as T
  }
  const company = await call<Company>('companies:add', {
    name: 'Spółka Testowa',
    identifier: { type: 'Nip', value: nip },
    environment: 'Test',
  })
  const secret =
    token ??
    sim.seed.createToken({ context: { type: 'Nip', value: nip }, permissions: ['InvoiceRead'] })
      .token
  await call('tokens:add', { companyId: company.id, token: secret })
  const tokenId = harness.ctx.credentials.tokens(company.id)[0]?.id ?? ''
  return { ...harness, call, companyId: company.id, tokenId }
}

type Harness = Awaited<ReturnType<typeof companyWithToken>>

/** Everything the company keeps of its logins, and a spy on every write to the vault. */
function snapshot({ ctx, settings, secrets, companyId }: Harness) {
  const before = { state: ctx.login.state(companyId), settings: settings.read() }
  const writes = [vi.spyOn(secrets, 'set'), vi.spyOn(secrets, 'delete')]
  return {
    expectUnchanged() {
      expect(ctx.login.state(companyId)).toEqual(before.state)
      expect(settings.read()).toEqual(before.settings)
      for (const write of writes) expect(write).not.toHaveBeenCalled()
    },
  }
}

const sent = () =>
  sim.requests.map((r) => `${r.method} ${r.path.replace(/\/auth\/20.*/, '/auth/REF')}`)

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

describe('Sprawdź token', () => {
  it('logs in with the token and out again, keeping nothing, for a company without a session', async () => {
    const harness = await companyWithToken()
    const kept = snapshot(harness)
    sim.clearRequests()

    await harness.ctx.login.probeTokenLogin(harness.companyId, harness.tokenId)

    expect(sent()).toEqual(
      expect.arrayContaining([
        'POST /v2/auth/ksef-token',
        'POST /v2/auth/token/redeem',
        'DELETE /v2/auth/sessions/current',
      ]),
    )
    expect(sent().indexOf('DELETE /v2/auth/sessions/current')).toBeGreaterThan(
      sent().indexOf('POST /v2/auth/token/redeem'),
    )
    const logout = sim.requests.find((r) => r.path === '/v2/auth/sessions/current')
    expect(logout?.status).toBe(204)
    kept.expectUnchanged()
    expect(harness.ctx.login.state(harness.companyId)).toMatchObject({
      session: null,
      operations: [],
    })
  })

  it('leaves the company’s own session, access token and operations as they were', async () => {
    const harness = await companyWithToken()
    const { ctx, call, companyId, tokenId } = harness
    await call('certificates:createTest', { companyId })
    const own = await call<AuthState>('auth:loginWithCertificate', { companyId })
    const accessToken = await ctx.login.accessToken(companyId)
    const kept = snapshot(harness)
    sim.clearRequests()

    await ctx.login.probeTokenLogin(companyId, tokenId)

    expect(sent()).toEqual(
      expect.arrayContaining(['POST /v2/auth/token/redeem', 'DELETE /v2/auth/sessions/current']),
    )
    kept.expectUnchanged()
    expect(await ctx.login.accessToken(companyId)).toBe(accessToken)
    expect(sim.requests.filter((r) => r.path === '/v2/auth/token/refresh')).toEqual([])
    // The company's session is still the live one in KSeF; the probe's is gone.
    const listed = await ctx.login.sessions(companyId)
    expect(listed.filter((s) => s.status.code === 200 && s.refreshTokenValidUntil)).toEqual([
      expect.objectContaining({ referenceNumber: own.session?.referenceNumber, isCurrent: true }),
    ])
  })

  it('fails with KSeF status 450 for a token revoked in KSeF, keeping nothing', async () => {
    const { token, referenceNumber } = sim.seed.createToken({
      context: { type: 'Nip', value: nip },
      permissions: ['InvoiceRead'],
    })
    const harness = await companyWithToken(token)
    sim.seed.revokeToken(referenceNumber)
    const kept = snapshot(harness)

    expect(
      await failure(harness.ctx.login.probeTokenLogin(harness.companyId, harness.tokenId)),
    ).toMatchObject({
      code: 'KSEF_AUTH_FAILED',
      details: { ksefCodeKind: 'authStatus', ksefCode: 450, ksefDetails: ['Token unieważniony'] },
    })
    kept.expectUnchanged()
    expect(sent()).not.toContain('POST /v2/auth/token/redeem')
  })

  it('fails with KSeF status 415 for an Active token whose author lost the permissions', async () => {
    const context = { type: 'Nip' as const, value: nip }
    sim.seed.grantPermission({ context, subject: author, permissions: ['InvoiceRead'] })
    const { token } = sim.seed.createToken({ context, author, permissions: ['InvoiceRead'] })
    const harness = await companyWithToken(token)
    await harness.ctx.login.probeTokenLogin(harness.companyId, harness.tokenId)
    sim.seed.revokePermission({ context, subject: author })
    const kept = snapshot(harness)

    expect(
      await failure(harness.ctx.login.probeTokenLogin(harness.companyId, harness.tokenId)),
    ).toMatchObject({
      code: 'KSEF_AUTH_FAILED',
      details: { ksefCodeKind: 'authStatus', ksefCode: 415 },
    })
    kept.expectUnchanged()
  })

  it('says which token is missing: an id not stored for the company', async () => {
    const harness = await companyWithToken()
    const kept = snapshot(harness)
    sim.clearRequests()
    expect(
      await failure(harness.ctx.login.probeTokenLogin(harness.companyId, 'no-such-token')),
    ).toMatchObject({ code: 'TOKEN_NOT_FOUND' })
    expect(sim.requests).toEqual([])
    kept.expectUnchanged()
  })
})
