import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import type { Company } from '../../../shared/domain/company'
import type { KsefCertificateStatus, KsefTokenStatus } from '../../../shared/domain/credentials'
import { ksefTokenSunset } from '../../../shared/domain/token-sunset'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { FakeClock, memoryContext } from '../../support/memory-context'
import { noClientLimits } from '../../support/client-limits'

// What the app knows before KSeF is asked: a credential KSeF reported revoked, and tokens after
// the end of 2026. Each refusal has its own code, sends nothing and stores nothing.

const nip = '5265877635'
const context = { type: 'Nip' as const, value: nip }

let sim: RunningSimulator | undefined
afterEach(async () => {
  expect(sim?.contractViolations).toEqual([])
  await sim?.close()
  sim = undefined
})

/** The app and the simulator on one fake clock, so the clock can cross 1 January 2027. */
async function app(now = Date.now()) {
  const clock = new FakeClock(now)
  sim = await startSimulator({ clock, authStatusDelayMs: 0, limits: false })
  const harness = await memoryContext({
    ksefApiUrl: sim.url,
    clock,
    sleep: () => Promise.resolve(),
    rateLimiter: noClientLimits(),
  })
  const dispatch = createDispatch(handlers, harness.ctx)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
    return envelope.value as T
  }
  const company = await call<Company>('companies:add', {
    name: 'Spółka Testowa',
    identifier: context,
    environment: 'Test',
  })
  const companyId = company.id
  const simulator = sim
  const addToken = async () => {
    const { token, referenceNumber } = simulator.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
    })
    await call('tokens:add', { companyId, token })
    const tokenId = harness.ctx.credentials.tokens(companyId)[0]?.id ?? ''
    return { tokenId, referenceNumber }
  }
  /** Asserts that `attempt` is refused with `code`, with no request sent and nothing written. */
  const refused = async (attempt: () => Promise<unknown>, code: string, message?: RegExp) => {
    const before = { state: harness.ctx.login.state(companyId), settings: harness.settings.read() }
    const writes = [vi.spyOn(harness.secrets, 'set'), vi.spyOn(harness.secrets, 'delete')]
    simulator.clearRequests()
    const error = await attempt().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code, ...(message ? { message } : {}) })
    expect(simulator.requests).toEqual([])
    expect(harness.ctx.login.state(companyId)).toEqual(before.state)
    expect(harness.settings.read()).toEqual(before.settings)
    for (const write of writes) {
      expect(write).not.toHaveBeenCalled()
      write.mockRestore()
    }
  }
  return { ...harness, call, companyId, addToken, refused, sim: simulator }
}

describe('a token KSeF reported revoked', () => {
  it.each<KsefTokenStatus>(['Revoking', 'Revoked', 'Failed'])(
    'is refused as %s by Zaloguj tokenem KSeF and by Sprawdź token, before anything is sent',
    async (status) => {
      const { ctx, companyId, addToken, refused } = await app()
      const { tokenId, referenceNumber } = await addToken()
      ctx.credentials.recordKsefTokenStatuses(
        companyId,
        [{ referenceNumber, status, permissions: [] }],
        new Date(ctx.clock.now()).toISOString(),
      )
      const message = /^This token was revoked in KSeF: it will not log in again\./
      await refused(() => ctx.login.loginWithToken(companyId), 'TOKEN_REVOKED', message)
      await refused(() => ctx.login.probeTokenLogin(companyId, tokenId), 'TOKEN_REVOKED', message)
    },
  )

  it('logs in while KSeF last reported it Active', async () => {
    const { ctx, companyId, addToken } = await app()
    const { referenceNumber } = await addToken()
    ctx.credentials.recordKsefTokenStatuses(
      companyId,
      [{ referenceNumber, status: 'Active', permissions: [] }],
      new Date(ctx.clock.now()).toISOString(),
    )
    expect((await ctx.login.loginWithToken(companyId)).session?.method).toBe('token')
  })
})

describe('a certificate KSeF reported revoked', () => {
  it.each<KsefCertificateStatus>(['Revoked', 'Blocked', 'Expired'])(
    'is refused as %s by Zaloguj certyfikatem KSeF, before anything is sent',
    async (status) => {
      const { ctx, call, companyId, refused } = await app()
      await call('certificates:createTest', { companyId })
      const [certificate] = ctx.credentials.certificates(companyId)
      ctx.credentials.recordKsefCertificateStatuses(
        companyId,
        [{ serialNumber: certificate?.serialNumber ?? '', status }],
        new Date(ctx.clock.now()).toISOString(),
      )
      await refused(
        () => ctx.login.loginWithCertificate(companyId),
        'CERT_REVOKED',
        new RegExp(`^KSeF reports this certificate as ${status}: it will not log in again\\.`),
      )
    },
  )
})

describe('the end of tokens on 1 January 2027', () => {
  it('refuses token logins from the first minute of 2027 in Warsaw, unless tokens were turned back on', async () => {
    const { ctx, companyId, addToken, refused, clock } = await app(ksefTokenSunset - 60_000)
    const { tokenId } = await addToken()
    const first = await ctx.login.loginWithToken(companyId)
    expect(first.session?.method).toBe('token')
    await ctx.login.logout(companyId)

    clock.advance(60_000)
    const message = /^KSeF tokens could be used until 31 December 2026/
    await refused(() => ctx.login.loginWithToken(companyId), 'TOKENS_ENDED', message)
    await refused(() => ctx.login.probeTokenLogin(companyId, tokenId), 'TOKENS_ENDED', message)

    ctx.preferences.update({ tokensAfter2026: true })
    const again = await ctx.login.loginWithToken(companyId)
    expect(again.session?.method).toBe('token')
    await ctx.login.probeTokenLogin(companyId, tokenId)
    expect(ctx.login.state(companyId).session).toEqual(again.session)
  })

  it('keeps certificate logins working after the end of tokens', async () => {
    const { ctx, call, companyId } = await app(ksefTokenSunset + 86_400_000)
    await call('certificates:createTest', { companyId })
    expect((await ctx.login.loginWithCertificate(companyId)).session?.method).toBe('certificate')
  })
})
