import { afterEach, describe, expect, it } from 'vitest'
import type { AuthState } from '../../../shared/domain/auth'
import type { CompanyStatus } from '../../../shared/domain/company-status'
import type { TokenSummary } from '../../../shared/domain/credentials'
import type {
  GeneratedTokenResult,
  KsefTokenPage,
  TokenCheckResult,
  TokenPolicy,
} from '../../../shared/domain/ksef-tokens'
import type { Preferences } from '../../../shared/domain/preferences'
import { context, loginAsOwner, person, startTokenApp, type TokenApp } from './harness'

// Sprawdź token (KSeF's Active is no proof: only a login is) and the end of tokens after 2026.

let app: TokenApp
afterEach(async () => {
  await app.close()
})

const tokens = () => app.call<TokenSummary[]>('tokens:list', { companyId: app.companyId })
const overview = async () =>
  (await app.call<CompanyStatus[]>('companies:overview')).find(
    (status) => status.companyId === app.companyId,
  )

describe('Sprawdź token', () => {
  it('finds a token whose author lost permissions: Active in KSeF, yet it no longer logs in', async () => {
    app = await startTokenApp()
    const { companyId } = app
    app.sim.seed.grantPermission({
      context,
      subject: person,
      permissions: ['InvoiceRead', 'InvoiceWrite'],
    })
    const authored = app.sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      author: person,
      description: 'Token księgowej',
    })
    const stored = await app.call<TokenSummary>('tokens:add', {
      companyId,
      token: authored.token,
      makeDefault: true,
    })

    const fine = await app.call<TokenCheckResult>('tokens:check', { companyId, tokenId: stored.id })
    expect(fine).toMatchObject({ tokenId: stored.id, ok: true, errorCode: null, message: null })
    expect((await overview())?.tokenCheckFailure).toBeNull()

    app.sim.seed.revokePermission({ context, subject: person })
    const found = await app.call<TokenCheckResult>('tokens:check', {
      companyId,
      tokenId: stored.id,
    })
    expect(found).toMatchObject({
      tokenId: stored.id,
      ok: false,
      errorCode: 'KSEF_AUTH_FAILED',
      ksefStatusCode: 415,
      checkedAt: new Date(app.clock.now()).toISOString(),
    })
    expect(found.message).toMatch(/415/)
    const { tokenId: _, message: __, ...check } = found
    expect((await tokens())[0]?.lastCheck).toEqual(check)
    expect((await overview())?.tokenCheckFailure).toEqual(check)
    expect(app.eventsOf('tokens:changed').length).toBeGreaterThanOrEqual(2)

    // KSeF still calls it Active, which is why the check is needed.
    await loginAsOwner(app)
    const page = await app.call<KsefTokenPage>('tokens:ksefList', { companyId })
    expect(page.rows.find((r) => r.referenceNumber === authored.referenceNumber)?.status).toBe(
      'Active',
    )
  })

  it('keeps the company’s own session as it was', async () => {
    app = await startTokenApp()
    const { companyId } = app
    await loginAsOwner(app)
    const before = app.ctx.login.state(companyId).session
    const own = app.sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    const stored = await app.call<TokenSummary>('tokens:add', { companyId, token: own.token })
    const result = await app.call<TokenCheckResult>('tokens:check', {
      companyId,
      tokenId: stored.id,
    })
    expect(result.ok).toBe(true)
    expect(app.ctx.login.state(companyId).session).toEqual(before)
    await app.call<KsefTokenPage>('tokens:ksefList', { companyId })
  })

  it('records nothing when KSeF cannot be reached: that says nothing of the token', async () => {
    app = await startTokenApp()
    const own = app.sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    const stored = await app.call<TokenSummary>('tokens:add', {
      companyId: app.companyId,
      token: own.token,
    })
    app.sim.faults.failNext(10, 503)
    const error = await app.refused('tokens:check', {
      companyId: app.companyId,
      tokenId: stored.id,
    })
    expect(error.code).toBe('KSEF_UNAVAILABLE')
    expect((await tokens())[0]?.lastCheck).toBeNull()
    expect((await overview())?.tokenCheckFailure).toBeNull()
    app.sim.faults.clear()
  })

  it('says a token is no longer stored', async () => {
    app = await startTokenApp()
    expect(
      await app.refused('tokens:check', {
        companyId: app.companyId,
        tokenId: '00000000-0000-4000-8000-000000000000',
      }),
    ).toMatchObject({ code: 'TOKEN_NOT_FOUND' })
  })
})

describe('the end of tokens (31 December 2026)', () => {
  it('until then tokens are allowed', async () => {
    app = await startTokenApp({ now: Date.parse('2026-12-31T22:59:59Z') })
    expect(await app.call<TokenPolicy>('tokens:policy')).toEqual({
      allowed: true,
      afterSunset: false,
      allowAfterSunset: false,
      sunsetAt: '2026-12-31T23:00:00.000Z',
    })
  })

  it('from 1 January 2027 generation is off, until the setting turns tokens back on', async () => {
    app = await startTokenApp({ now: Date.parse('2027-01-01T08:00:00Z') })
    const { companyId } = app
    await loginAsOwner(app)
    expect(await app.call<TokenPolicy>('tokens:policy')).toMatchObject({
      allowed: false,
      afterSunset: true,
      allowAfterSunset: false,
    })
    const input = {
      companyId,
      draft: { permissions: ['InvoiceRead'], description: 'Po terminie' },
    }
    app.sim.clearRequests()
    expect(await app.refused('tokens:generate', input)).toEqual({
      code: 'TOKENS_ENDED',
      message:
        'KSeF tokens could be used until 31 December 2026: generating and logging in with them is off. Log in with a KSeF certificate; if the regulation was extended, turn tokens back on in the settings.',
    })
    expect(app.sim.requests).toEqual([])
    expect(await tokens()).toEqual([])

    const preferences = await app.call<Preferences>('preferences:update', {
      tokensAfter2026: true,
    })
    expect(preferences.tokensAfter2026).toBe(true)
    expect(await app.call<Preferences>('preferences:get')).toMatchObject({ tokensAfter2026: true })
    expect(await app.call<TokenPolicy>('tokens:policy')).toMatchObject({
      allowed: true,
      afterSunset: true,
      allowAfterSunset: true,
    })
    const generated = await app.call<GeneratedTokenResult>('tokens:generate', input)
    expect(generated.stored.origin).toBe('generated')

    await app.call('preferences:update', { tokensAfter2026: false })
    expect((await app.refused('tokens:generate', input)).code).toBe('TOKENS_ENDED')
    // Listing and revoking stay possible: cleaning up old tokens is still wise.
    const page = await app.call<KsefTokenPage>('tokens:ksefList', { companyId })
    expect(page.rows).toHaveLength(1)
    const state = await app.call<AuthState>('auth:state', { companyId })
    expect(state.session).not.toBeNull()
  })

  it('Sprawdź token is off too, and records nothing', async () => {
    app = await startTokenApp({ now: Date.parse('2027-01-01T08:00:00Z') })
    const own = app.sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    const stored = await app.call<TokenSummary>('tokens:add', {
      companyId: app.companyId,
      token: own.token,
    })
    app.sim.clearRequests()
    expect(
      (await app.refused('tokens:check', { companyId: app.companyId, tokenId: stored.id })).code,
    ).toBe('TOKENS_ENDED')
    expect(app.sim.requests).toEqual([])
    expect((await tokens())[0]?.lastCheck).toBeNull()
  })
})
