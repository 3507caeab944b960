import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TokenSummary } from '../../../shared/domain/credentials'
import type { KsefTokenPage } from '../../../shared/domain/ksef-tokens'
import {
  context,
  loginAsOwner,
  loginAsPerson,
  person,
  pesel,
  startTokenApp,
  type TokenApp,
} from './harness'

// Pobierz tokeny: GET /tokens a page at a time, matched to the copies kept here, filtered, and
// saying what KSeF lets the session see.

let app: TokenApp
beforeEach(async () => {
  app = await startTokenApp()
})
afterEach(async () => {
  await app.close()
})

const list = (input: Record<string, unknown> = {}) =>
  app.call<KsefTokenPage>('tokens:ksefList', { companyId: app.companyId, ...input })

/** Tokens made in KSeF one second apart, newest last. */
function seedTokens(count: number, extra: (i: number) => Record<string, unknown> = () => ({})) {
  return Array.from({ length: count }, (_, i) => {
    app.clock.advance(1_000)
    return app.sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      description: `Token numer ${String(i + 1).padStart(2, '0')}`,
      ...extra(i),
    })
  })
}

describe('Pobierz tokeny', () => {
  it('pages over 25 tokens with Pokaż więcej, newest first', async () => {
    const seeded = seedTokens(25)
    await loginAsOwner(app)
    const first = await list()
    expect(first.visibility).toBe('all')
    expect(first.rows).toHaveLength(20)
    expect(first.continuation).not.toBeNull()
    const second = await list({ continuation: first.continuation })
    expect(second.rows).toHaveLength(5)
    expect(second.continuation).toBeNull()
    const references = [...first.rows, ...second.rows].map((row) => row.referenceNumber)
    expect(references).toEqual(seeded.map((token) => token.referenceNumber).reverse())
    expect(first.rows[0]).toMatchObject({
      description: 'Token numer 25',
      permissions: ['InvoiceRead'],
      status: 'Active',
      author: { type: 'Nip', value: context.value },
      context: { type: 'Nip', value: context.value },
      lastUseDate: null,
      stored: null,
    })
  })

  it('matches rows to the tokens kept here and records what KSeF says of them', async () => {
    const [pasted] = seedTokens(3)
    await app.call('tokens:add', { companyId: app.companyId, token: pasted?.token })
    await loginAsOwner(app)
    app.events.emitted.length = 0
    const page = await list()
    const row = page.rows.find((r) => r.referenceNumber === pasted?.referenceNumber)
    expect(row?.stored).toMatchObject({
      origin: 'pasted',
      ksefStatus: 'Active',
      permissions: ['InvoiceRead'],
      ksefCheckedAt: new Date(app.clock.now()).toISOString(),
    })
    expect(page.rows.filter((r) => r.stored !== null)).toHaveLength(1)
    expect(app.eventsOf('tokens:changed')).toEqual([
      { event: 'tokens:changed', payload: { companyId: app.companyId } },
    ])
    // Reading the same again changes nothing, so the page is not told again.
    await list()
    expect(app.eventsOf('tokens:changed')).toHaveLength(1)
  })

  it('filters by status, description and author', async () => {
    seedTokens(4)
    app.sim.seed.createToken({ context, permissions: ['InvoiceRead'], status: 'Pending' })
    app.sim.seed.createToken({ context, permissions: ['InvoiceRead'], status: 'Revoked' })
    app.sim.seed.createToken({ context, permissions: ['InvoiceRead'], status: 'Failed' })
    app.sim.seed.linkPerson({ nip: context.value, pesel })
    app.sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      author: person,
      description: 'Token księgowej',
    })
    await loginAsOwner(app)

    const pendingOrFailed = await list({ filter: { status: ['Pending', 'Failed'] } })
    expect(pendingOrFailed.rows.map((r) => r.status).sort()).toEqual(['Failed', 'Pending'])
    const revoked = await list({ filter: { status: ['Revoked'] } })
    expect(revoked.rows.map((r) => r.status)).toEqual(['Revoked'])

    const described = await list({ filter: { description: '  NUMER 0 ' } })
    expect(described.rows.map((r) => r.description).sort()).toEqual([
      'Token numer 01',
      'Token numer 02',
      'Token numer 03',
      'Token numer 04',
    ])
    const byAuthor = await list({ filter: { author: pesel.slice(0, 6) } })
    expect(byAuthor.rows.map((r) => r.description)).toEqual(['Token księgowej'])
    const query = app.sim.requests.filter((r) => r.operation === 'GET /tokens').at(-1)?.query
    expect(query).toMatchObject({ authorIdentifier: pesel.slice(0, 6) })
  })

  it('refuses a description or author filter KSeF would refuse, asking nothing', async () => {
    await loginAsOwner(app)
    app.sim.clearRequests()
    for (const [field, text] of [
      ['description', 'ab'],
      ['author', ' 52 '],
    ] as const) {
      const error = await app.refused('tokens:ksefList', {
        companyId: app.companyId,
        filter: { [field]: text },
      })
      expect(error).toMatchObject({
        code: 'TOKEN_FILTER_TOO_SHORT',
        message: `To filter by ${field}, type at least 3 characters.`,
        details: { field },
      })
    }
    expect(app.sim.requests).toEqual([])
  })

  it('needs a session of this company', async () => {
    const error = await app.refused('tokens:ksefList', { companyId: app.companyId })
    expect(error.code).toBe('AUTH_NOT_LOGGED_IN')
  })

  it('waits out a 429 as Retry-After says, then lists', async () => {
    seedTokens(2)
    await loginAsOwner(app)
    app.sim.clearRequests()
    app.waits.length = 0
    app.sim.faults.rateLimitNext(1, 3, '/tokens')
    const page = await list()
    expect(page.rows).toHaveLength(2)
    expect(app.sim.requests.map((r) => [r.operation, r.status])).toEqual([
      ['GET /tokens', 429],
      ['GET /tokens', 200],
    ])
    expect(app.waits).toContain(3_000)
  })
})

describe('what KSeF lets a session see', () => {
  it('a token login without CredentialsRead sees only its own token', async () => {
    seedTokens(3)
    const own = app.sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    await app.call('tokens:add', { companyId: app.companyId, token: own.token, makeDefault: true })
    await app.call('auth:loginWithToken', { companyId: app.companyId })
    const page = await list()
    expect(page.visibility).toBe('sessionToken')
    expect(page.rows.map((r) => r.referenceNumber)).toEqual([own.referenceNumber])
  })

  it('a token login with CredentialsRead sees every token of the context', async () => {
    seedTokens(3)
    const reader = app.sim.seed.createToken({
      context,
      permissions: ['InvoiceRead', 'CredentialsRead'],
    })
    await app.call('tokens:add', { companyId: app.companyId, token: reader.token })
    await app.call('auth:loginWithToken', { companyId: app.companyId })
    // A pasted token's permissions are learnt from the very list KSeF gives it.
    const page = await list()
    expect(page.visibility).toBe('all')
    expect(page.rows).toHaveLength(4)
    expect(
      (await app.call<TokenSummary[]>('tokens:list', { companyId: app.companyId }))[0]?.permissions,
    ).toEqual(['InvoiceRead', 'CredentialsRead'])
  })

  it('a signature login of someone granted invoices only sees the tokens that person made', async () => {
    seedTokens(3)
    const theirs = app.sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      author: person,
      description: 'Token księgowej',
    })
    await loginAsPerson(app, ['InvoiceRead'])
    const page = await list()
    expect(page.visibility).toBe('ownOnly')
    expect(page.rows.map((r) => r.referenceNumber)).toEqual([theirs.referenceNumber])
  })

  it('a signature login of someone granted CredentialsRead sees every token, and is told so', async () => {
    const owners = seedTokens(2)
    const theirs = app.sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      author: person,
      description: 'Token księgowej',
    })
    await loginAsPerson(app, ['InvoiceRead', 'CredentialsRead'])
    const page = await list()
    expect(page.rows.map((r) => r.referenceNumber).sort()).toEqual(
      [theirs, ...owners].map((t) => t.referenceNumber).sort(),
    )
    expect(page.visibility).toBe('all')
    // Filtered to the person's own token, the page proves nothing; the session proved it already.
    const filtered = await list({ filter: { description: 'księgowej' } })
    expect(filtered.rows.map((r) => r.referenceNumber)).toEqual([theirs.referenceNumber])
    expect(filtered.visibility).toBe('all')
  })
})
