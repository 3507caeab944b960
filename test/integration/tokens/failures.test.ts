import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TokenSummary } from '../../../shared/domain/credentials'
import type { GeneratedTokenResult, KsefTokenRow } from '../../../shared/domain/ksef-tokens'
import { explainKsefCode } from '../../../shared/ksef/codes'
import {
  context,
  loginAsOwner,
  loginAsPerson,
  person,
  startTokenApp,
  type TokenApp,
} from './harness'

// Every refusal of Generuj token KSeF, the reveal and Dezaktywuj: its own code and words, and
// nothing stored, sealed or changed.

let app: TokenApp
beforeEach(async () => {
  app = await startTokenApp()
})
afterEach(async () => {
  await app.close()
})

const draft = (description: string, permissions: string[] = ['InvoiceRead']) => ({
  companyId: app.companyId,
  draft: { permissions, description },
})

/** Nothing of a token was kept: no summary, no secret, and KSeF was not asked for one. */
async function nothingStored() {
  expect(await app.call<TokenSummary[]>('tokens:list', { companyId: app.companyId })).toEqual([])
  expect(await app.secrets.deleteAll(`company/${app.companyId}/token/`)).toBe(0)
}

const generations = () => app.sim.requests.filter((r) => r.operation === 'POST /tokens')
const revocations = () =>
  app.sim.requests.filter((r) => r.operation === 'DELETE /tokens/{referenceNumber}')

describe('Generuj token KSeF refuses', () => {
  it('a description of 4 characters and one of 257, asking KSeF nothing', async () => {
    await loginAsOwner(app)
    expect(await app.refused('tokens:generate', draft('Abcd'))).toEqual({
      code: 'TOKEN_DESCRIPTION_TOO_SHORT',
      message: 'The description needs at least 5 characters (it has 4).',
      details: { field: 'description', minLength: 5, length: 4 },
    })
    // Spaces around it do not count.
    expect((await app.refused('tokens:generate', draft('  Łódź  '))).code).toBe(
      'TOKEN_DESCRIPTION_TOO_SHORT',
    )
    expect(await app.refused('tokens:generate', draft('ż'.repeat(257)))).toEqual({
      code: 'TOKEN_DESCRIPTION_TOO_LONG',
      message: 'The description can have at most 256 characters (it has 257).',
      details: { field: 'description', maxLength: 256, length: 257 },
    })
    expect(generations()).toEqual([])
    await nothingStored()
  })

  it('no permission chosen', async () => {
    await loginAsOwner(app)
    expect(await app.refused('tokens:generate', draft('Bez uprawnień', []))).toEqual({
      code: 'TOKEN_NO_PERMISSION',
      message: 'Choose at least one permission for the token.',
      details: { field: 'permissions' },
    })
    expect(generations()).toEqual([])
    await nothingStored()
  })

  it('without a session of this company, so the form can offer to log in', async () => {
    const error = await app.refused('tokens:generate', draft('Faktury sprzedaży'))
    expect(error).toMatchObject({ code: 'AUTH_NOT_LOGGED_IN' })
    expect(app.sim.requests).toEqual([])
    await nothingStored()
  })

  it('permissions beyond the session’s: KSeF answers 26001, explained', async () => {
    await loginAsPerson(app, ['InvoiceRead'])
    const error = await app.refused(
      'tokens:generate',
      draft('Faktury sprzedaży', ['InvoiceRead', 'InvoiceWrite']),
    )
    expect(error).toMatchObject({
      code: 'KSEF_ERROR',
      details: {
        httpStatus: 400,
        ksefCodeKind: 'exception',
        ksefCode: 26001,
        ksefDetails: ['Brakujące uprawnienia: InvoiceWrite.'],
      },
    })
    expect(explainKsefCode('exception', 26001).pl.title).toBe('Brak uprawnień do nadania')
    expect(generations()).toHaveLength(1)
    await nothingStored()
  })
})

describe('the reveal', () => {
  it('works once, within five minutes, and says which of the three went wrong', async () => {
    await loginAsOwner(app)
    const late = await app.call<GeneratedTokenResult>('tokens:generate', draft('Pokazany za późno'))
    await app.ctx.ksefTokens.idle()
    app.clock.advance(5 * 60_000)
    for (let i = 0; i < 2; i++) {
      expect(await app.refused('tokens:reveal', { revealTicket: late.revealTicket })).toEqual({
        code: 'TOKEN_REVEAL_EXPIRED',
        message:
          'The time to show the token has passed. It is stored encrypted and logs in; generate a new one if you need it elsewhere.',
      })
    }
    expect((await app.refused('tokens:reveal', { revealTicket: 'nieznany-bilet' })).code).toBe(
      'TOKEN_REVEAL_UNKNOWN',
    )
    // The token itself stays stored and sealed.
    expect(await app.secrets.get(`company/${app.companyId}/token/${late.stored.id}`)).toMatch(
      /^\d{8}-EC-/,
    )
  })
})

describe('Dezaktywuj refuses', () => {
  it('a second revocation of the same token, sending KSeF one DELETE only', async () => {
    await loginAsOwner(app)
    const { stored } = await app.call<GeneratedTokenResult>('tokens:generate', draft('Dwa razy'))
    await app.ctx.ksefTokens.idle()
    const input = { companyId: app.companyId, referenceNumber: stored.referenceNumber }
    await app.call('tokens:revoke', input)
    expect(await app.refused('tokens:revoke', input)).toEqual({
      code: 'TOKEN_ALREADY_REVOKED',
      message: 'This token is being revoked in KSeF already.',
      details: { status: 'Revoking' },
    })
    await app.ctx.ksefTokens.idle()
    expect((await app.refused('tokens:revoke', input)).message).toBe(
      'This token is revoked in KSeF already.',
    )
    expect(revocations()).toHaveLength(1)
  })

  it('a token this session may not revoke: KSeF answers 403, explained, nothing changed', async () => {
    const others = app.sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      description: 'Token kogoś innego',
    })
    await app.call('tokens:add', { companyId: app.companyId, token: others.token })
    const reader = app.sim.seed.createToken({
      context,
      permissions: ['InvoiceRead', 'CredentialsRead'],
    })
    await app.call('tokens:add', {
      companyId: app.companyId,
      token: reader.token,
      makeDefault: true,
    })
    await app.call('auth:loginWithToken', { companyId: app.companyId })
    const before = await app.call<TokenSummary[]>('tokens:list', { companyId: app.companyId })

    const error = await app.refused('tokens:revoke', {
      companyId: app.companyId,
      referenceNumber: others.referenceNumber,
    })
    expect(error).toMatchObject({
      code: 'TOKEN_REVOKE_FORBIDDEN',
      message:
        'KSeF does not let this session revoke this token: without CredentialsManage one revokes only the tokens one generated, and after a token login only that token.',
      details: {
        httpStatus: 403,
        ksefCodeKind: 'forbiddenReason',
        ksefCode: 'insufficient-resource-access',
      },
    })
    expect(explainKsefCode('forbiddenReason', 'insufficient-resource-access').pl.title).toBe(
      'Brak dostępu do zasobu',
    )
    const row = await app.call<KsefTokenRow>('tokens:status', {
      companyId: app.companyId,
      referenceNumber: others.referenceNumber,
    })
    expect(row.status).toBe('Active')
    expect(
      (await app.call<TokenSummary[]>('tokens:list', { companyId: app.companyId })).map((t) => ({
        id: t.id,
        isDefault: t.isDefault,
      })),
    ).toEqual(before.map((t) => ({ id: t.id, isDefault: t.isDefault })))
  })

  it('a token KSeF does not show this session (someone else’s, without CredentialsRead)', async () => {
    const owners = app.sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    app.sim.seed.createToken({ context, permissions: ['InvoiceRead'], author: person })
    await loginAsPerson(app, ['InvoiceRead'])
    app.sim.clearRequests()
    expect(
      await app.refused('tokens:revoke', {
        companyId: app.companyId,
        referenceNumber: owners.referenceNumber,
      }),
    ).toMatchObject({
      code: 'TOKEN_NOT_IN_KSEF',
      details: { ksefCode: 21405 },
    })
    expect(revocations()).toEqual([])
  })

  it('a stored token KSeF reports revoked cannot become the default', async () => {
    const first = app.sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    const second = app.sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    await app.call('tokens:add', { companyId: app.companyId, token: first.token })
    const pasted = await app.call<TokenSummary>('tokens:add', {
      companyId: app.companyId,
      token: second.token,
    })
    app.sim.seed.revokeToken(second.referenceNumber)
    await loginAsOwner(app)
    await app.call('tokens:ksefList', { companyId: app.companyId })
    expect(
      await app.refused('tokens:setDefault', { companyId: app.companyId, tokenId: pasted.id }),
    ).toMatchObject({ code: 'TOKEN_REVOKED', details: { ksefStatus: 'Revoked' } })
    const kept = await app.call<TokenSummary[]>('tokens:list', { companyId: app.companyId })
    expect(kept.find((t) => t.isDefault)?.referenceNumber).toBe(first.referenceNumber)
  })
})
