import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import type { AuthProgress, AuthState } from '../../../shared/domain/auth'
import type { Company } from '../../../shared/domain/company'
import type { Environment } from '../../../shared/domain/environment'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { memoryContext } from '../../support/memory-context'
import { Workspace, selfSignedCertificate, xmlsecSign } from '../../support/external-tools'
import { noClientLimits } from '../../support/client-limits'

// The LoginService, end to end against the simulator: the three ways of Ogólne, the list of
// operations, session, refresh and logout. Tokens are read back only to prove where they are.

const nip = '5265877635'
const quick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20)))

let sim: RunningSimulator
beforeEach(async () => {
  sim = await startSimulator({ authStatusDelayMs: 150, limits: false })
})
afterEach(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})

async function app(environment: Environment = 'Test', identifier = nip) {
  const harness = await memoryContext({
    ksefApiUrl: sim.url,
    sleep: quick,
    rateLimiter: noClientLimits(),
  })
  harness.clock.advance(Date.now() - harness.clock.now())
  const dispatch = createDispatch(handlers, harness.ctx)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok)
      throw Object.assign(new Error(envelope.error.code), { payload: envelope.error })
    return envelope.value as T
  }
  const company = await call<Company>('companies:add', {
    name: 'Spółka Testowa',
    identifier: { type: 'Nip', value: identifier },
    environment,
  })
  const progress = () =>
    harness.events.emitted
      .filter((e) => e.event === 'auth:progress')
      .map((e) => (e.payload as AuthProgress).step)
  return { ...harness, dispatch, call, company, companyId: company.id, progress }
}

describe('Zaloguj certyfikatem KSeF', () => {
  it('logs in with the test certificate, shows the validity, and the session works', async () => {
    const { call, companyId, progress, ctx, secrets } = await app()
    const created = await call<{ id: string }>('certificates:createTest', { companyId })
    const state = await call<AuthState>('auth:loginWithCertificate', { companyId })

    expect(state.session).toMatchObject({
      method: 'certificate',
      referenceNumber: expect.stringMatching(/-AU-/) as unknown,
      credentialId: created.id,
    })
    expect(Date.parse(state.session?.accessTokenValidUntil ?? '')).toBeGreaterThan(
      Date.now() + 10 * 60_000,
    )
    expect(Date.parse(state.session?.refreshTokenValidUntil ?? '')).toBeGreaterThan(
      Date.now() + 6 * 86_400_000,
    )
    expect(state.operations).toEqual([
      expect.objectContaining({
        method: 'certificate',
        redeemed: true,
        status: expect.objectContaining({ code: 200 }) as unknown,
      }),
    ])
    expect(progress()).toEqual(
      expect.arrayContaining(['challenge', 'signing', 'sending', 'waiting', 'redeeming', 'done']),
    )
    expect(progress().at(-1)).toBe('done')

    expect(await call('companies:overview', undefined)).toEqual([
      {
        companyId,
        sessionRefreshableUntil: state.session?.refreshTokenValidUntil,
        certificateValidTo: expect.stringMatching(/^20\d\d-/) as unknown,
        hasToken: false,
        lastFailureStatus: null,
        tokenCheckFailure: null,
        contextLocked: true,
      },
    ])

    const sessions = await ctx.login.sessions(companyId)
    expect(sessions).toEqual([
      expect.objectContaining({ isCurrent: true, referenceNumber: state.session?.referenceNumber }),
    ])
    expect(await secrets.get(`company/${companyId}/session/refresh-token`)).toMatch(/^ey/)
    expect(
      await secrets.get(`company/${companyId}/auth-operation/${state.session?.referenceNumber}`),
    ).toBeUndefined()
  })

  it('refuses an Offline certificate before asking KSeF', async () => {
    const { call, dispatch, companyId } = await app()
    const offline = await sim.seed.issueCertificate({
      subject: {
        commonName: 'Spółka Testowa',
        countryName: 'PL',
        organizationName: 'Spółka Testowa',
        organizationIdentifier: `VATPL-${nip}`,
      },
      type: 'Offline',
    })
    await call('certificates:import', {
      companyId,
      files: {
        certificate: {
          name: 'offline.crt',
          base64: Buffer.from(offline.certificatePem).toString('base64'),
        },
        privateKey: {
          name: 'offline.key',
          base64: Buffer.from(offline.privateKeyPem).toString('base64'),
        },
      },
      password: '',
    })
    sim.clearRequests()
    expect(await dispatch('auth:loginWithCertificate', { companyId })).toMatchObject({
      ok: false,
      error: { code: 'CERT_OFFLINE_CANNOT_LOGIN' },
    })
    expect(sim.requests).toEqual([])
  })

  it('says there is no certificate', async () => {
    const { dispatch, companyId } = await app()
    expect(await dispatch('auth:loginWithCertificate', { companyId })).toMatchObject({
      ok: false,
      error: { code: 'CERT_NO_DEFAULT' },
    })
  })

  it('reports 415 when the subject has no permission in the context, and keeps no session', async () => {
    const { call, dispatch, companyId, ctx } = await app()
    const stranger = await sim.seed.issueCertificate({
      subject: {
        commonName: 'Obcy',
        countryName: 'PL',
        organizationName: 'Obcy',
        organizationIdentifier: 'VATPL-7740001454',
      },
    })
    await call('certificates:import', {
      companyId,
      files: {
        certificate: {
          name: 'c.crt',
          base64: Buffer.from(stranger.certificatePem).toString('base64'),
        },
        privateKey: {
          name: 'c.key',
          base64: Buffer.from(stranger.privateKeyPem).toString('base64'),
        },
      },
      password: '',
      allowOtherSubject: true,
    })
    const envelope = await dispatch('auth:loginWithCertificate', { companyId })
    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'KSEF_AUTH_FAILED', details: { ksefCodeKind: 'authStatus', ksefCode: 415 } },
    })
    const state = ctx.login.state(companyId)
    expect(state.session).toBeNull()
    expect(await call('companies:overview', undefined)).toEqual([
      expect.objectContaining({ sessionRefreshableUntil: null, lastFailureStatus: 415 }),
    ])
    expect(state.operations[0]?.status.code).toBe(415)
  })

  it('waits out a 429 with Retry-After while polling, then succeeds', async () => {
    const { call, companyId, events } = await app()
    await call('certificates:createTest', { companyId })
    sim.faults.rateLimitNext(1, 1, /^GET \/auth\/\d/)
    const state = await call<AuthState>('auth:loginWithCertificate', { companyId })
    expect(state.session).not.toBeNull()
    const waits = events.emitted.filter(
      (e) => e.event === 'auth:progress' && (e.payload as AuthProgress).step === 'rateLimited',
    )
    expect(waits).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ waitSeconds: 1 }) as unknown }),
    ])
    expect(sim.requests.filter((r) => r.status === 429)).toHaveLength(1)
  })
})

describe('Zaloguj tokenem KSeF', () => {
  it('logs in with a pasted token', async () => {
    const { call, companyId } = await app()
    const { token } = sim.seed.createToken({
      context: { type: 'Nip', value: nip },
      permissions: ['InvoiceRead'],
    })
    const stored = await call<{ id: string }>('tokens:add', { companyId, token })
    const state = await call<AuthState>('auth:loginWithToken', { companyId })
    expect(state.session?.method).toBe('token')
    expect(state.session?.credentialId).toBe(stored.id)
  })

  it('reports 450 for a revoked token', async () => {
    const { call, dispatch, companyId } = await app()
    const { token, referenceNumber } = sim.seed.createToken({
      context: { type: 'Nip', value: nip },
      permissions: ['InvoiceRead'],
    })
    await call('tokens:add', { companyId, token })
    sim.seed.revokeToken(referenceNumber)
    expect(await dispatch('auth:loginWithToken', { companyId })).toMatchObject({
      ok: false,
      error: {
        code: 'KSEF_AUTH_FAILED',
        details: { ksefCode: 450, ksefDetails: ['Token unieważniony'] },
      },
    })
  })
})

describe('Pobierz żądanie autoryzacyjne / Zaloguj podpisanym żądaniem', () => {
  async function signedRequest(xml: string) {
    const workspace = await Workspace.create()
    const signer = await selfSignedCertificate(
      workspace,
      `/O=Spółka/organizationIdentifier=VATPL-${nip}/CN=Spółka/C=PL`,
    )
    return xmlsecSign(workspace, xml, signer)
  }
  const asFile = (xml: string) => ({
    name: 'signed.xml',
    base64: Buffer.from(xml, 'utf8').toString('base64'),
  })

  it('downloads a request with a 10-minute challenge, takes it back signed by xmlsec1, checks and redeems', async () => {
    const { call, companyId } = await app()
    const download = await call<{ state: AuthState; fileName: string; xml: string }>(
      'auth:downloadRequest',
      { companyId },
    )
    expect(download.xml).toContain(
      '<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.1">',
    )
    expect(download.xml).toContain(`<Nip>${nip}</Nip>`)
    const challenge = download.state.challenge
    expect(Date.parse(challenge?.expiresAt ?? '') - Date.parse(challenge?.issuedAt ?? '')).toBe(
      10 * 60_000,
    )

    const submitted = await call<AuthState>('auth:submitSignedRequest', {
      companyId,
      file: asFile(await signedRequest(download.xml)),
    })
    expect(submitted.challenge).toBeNull()
    const reference = submitted.operations[0]?.referenceNumber ?? ''
    expect(submitted.operations[0]).toMatchObject({
      method: 'signedRequest',
      status: { code: 100 },
      redeemed: false,
    })

    // Sprawdź status, as a user clicks it, until KSeF's decision is there.
    await expect
      .poll(
        async () =>
          (await call<AuthState>('auth:checkStatus', { companyId, referenceNumber: reference }))
            .operations[0]?.status.code,
        { interval: 50, timeout: 10_000 },
      )
      .toBe(200)
    const redeemed = await call<AuthState>('auth:redeem', { companyId, referenceNumber: reference })
    expect(redeemed.session?.referenceNumber).toBe(reference)
    expect(redeemed.session?.credentialId).toBeNull()
    expect(
      await call('auth:redeem', { companyId, referenceNumber: reference }).catch(
        (e: { payload: unknown }) => e.payload,
      ),
    ).toMatchObject({
      code: 'AUTH_ALREADY_REDEEMED',
    })
  })

  it('in automatic mode polls and redeems by itself', async () => {
    const { call, companyId, ctx } = await app()
    await call('auth:setAutoMode', { companyId, enabled: true })
    const download = await call<{ xml: string }>('auth:downloadRequest', { companyId })
    await call('auth:submitSignedRequest', {
      companyId,
      file: asFile(await signedRequest(download.xml)),
    })
    await ctx.login.idle()
    expect(ctx.login.state(companyId)).toMatchObject({
      session: { method: 'signedRequest' },
      autoMode: true,
    })
  })

  it('refuses an unsigned file, a request of another company and an expired challenge, sending nothing', async () => {
    const { call, dispatch, companyId, clock } = await app()
    const download = await call<{ xml: string }>('auth:downloadRequest', { companyId })
    sim.clearRequests()
    expect(
      await dispatch('auth:submitSignedRequest', { companyId, file: asFile(download.xml) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'AUTH_REQUEST_NOT_SIGNED' },
    })
    const other = await app('Test', '7740001454')
    const foreign = await other.call<{ xml: string }>('auth:downloadRequest', {
      companyId: other.companyId,
    })
    expect(
      await dispatch('auth:submitSignedRequest', {
        companyId,
        file: asFile(await signedRequest(foreign.xml)),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'AUTH_REQUEST_OTHER_COMPANY' },
    })
    const signed = await signedRequest(download.xml)
    clock.advance(11 * 60_000)
    expect(
      await dispatch('auth:submitSignedRequest', { companyId, file: asFile(signed) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'AUTH_REQUEST_CHALLENGE_EXPIRED' },
    })
    expect(sim.requests.filter((r) => r.path.endsWith('/auth/xades-signature'))).toEqual([])
  })
})

describe('session', () => {
  it('refreshes the access token before it runs out, and Wyloguj ends the session in KSeF', async () => {
    await sim.close()
    sim = await startSimulator({
      authStatusDelayMs: 0,
      limits: false,
      accessTokenLifetimeMs: 150_000,
    })
    const { call, companyId, ctx, clock, secrets } = await app()
    await call('certificates:createTest', { companyId })
    const first = await call<AuthState>('auth:loginWithCertificate', { companyId })
    clock.advance(60_000)
    await ctx.login.refreshDue()
    const refreshed = ctx.login.state(companyId)
    expect(Date.parse(refreshed.session?.accessTokenValidUntil ?? '')).toBeGreaterThan(
      Date.parse(first.session?.accessTokenValidUntil ?? ''),
    )
    expect(sim.requests.filter((r) => r.path.endsWith('/auth/token/refresh'))).toHaveLength(1)

    const refreshToken = await secrets.get(`company/${companyId}/session/refresh-token`)
    const after = await call<AuthState>('auth:logout', { companyId })
    expect(after.session).toBeNull()
    expect(await secrets.get(`company/${companyId}/session/refresh-token`)).toBeUndefined()
    const reuse = await fetch(`${sim.url}/auth/token/refresh`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${refreshToken}` },
    })
    expect(reuse.status).toBe(400)
  })

  it('lists the context’s sessions and revokes another one', async () => {
    const { call, companyId, ctx } = await app()
    await call('certificates:createTest', { companyId })
    const other = sim.seed.openSession({ context: { type: 'Nip', value: nip } })
    await call('auth:loginWithCertificate', { companyId })
    const sessions = await ctx.login.sessions(companyId)
    expect(sessions.map((s) => s.referenceNumber)).toContain(other.referenceNumber)
    const remaining = await call<{ referenceNumber: string }[]>('auth:revokeSession', {
      companyId,
      referenceNumber: other.referenceNumber,
    })
    expect(remaining.map((s) => s.referenceNumber)).not.toContain(other.referenceNumber)
  })
})
