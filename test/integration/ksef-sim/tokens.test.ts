import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSimulator } from '../../ksef-sim'
import type { RunningSimulator } from '../../ksef-sim'
import { Workspace, selfSignedCertificate } from '../../support/external-tools'
import type { Session } from './flows'
import {
  NIP,
  OTHER_NIP,
  PERSON_SUBJECT,
  awaitAuthStatus,
  expectNoViolations,
  redeemSession,
  submitKsefToken,
  submitSignature,
} from './flows'
import type { SimReply } from './sim-http'
import { call, exceptionCode, exceptionDetails, field, text } from './sim-http'

let offset = 0
let sim: RunningSimulator
let ws: Workspace
let owner: Session
const context = { type: 'Nip', value: NIP } as const

beforeAll(async () => {
  sim = await startSimulator({
    authStatusDelayMs: 0,
    tokenActivationDelayMs: 60_000,
    revocationDelayMs: 60_000,
    clock: { now: () => Date.now() + offset },
    limits: false,
  })
  ws = await Workspace.create()
  owner = await redeemSession(
    sim,
    await submitSignature(sim, ws, await selfSignedCertificate(ws, PERSON_SUBJECT), { nip: NIP }),
  )
})

afterAll(async () => {
  expectNoViolations(sim)
  await sim.close()
  await ws.dispose()
})

async function generate(
  bearer: string,
  permissions: string[],
  description = 'Token do faktur',
): Promise<SimReply> {
  return call(sim, 'POST', '/tokens', { bearer, json: { permissions, description } })
}

async function status(bearer: string, reference: string): Promise<unknown> {
  const reply = await call(sim, 'GET', `/tokens/${reference}`, { bearer })
  expect(reply.status, reply.text).toBe(200)
  return field(reply.body, 'status')
}

describe('POST /tokens and the token lifecycle', () => {
  test('returned once, Pending then Active; logs in; DELETE makes it Revoking then Revoked; then 450', async () => {
    const created = await generate(
      owner.accessToken,
      ['InvoiceRead', 'InvoiceWrite'],
      'Integracja ERP',
    )
    expect(created.status, created.text).toBe(202)
    const reference = text(created.body, 'referenceNumber')
    const token = text(created.body, 'token')
    expect(reference).toMatch(/^\d{8}-EC-/)
    expect(token.length).toBeLessThanOrEqual(160)
    expect(await status(owner.accessToken, reference)).toBe('Pending')

    const tooEarly = await submitKsefToken(sim, ws, token, context)
    expect(field(await awaitAuthStatus(sim, tooEarly), 'status', 'details')).toEqual([
      'Token nieaktywny',
    ])

    offset += 60_000
    expect(await status(owner.accessToken, reference)).toBe('Active')
    const listed = await call(sim, 'GET', `/tokens/${reference}`, { bearer: owner.accessToken })
    expect(listed.text).not.toContain(token.split('|')[2] ?? 'secret')
    expect(listed.body).toMatchObject({
      referenceNumber: reference,
      authorIdentifier: { type: 'Nip', value: NIP },
      contextIdentifier: context,
      description: 'Integracja ERP',
      requestedPermissions: ['InvoiceRead', 'InvoiceWrite'],
      status: 'Active',
    })

    const session = await redeemSession(sim, await submitKsefToken(sim, ws, token, context))
    const used = await call(sim, 'GET', `/tokens/${reference}`, { bearer: owner.accessToken })
    expect(typeof field(used.body, 'lastUseDate')).toBe('string')

    expect(
      (await call(sim, 'DELETE', `/tokens/${reference}`, { bearer: owner.accessToken })).status,
    ).toBe(204)
    expect(await status(owner.accessToken, reference)).toBe('Revoking')
    offset += 60_000
    expect(await status(owner.accessToken, reference)).toBe('Revoked')
    const after = await submitKsefToken(sim, ws, token, context)
    expect(field(await awaitAuthStatus(sim, after), 'status', 'details')).toEqual([
      'Token unieważniony',
    ])
    expect(
      exceptionCode(
        await call(sim, 'POST', '/auth/token/refresh', { bearer: session.refreshToken }),
      ),
    ).toBe(21301)
  })

  test("permissions beyond the session's: 26001 naming them", async () => {
    const reply = await generate(owner.accessToken, ['InvoiceRead', 'EnforcementOperations'])
    expect(exceptionCode(reply)).toBe(26001)
    expect(exceptionDetails(reply)).toEqual(['Brakujące uprawnienia: EnforcementOperations.'])
    const reader = sim.seed.openSession({
      context,
      subject: { type: 'Nip', value: OTHER_NIP },
      permissions: ['InvoiceRead'],
    })
    expect(exceptionCode(await generate(reader.accessToken, ['InvoiceWrite']))).toBe(26001)
    expect((await generate(reader.accessToken, ['InvoiceRead'])).status).toBe(202)
  })

  test('context other than Nip/InternalId: 26002', async () => {
    const vatUe = sim.seed.openSession({
      context: { type: 'NipVatUe', value: `${NIP}-DE123456789` },
      subject: { type: 'Nip', value: NIP },
      permissions: ['InvoiceRead'],
    })
    expect(exceptionCode(await generate(vatUe.accessToken, ['InvoiceRead']))).toBe(26002)
  })

  test('description of 4 or 257 characters, unknown or no permission: 21405', async () => {
    expect(exceptionCode(await generate(owner.accessToken, ['InvoiceRead'], 'abcd'))).toBe(21405)
    expect(exceptionCode(await generate(owner.accessToken, ['InvoiceRead'], 'x'.repeat(257)))).toBe(
      21405,
    )
    expect((await generate(owner.accessToken, ['InvoiceRead'], 'x'.repeat(256))).status).toBe(202)
    expect(exceptionCode(await generate(owner.accessToken, ['VatUeManage']))).toBe(21405)
    expect(exceptionCode(await generate(owner.accessToken, []))).toBe(21405)
  })
})

describe('GET /tokens', () => {
  test('filters: status (repeatable), description, author; continuation paging; bad token 21418', async () => {
    const isolated = { type: 'Nip', value: OTHER_NIP } as const
    const boss = sim.seed.openSession({ context: isolated })
    for (let i = 0; i < 12; i += 1) {
      sim.seed.createToken({
        context: isolated,
        permissions: ['InvoiceRead'],
        description: `Seria A ${i}`,
      })
    }
    sim.seed.createToken({
      context: isolated,
      permissions: ['InvoiceRead'],
      description: 'Księgowa',
      author: { type: 'Pesel', value: '90010112345' },
    })
    sim.seed.createToken({
      context: isolated,
      permissions: ['InvoiceRead'],
      description: 'Stary',
      status: 'Revoked',
    })

    const first = await call(sim, 'GET', '/tokens', {
      bearer: boss.accessToken,
      query: { description: 'seria a', pageSize: 10 },
    })
    expect(field(first.body, 'tokens')).toHaveLength(10)
    const second = await call(sim, 'GET', '/tokens', {
      bearer: boss.accessToken,
      query: { description: 'seria a', pageSize: 10 },
      headers: { 'x-continuation-token': text(first.body, 'continuationToken') },
    })
    expect(field(second.body, 'tokens')).toHaveLength(2)
    expect(field(second.body, 'continuationToken')).toBeUndefined()

    const revoked = await call(sim, 'GET', '/tokens', {
      bearer: boss.accessToken,
      query: { status: ['Revoked', 'Revoking'] },
    })
    expect(
      (field(revoked.body, 'tokens') as { description: string }[]).map((t) => t.description),
    ).toEqual(['Stary'])
    const byPesel = await call(sim, 'GET', '/tokens', {
      bearer: boss.accessToken,
      query: { authorIdentifierType: 'Pesel', authorIdentifier: '9001011' },
    })
    expect(
      (field(byPesel.body, 'tokens') as { description: string }[]).map((t) => t.description),
    ).toEqual(['Księgowa'])

    expect(
      exceptionCode(
        await call(sim, 'GET', '/tokens', {
          bearer: boss.accessToken,
          query: { description: 'ab' },
        }),
      ),
    ).toBe(21405)
    expect(
      exceptionCode(
        await call(sim, 'GET', '/tokens', { bearer: boss.accessToken, query: { status: 'Lost' } }),
      ),
    ).toBe(21405)
    const forged = await call(sim, 'GET', '/tokens', {
      bearer: boss.accessToken,
      headers: { 'x-continuation-token': 'eyJ4Ijo' },
    })
    expect(exceptionCode(forged)).toBe(21418)
  })

  test('who sees what: CredentialsManage all; others their own; a token session only itself', async () => {
    // A token logs in only while its author holds a permission in the context.
    sim.seed.grantPermission({
      context,
      subject: { type: 'Nip', value: OTHER_NIP },
      permissions: ['InvoiceRead'],
    })
    const mine = sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      author: { type: 'Nip', value: OTHER_NIP },
      description: 'Moj token',
    })
    const theirs = sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      description: 'Cudzy token',
    })
    const reader = sim.seed.openSession({
      context,
      subject: { type: 'Nip', value: OTHER_NIP },
      permissions: ['InvoiceRead'],
    })
    const visible = async (bearer: string) =>
      (
        field(
          (await call(sim, 'GET', '/tokens', { bearer, query: { pageSize: 100 } })).body,
          'tokens',
        ) as { referenceNumber: string }[]
      ).map((t) => t.referenceNumber)
    expect(await visible(owner.accessToken)).toEqual(
      expect.arrayContaining([mine.referenceNumber, theirs.referenceNumber]),
    )
    const readerSees = await visible(reader.accessToken)
    expect(readerSees).toContain(mine.referenceNumber)
    expect(readerSees).not.toContain(theirs.referenceNumber)

    const tokenSession = await redeemSession(
      sim,
      await submitKsefToken(sim, ws, mine.token, context),
    )
    expect(await visible(tokenSession.accessToken)).toEqual([mine.referenceNumber])
    const other = await call(sim, 'DELETE', `/tokens/${theirs.referenceNumber}`, {
      bearer: tokenSession.accessToken,
    })
    expect(other.status).toBe(403)
    expect(field(other.body, 'reasonCode')).toBe('insufficient-resource-access')
    expect(
      (
        await call(sim, 'DELETE', `/tokens/${mine.referenceNumber}`, {
          bearer: tokenSession.accessToken,
        })
      ).status,
    ).toBe(204)
    const unknown = await call(sim, 'DELETE', '/tokens/20250101-EC-0000000000-0000000000-00', {
      bearer: owner.accessToken,
    })
    expect(exceptionCode(unknown)).toBe(21405)
  })
})
