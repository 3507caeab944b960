import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import type { AuthState } from '../../../shared/domain/auth'
import type { Company } from '../../../shared/domain/company'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { Workspace, selfSignedCertificate, xmlsecSign } from '../../support/external-tools'
import { memoryContext } from '../../support/memory-context'
import { noClientLimits } from '../../support/client-limits'

// What happens when the user does two things at once: nothing must come back to life, nothing
// must be redeemed twice, nothing must be left behind.

const nip = '5265877635'

let sim: RunningSimulator
beforeEach(async () => {
  // Access tokens of 130 s are due for refresh (2 minutes before the end) 10 s after login.
  sim = await startSimulator({
    authStatusDelayMs: 100,
    limits: false,
    accessTokenLifetimeMs: 130_000,
  })
})
afterEach(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})

async function loggedInCompany() {
  // Real waits: a refresh held back by KSeF's Retry-After must really be slow here.
  const harness = await memoryContext({ ksefApiUrl: sim.url, rateLimiter: noClientLimits() })
  harness.clock.advance(Date.now() - harness.clock.now())
  const dispatch = createDispatch(handlers, harness.ctx)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok)
      throw Object.assign(new Error(envelope.error.code), { code: envelope.error.code })
    return envelope.value as T
  }
  const company = await call<Company>('companies:add', {
    name: 'Spółka',
    identifier: { type: 'Nip', value: nip },
    environment: 'Test',
  })
  await call('certificates:createTest', { companyId: company.id })
  return { ...harness, dispatch, call, companyId: company.id }
}

const requestsTo = (path: string) => sim.requests.filter((r) => r.path.endsWith(path))

describe('concurrent session work', () => {
  it('a refresh under way does not bring back a session Wyloguj ended', async () => {
    const { call, ctx, companyId, clock, secrets } = await loggedInCompany()
    await call('auth:loginWithCertificate', { companyId })
    clock.advance(20_000)
    // KSeF holds the refresh back for a second; Wyloguj is clicked meanwhile.
    sim.faults.rateLimitNext(1, 1, '/auth/token/refresh')
    const refreshing = ctx.login
      .accessToken(companyId)
      .catch((error: { code: string }) => error.code)
    const logout = call<AuthState>('auth:logout', { companyId })
    await Promise.all([refreshing, logout])
    expect(ctx.login.state(companyId).session).toBeNull()
    expect(await secrets.get(`company/${companyId}/session/refresh-token`)).toBeUndefined()
    expect(await refreshing).toMatch(/^ey|AUTH_NOT_LOGGED_IN/)
  })

  it('a refresh under way does not overwrite the session of a new login', async () => {
    const { call, ctx, companyId, clock } = await loggedInCompany()
    await call('auth:loginWithCertificate', { companyId })
    clock.advance(20_000)
    // The refresh of the old session is held back while a new login completes.
    sim.faults.rateLimitNext(1, 1, '/auth/token/refresh')
    const refreshing = ctx.login.accessToken(companyId).catch(() => undefined)
    const second = await call<AuthState>('auth:loginWithCertificate', { companyId })
    await refreshing
    expect(ctx.login.state(companyId).session?.referenceNumber).toBe(
      second.session?.referenceNumber,
    )
    const listed = await ctx.login.sessions(companyId)
    expect(listed.find((s) => s.isCurrent)?.referenceNumber).toBe(second.session?.referenceNumber)
  })

  it('a company cannot be removed while its login runs, and nothing is left once it is', async () => {
    const { call, dispatch, ctx, companyId, secrets } = await loggedInCompany()
    const login = call('auth:loginWithCertificate', { companyId })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await dispatch('companies:remove', { id: companyId })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_IN_PROGRESS' },
    })
    await login
    await call('companies:remove', { id: companyId })
    expect(ctx.login.state(companyId)).toMatchObject({ session: null, operations: [] })
    expect(await secrets.deleteAll('')).toBe(0)
  })

  it('an operation is redeemed once, however many hands reach for it', async () => {
    const { call, dispatch, ctx, companyId } = await loggedInCompany()
    const { xml } = await call<{ xml: string }>('auth:downloadRequest', { companyId })
    const workspace = await Workspace.create()
    const signer = await selfSignedCertificate(
      workspace,
      `/O=Spolka/organizationIdentifier=VATPL-${nip}/CN=Spolka/C=PL`,
    )
    const signed = await xmlsecSign(workspace, xml, signer)
    await call('auth:setAutoMode', { companyId, enabled: true })
    const state = await call<AuthState>('auth:submitSignedRequest', {
      companyId,
      file: { name: 'signed.xml', base64: Buffer.from(signed).toString('base64') },
    })
    const reference = state.operations[0]?.referenceNumber ?? ''
    await call('auth:setAutoMode', { companyId, enabled: true })
    const click = await dispatch('auth:redeem', { companyId, referenceNumber: reference })
    await ctx.login.idle()
    expect(click).toMatchObject({ ok: false, error: { code: 'AUTH_IN_PROGRESS' } })
    expect(requestsTo('/auth/token/redeem')).toHaveLength(1)
    expect(ctx.login.state(companyId).session?.referenceNumber).toBe(reference)
  })
})

describe('moving a company', () => {
  it('is refused while it is logged in, and clears the old context’s operations otherwise', async () => {
    const { call, dispatch, ctx, companyId } = await loggedInCompany()
    await call('certificates:remove', {
      companyId,
      certificateId: ctx.credentials.certificates(companyId)[0]?.id,
    })
    await ctx.login.logout(companyId).catch(() => undefined)
    const { xml: _ } = await call<{ xml: string }>('auth:downloadRequest', { companyId })
    const move = {
      id: companyId,
      name: 'Spółka',
      identifier: { type: 'Nip', value: '7740001454' },
      environment: 'Test',
    }

    await call('certificates:createTest', { companyId })
    await call('auth:loginWithCertificate', { companyId })
    await call('certificates:remove', {
      companyId,
      certificateId: ctx.credentials.certificates(companyId)[0]?.id,
    })
    expect(await dispatch('companies:update', move)).toMatchObject({
      ok: false,
      error: { code: 'COMPANY_HAS_CREDENTIALS' },
    })
    await call('auth:logout', { companyId })
    expect(await dispatch('companies:update', move)).toMatchObject({ ok: true })
    expect(ctx.login.state(companyId)).toMatchObject({ operations: [], challenge: null })
  })
})

describe('certificate validity at login', () => {
  it('refuses a certificate that is not valid yet, before asking KSeF', async () => {
    const { dispatch, companyId, clock } = await loggedInCompany()
    clock.advance(-2 * 3_600_000)
    sim.clearRequests()
    expect(await dispatch('auth:loginWithCertificate', { companyId })).toMatchObject({
      ok: false,
      error: { code: 'CERT_NOT_YET_VALID' },
    })
    expect(sim.requests).toEqual([])
  })
})
