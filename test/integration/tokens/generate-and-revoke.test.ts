import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuthState } from '../../../shared/domain/auth'
import type { TokenSummary } from '../../../shared/domain/credentials'
import type {
  GeneratedTokenResult,
  KsefTokenRow,
  RevokedToken,
} from '../../../shared/domain/ksef-tokens'
import { explainKsefCode } from '../../../shared/ksef/codes'
import { context, loginAsOwner, startTokenApp, type TokenApp } from './harness'

// Generuj token KSeF to Dezaktywuj, through the handlers against the simulator: the token comes
// back from KSeF once, is sealed before anything is returned, crosses to the page once, is
// followed from Pending to Active, logs in, and once revoked never logs in again.

let app: TokenApp
beforeEach(async () => {
  app = await startTokenApp()
})
afterEach(async () => {
  await app.close()
})

const generate = (description = 'Faktury sprzedaży', makeDefault = false) =>
  app.call<GeneratedTokenResult>('tokens:generate', {
    companyId: app.companyId,
    draft: { permissions: ['InvoiceRead', 'InvoiceWrite'], description, makeDefault },
  })

const statusOf = (referenceNumber: string) =>
  app.call<KsefTokenRow>('tokens:status', { companyId: app.companyId, referenceNumber })

const stored = () => app.call<TokenSummary[]>('tokens:list', { companyId: app.companyId })

describe('Generuj token KSeF', () => {
  it('seals the token before returning, reveals it once, and follows Pending to Active', async () => {
    await loginAsOwner(app)
    const { companyId, secrets } = app
    const result = await generate()

    expect(result.stored).toMatchObject({
      companyId,
      origin: 'generated',
      permissions: ['InvoiceRead', 'InvoiceWrite'],
      description: 'Faktury sprzedaży',
      context,
      environment: 'Test',
      ksefStatus: 'Pending',
      isDefault: true,
      referenceNumber: expect.stringMatching(/^\d{8}-EC-/) as unknown,
    })
    // Sealed already, before the page has seen anything.
    const sealed = await secrets.get(`company/${companyId}/token/${result.stored.id}`)
    expect(sealed).toMatch(
      new RegExp(`^${result.stored.referenceNumber}\\|nip-${context.value}\\|`),
    )
    const secret = (sealed ?? '').split('|')[2] ?? ''
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(result)).not.toContain(secret)
    expect(result.stored.masked).toBe(`${(sealed ?? '').slice(0, 12)}…${secret.slice(-4)}`)

    const { token } = await app.call<{ token: string }>('tokens:reveal', {
      revealTicket: result.revealTicket,
    })
    expect(token).toBe(sealed)
    const again = await app.refused('tokens:reveal', { revealTicket: result.revealTicket })
    expect(again.code).toBe('TOKEN_REVEAL_USED')
    expect(JSON.stringify(again)).not.toContain(secret)

    // Nowhere but the SecretStore: not in settings.json, the log, or any event.
    expect(app.settingsText()).not.toContain(secret)
    expect(app.logLines.join('\n')).not.toContain(secret)
    expect(JSON.stringify(app.events.emitted)).not.toContain(secret)

    expect((await statusOf(result.stored.referenceNumber)).status).toBe('Pending')
    await app.ctx.ksefTokens.idle()
    const active = await statusOf(result.stored.referenceNumber)
    expect(active).toMatchObject({
      status: 'Active',
      permissions: ['InvoiceRead', 'InvoiceWrite'],
      author: { type: 'Nip', value: context.value },
      stored: { id: result.stored.id, ksefStatus: 'Active' },
    })
    expect(app.eventsOf('tokens:changed').length).toBeGreaterThanOrEqual(2)
    // One-shot: KSeF was asked once.
    expect(app.sim.requests.filter((r) => r.operation === 'POST /tokens')).toHaveLength(1)
  })

  it('makes a later token the default only when asked, and offers it otherwise', async () => {
    await loginAsOwner(app)
    const first = await generate('Pierwszy token')
    const second = await generate('Drugi token')
    expect(second.stored.isDefault).toBe(false)
    const third = await generate('Trzeci token', true)
    expect(third.stored.isDefault).toBe(true)
    expect((await stored()).filter((t) => t.isDefault).map((t) => t.id)).toEqual([third.stored.id])
    const afterDefault = await app.call<TokenSummary[]>('tokens:setDefault', {
      companyId: app.companyId,
      tokenId: first.stored.id,
    })
    expect(afterDefault.find((t) => t.isDefault)?.id).toBe(first.stored.id)
  })

  it('revokes a token that cannot be sealed here, and says so', async () => {
    await loginAsOwner(app)
    app.secrets.set = () => Promise.reject(new Error('keychain gone'))
    const error = await app.refused('tokens:generate', {
      companyId: app.companyId,
      draft: { permissions: ['InvoiceRead'], description: 'Nie zapisze się' },
    })
    expect(error.code).toBe('TOKEN_SEAL_FAILED')
    expect(await stored()).toEqual([])
    const revoked = app.sim.requests.filter(
      (r) => r.operation === 'DELETE /tokens/{referenceNumber}',
    )
    expect(revoked).toHaveLength(1)
    expect(revoked[0]?.status).toBe(204)
  })
})

describe('the token through its life: default, login, Dezaktywuj', () => {
  it('logs in with the generated token, then once revoked the app refuses it', async () => {
    await loginAsOwner(app)
    const { companyId } = app
    const { stored: generated } = await generate()
    await app.ctx.ksefTokens.idle()
    await app.call('tokens:setDefault', { companyId, tokenId: generated.id })

    await app.call('auth:logout', { companyId })
    const byToken = await app.call<AuthState>('auth:loginWithToken', { companyId })
    expect(byToken.session?.method).toBe('token')

    const revoked = await app.call<RevokedToken>('tokens:revoke', {
      companyId,
      referenceNumber: generated.referenceNumber,
    })
    expect(revoked).toMatchObject({
      referenceNumber: generated.referenceNumber,
      status: 'Revoking',
      wasDefault: true,
      defaultPassedTo: null,
      stored: { id: generated.id, ksefStatus: 'Revoking', isDefault: true },
    })
    expect(
      app.sim.requests.filter((r) => r.operation === 'DELETE /tokens/{referenceNumber}'),
    ).toHaveLength(1)
    await app.ctx.ksefTokens.idle()
    expect((await stored()).find((t) => t.id === generated.id)?.ksefStatus).toBe('Revoked')

    await app.call('auth:logout', { companyId })
    app.sim.clearRequests()
    const refusal = await app.refused('auth:loginWithToken', { companyId })
    expect(refusal.code).toBe('TOKEN_REVOKED')
    expect(app.sim.requests).toEqual([])
    expect(app.ctx.login.state(companyId).session).toBeNull()
  })

  it('hands the default on to the newest other usable token of the same context, and says so', async () => {
    await loginAsOwner(app)
    const { companyId } = app
    await generate('Starszy token')
    app.clock.advance(1_000)
    const newer = await generate('Nowszy token')
    app.clock.advance(1_000)
    const revokedElsewhere = app.sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    await app.call('tokens:add', { companyId, token: revokedElsewhere.token })
    app.clock.advance(1_000)
    const doomed = await generate('Do unieważnienia', true)
    await app.ctx.ksefTokens.idle()
    // KSeF's list tells that the pasted one was revoked meanwhile: it cannot inherit.
    app.sim.seed.revokeToken(revokedElsewhere.referenceNumber)
    await app.call('tokens:ksefList', { companyId })

    const revoked = await app.call<RevokedToken>('tokens:revoke', {
      companyId,
      referenceNumber: doomed.stored.referenceNumber,
    })
    expect(revoked.wasDefault).toBe(true)
    expect(revoked.defaultPassedTo).toMatchObject({ id: newer.stored.id, isDefault: true })
    expect(revoked.stored).toMatchObject({ isDefault: false, ksefStatus: 'Revoking' })
    const defaults = (await stored()).filter((t) => t.isDefault).map((t) => t.id)
    expect(defaults).toEqual([newer.stored.id])
  })

  it('a token revoked in KSeF by someone else is refused by KSeF with 450, explained, no session kept', async () => {
    const { companyId } = app
    const elsewhere = app.sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    await app.call('tokens:add', { companyId, token: elsewhere.token, makeDefault: true })
    app.sim.seed.revokeToken(elsewhere.referenceNumber)

    const refusal = await app.refused('auth:loginWithToken', { companyId })
    expect(refusal).toMatchObject({
      code: 'KSEF_AUTH_FAILED',
      details: { ksefCodeKind: 'authStatus', ksefCode: 450, ksefDetails: ['Token unieważniony'] },
    })
    expect(explainKsefCode('authStatus', 450).pl.explanation).toMatch(/unieważniony/)
    expect(app.ctx.login.state(companyId).session).toBeNull()
    expect(await app.secrets.get(`company/${companyId}/session/refresh-token`)).toBeUndefined()
  })
})
