import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSimulator } from '../../ksef-sim'
import type { RunningSimulator } from '../../ksef-sim'
import { Workspace, opensslEncrypt } from '../../support/external-tools'
import type { Session } from './flows'
import {
  NIP,
  OTHER_NIP,
  expectNoViolations,
  newChallenge,
  redeemSession,
  submitKsefToken,
  tokenEncryptionKey,
} from './flows'
import { call, exceptionCode, field, text } from './sim-http'

let now = Date.now()
let sim: RunningSimulator
let ws: Workspace
const context = { type: 'Nip', value: NIP } as const

beforeAll(async () => {
  sim = await startSimulator({ authStatusDelayMs: 0, clock: { now: () => now }, limits: false })
  ws = await Workspace.create()
})

afterAll(async () => {
  expectNoViolations(sim)
  await sim.close()
  await ws.dispose()
})

async function tokenSession(): Promise<Session> {
  const { token } = sim.seed.createToken({
    context,
    permissions: ['InvoiceRead', 'CredentialsManage'],
  })
  return redeemSession(sim, await submitKsefToken(sim, ws, token, context))
}

function expectUnauthorized(reply: Awaited<ReturnType<typeof call>>, detail?: RegExp): void {
  expect(reply.status).toBe(401)
  expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(field(reply.body, 'title')).toBe('Unauthorized')
  expect(field(reply.body, 'status')).toBe(401)
  if (detail) expect(text(reply.body, 'detail')).toMatch(detail)
}

describe('each endpoint takes only its own kind of bearer token: 401 otherwise', () => {
  let session: Session
  beforeAll(async () => {
    session = await tokenSession()
  })

  test('GET /auth/{ref} and redeem take the authenticationToken only', async () => {
    for (const wrong of [session.accessToken, session.refreshToken]) {
      expectUnauthorized(
        await call(sim, 'GET', `/auth/${session.referenceNumber}`, { bearer: wrong }),
        /authentication/,
      )
      expectUnauthorized(await call(sim, 'POST', '/auth/token/redeem', { bearer: wrong }))
    }
  })

  test('refresh takes the refreshToken only', async () => {
    for (const wrong of [session.accessToken, session.authenticationToken]) {
      expectUnauthorized(
        await call(sim, 'POST', '/auth/token/refresh', { bearer: wrong }),
        /refresh/,
      )
    }
  })

  test('everything else takes the accessToken only (DELETE /auth/sessions/current also the refresh token)', async () => {
    for (const wrong of [session.refreshToken, session.authenticationToken]) {
      expectUnauthorized(await call(sim, 'GET', '/tokens', { bearer: wrong }))
      expectUnauthorized(await call(sim, 'GET', '/certificates/limits', { bearer: wrong }))
      expectUnauthorized(await call(sim, 'GET', '/auth/sessions', { bearer: wrong }))
    }
    expectUnauthorized(
      await call(sim, 'DELETE', '/auth/sessions/current', { bearer: session.authenticationToken }),
    )
  })

  test('no token, garbage, or a token signed by another simulator: 401', async () => {
    expectUnauthorized(await call(sim, 'GET', '/tokens'), /Wymagane jest uwierzytelnienie/)
    expectUnauthorized(await call(sim, 'GET', '/tokens', { bearer: 'not-a-jwt' }))
    const other = await startSimulator()
    try {
      const foreign = other.seed.openSession({ context })
      expectUnauthorized(
        await call(sim, 'GET', '/tokens', { bearer: foreign.accessToken }),
        /podpis/,
      )
    } finally {
      await other.close()
    }
  })
})

describe('lifetimes (fake clock)', () => {
  test('access token: 401 after 15 minutes; refresh gives a new one; refresh token dies after 7 days', async () => {
    const session = await tokenSession()
    expect((await call(sim, 'GET', '/tokens', { bearer: session.accessToken })).status).toBe(200)
    now += 15 * 60_000
    expectUnauthorized(await call(sim, 'GET', '/tokens', { bearer: session.accessToken }), /wygasł/)
    const refreshed = await call(sim, 'POST', '/auth/token/refresh', {
      bearer: session.refreshToken,
    })
    expect(refreshed.status).toBe(200)
    expect(
      (await call(sim, 'GET', '/tokens', { bearer: text(refreshed.body, 'accessToken', 'token') }))
        .status,
    ).toBe(200)
    now += 7 * 24 * 3600_000
    expectUnauthorized(
      await call(sim, 'POST', '/auth/token/refresh', { bearer: session.refreshToken }),
      /wygasł/,
    )
  })
})

describe('GET /auth/sessions and revoking sessions', () => {
  test('continuation-token paging, newest first, exactly one isCurrent', async () => {
    const isolated = { type: 'Nip', value: OTHER_NIP } as const
    for (let i = 0; i < 11; i += 1) {
      sim.seed.openSession({ context: isolated })
      now += 1000
    }
    const current = sim.seed.openSession({ context: isolated })
    const first = await call(sim, 'GET', '/auth/sessions', {
      bearer: current.accessToken,
      query: { pageSize: 10 },
    })
    expect(first.status).toBe(200)
    const firstItems = field(first.body, 'items') as {
      referenceNumber: string
      isCurrent: boolean
      startDate: string
    }[]
    expect(firstItems).toHaveLength(10)
    expect(firstItems[0]?.referenceNumber).toBe(current.referenceNumber)
    expect(firstItems.filter((item) => item.isCurrent)).toHaveLength(1)
    const starts = firstItems.map((item) =>
      Date.parse(item.startDate.replace(/(\.\d{3})\d+/, '$1')),
    )
    expect([...starts].sort((a, b) => b - a)).toEqual(starts)
    const continuation = text(first.body, 'continuationToken')
    const second = await call(sim, 'GET', '/auth/sessions', {
      bearer: current.accessToken,
      query: { pageSize: 10 },
      headers: { 'x-continuation-token': continuation },
    })
    expect(field(second.body, 'items')).toHaveLength(2)
    expect(field(second.body, 'continuationToken')).toBeUndefined()

    const tooSmall = await call(sim, 'GET', '/auth/sessions', {
      bearer: current.accessToken,
      query: { pageSize: 5 },
    })
    expect(exceptionCode(tooSmall)).toBe(21405)
    const forged = await call(sim, 'GET', '/auth/sessions', {
      bearer: current.accessToken,
      headers: { 'x-continuation-token': 'definitely-not-ours' },
    })
    expect(exceptionCode(forged)).toBe(21418)
  })

  test('DELETE /auth/sessions/current: the refresh token stops (21301), the access token lives on', async () => {
    const session = await tokenSession()
    const revoked = await call(sim, 'DELETE', '/auth/sessions/current', {
      bearer: session.refreshToken,
    })
    expect(revoked.status).toBe(204)
    expect(revoked.text).toBe('')
    const refresh = await call(sim, 'POST', '/auth/token/refresh', { bearer: session.refreshToken })
    expect(refresh.status).toBe(400)
    expect(exceptionCode(refresh)).toBe(21301)
    expect((await call(sim, 'GET', '/tokens', { bearer: session.accessToken })).status).toBe(200)
    const status = await call(sim, 'GET', `/auth/${session.referenceNumber}`, {
      bearer: session.authenticationToken,
    })
    expect(field(status.body, 'status', 'code')).toBe(425)
  })

  test('DELETE /auth/sessions/{ref} revokes another session of the context', async () => {
    const victim = await tokenSession()
    const admin = await tokenSession()
    const reply = await call(sim, 'DELETE', `/auth/sessions/${victim.referenceNumber}`, {
      bearer: admin.accessToken,
    })
    expect(reply.status).toBe(204)
    expect(
      exceptionCode(
        await call(sim, 'POST', '/auth/token/refresh', { bearer: victim.refreshToken }),
      ),
    ).toBe(21301)
    const list = await call(sim, 'GET', '/auth/sessions', {
      bearer: admin.accessToken,
      query: { pageSize: 100 },
    })
    const references = (field(list.body, 'items') as { referenceNumber: string }[]).map(
      (item) => item.referenceNumber,
    )
    expect(references).toContain(admin.referenceNumber)
    expect(references).not.toContain(victim.referenceNumber)
  })
})

describe('AuthorizationPolicy', () => {
  test('an access token pinned to 10.0.0.1 is refused from elsewhere with 403 ip-not-allowed', async () => {
    const { token } = sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    const key = tokenEncryptionKey(sim)
    const { challenge, timestampMs } = await newChallenge(sim)
    const init = await call(sim, 'POST', '/auth/ksef-token', {
      json: {
        challenge,
        contextIdentifier: context,
        encryptedToken: await opensslEncrypt(ws, key.publicKeyPem, `${token}|${timestampMs}`),
        publicKeyId: key.publicKeyId,
        authorizationPolicy: { allowedIps: { ip4Addresses: ['10.0.0.1'] } },
      },
    })
    const session = await redeemSession(sim, init)
    const refused = await call(sim, 'GET', '/tokens', { bearer: session.accessToken })
    expect(refused.status).toBe(403)
    expect(field(refused.body, 'reasonCode')).toBe('ip-not-allowed')
    expect(field(refused.body, 'security')).toEqual({ clientIp: '127.0.0.1' })
    const allowed = await call(sim, 'GET', '/tokens', {
      bearer: session.accessToken,
      headers: { 'X-Forwarded-For': '10.0.0.1' },
    })
    expect(allowed.status).toBe(200)
  })
})
