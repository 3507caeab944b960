import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSimulator } from '../../ksef-sim'
import type { RunningSimulator } from '../../ksef-sim'
import { Workspace, opensslEncrypt } from '../../support/external-tools'
import {
  NIP,
  OTHER_NIP,
  awaitAuthStatus,
  expectNoViolations,
  newChallenge,
  redeemSession,
  submitKsefToken,
  tokenEncryptionKey,
} from './flows'
import { call, exceptionCode, exceptionDetails, field, text } from './sim-http'

let sim: RunningSimulator
let ws: Workspace
const context = { type: 'Nip', value: NIP } as const

beforeAll(async () => {
  sim = await startSimulator({ authStatusDelayMs: 0 })
  ws = await Workspace.create()
})

afterAll(async () => {
  expectNoViolations(sim)
  await sim.close()
  await ws.dispose()
})

function activeToken(
  permissions: ('InvoiceRead' | 'InvoiceWrite' | 'CredentialsManage')[] = [
    'InvoiceRead',
    'InvoiceWrite',
  ],
) {
  return sim.seed.createToken({ context, permissions })
}

async function finalStatus(reply: Awaited<ReturnType<typeof submitKsefToken>>): Promise<unknown> {
  expect(reply.status, reply.text).toBe(202)
  return field(await awaitAuthStatus(sim, reply), 'status')
}

function badToken(detail: string) {
  return {
    code: 450,
    description: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędnego tokenu',
    details: [detail],
  }
}

describe('token|timestampMs encrypted by openssl pkeyutl (RSA-OAEP, SHA-256, MGF1-SHA-256)', () => {
  test('accepted: status 200, method Token, redeem once, refresh as often as needed', async () => {
    const { token } = activeToken()
    const init = await submitKsefToken(sim, ws, token, context)
    const status = await awaitAuthStatus(sim, init)
    expect(field(status, 'status', 'code')).toBe(200)
    expect(field(status, 'authenticationMethod')).toBe('Token')
    expect(field(status, 'authenticationMethodInfo')).toEqual({
      category: 'Token',
      code: 'token.ksef',
      displayName: 'Token KSeF',
    })
    const session = await redeemSession(sim, init)
    const claims = JSON.parse(
      Buffer.from(session.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>
    expect(claims).toMatchObject({
      typ: 'ContextToken',
      cit: 'Nip',
      civ: NIP,
      per: ['InvoiceRead', 'InvoiceWrite'],
    })
    for (let i = 0; i < 2; i += 1) {
      const refreshed = await call(sim, 'POST', '/auth/token/refresh', {
        bearer: session.refreshToken,
      })
      expect(refreshed.status).toBe(200)
      expect(text(refreshed.body, 'accessToken', 'token')).not.toBe(session.accessToken)
    }
    const afterRefresh = await call(sim, 'GET', `/auth/${session.referenceNumber}`, {
      bearer: session.authenticationToken,
    })
    expect(field(afterRefresh.body, 'isTokenRedeemed')).toBe(true)
    expect(typeof field(afterRefresh.body, 'lastTokenRefreshDate')).toBe('string')
  })

  test('publicKeyId may be left out: the current KsefTokenEncryption key is assumed', async () => {
    const init = await submitKsefToken(sim, ws, activeToken().token, context, { publicKeyId: null })
    expect(await finalStatus(init)).toMatchObject({ code: 200 })
  })

  test('timestamp other than the challenge\'s timestampMs: 450 "Nieprawidłowy czas tokena"', async () => {
    const { timestampMs } = await newChallenge(sim)
    const init = await submitKsefToken(sim, ws, activeToken().token, context, {
      timestampMs: timestampMs - 1000,
    })
    expect(await finalStatus(init)).toEqual(badToken('Nieprawidłowy czas tokena'))
  })

  test('token for another context: 450 with the context in the details', async () => {
    const init = await submitKsefToken(sim, ws, activeToken().token, {
      type: 'Nip',
      value: OTHER_NIP,
    })
    expect(await finalStatus(init)).toEqual(
      badToken(`Token nie może być użyty w kontekście ${OTHER_NIP}`),
    )
  })

  test('revoked, pending or unknown token: 450 with the matching detail', async () => {
    const revoked = sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      status: 'Revoked',
    })
    expect(await finalStatus(await submitKsefToken(sim, ws, revoked.token, context))).toEqual(
      badToken('Token unieważniony'),
    )
    const pending = sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      status: 'Pending',
    })
    expect(await finalStatus(await submitKsefToken(sim, ws, pending.token, context))).toEqual(
      badToken('Token nieaktywny'),
    )
    const forged = `${revoked.token.split('|').slice(0, 2).join('|')}|${'ab'.repeat(32)}`
    expect(await finalStatus(await submitKsefToken(sim, ws, forged, context))).toEqual(
      badToken('Nieprawidłowy token'),
    )
  })

  test('PKCS#1 v1.5 instead of OAEP, or the SymmetricKeyEncryption key: 450 bad encryption', async () => {
    const { token } = activeToken()
    const pkcs1 = await submitKsefToken(sim, ws, token, context, { padding: 'pkcs1' })
    expect(await finalStatus(pkcs1)).toEqual(badToken('Nieprawidłowe szyfrowanie tokena'))
    const symmetric = sim.seed.publicKeyCertificates.find(
      (key) => key.usage === 'SymmetricKeyEncryption',
    )
    const wrongKey = await submitKsefToken(sim, ws, token, context, {
      publicKeyPem: symmetric?.publicKeyPem,
    })
    expect(await finalStatus(wrongKey)).toEqual(badToken('Nieprawidłowe szyfrowanie tokena'))
  })

  test('plaintext without "|timestampMs": 450 bad encoding', async () => {
    const init = await submitKsefToken(sim, ws, activeToken().token, context, {
      plaintext: activeToken().token,
    })
    expect(await finalStatus(init)).toEqual(badToken('Nieprawidłowe kodowanie tokena'))
  })

  test('a token with no permissions authenticates to nothing: 415', async () => {
    const empty = sim.seed.createToken({ context, permissions: [] })
    expect(await finalStatus(await submitKsefToken(sim, ws, empty.token, context))).toMatchObject({
      code: 415,
    })
  })

  test('a token whose author lost every permission in the context stays Active but gets 415', async () => {
    const author = { type: 'Nip', value: OTHER_NIP } as const
    sim.seed.grantPermission({ context, subject: author, permissions: ['InvoiceRead'] })
    const granted = sim.seed.createToken({
      context,
      author,
      permissions: ['InvoiceRead', 'InvoiceWrite'],
    })
    const session = await redeemSession(sim, await submitKsefToken(sim, ws, granted.token, context))
    const claims = JSON.parse(
      Buffer.from(session.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>
    // The session carries what the author still holds, not all the token was generated with.
    expect(claims).toMatchObject({ per: ['InvoiceRead'] })

    sim.seed.revokePermission({ context, subject: author })
    expect(await finalStatus(await submitKsefToken(sim, ws, granted.token, context))).toEqual({
      code: 415,
      description: 'Uwierzytelnianie zakończone niepowodzeniem',
      details: ['Brak przypisanych uprawnień'],
    })
    const owner = sim.seed.openSession({ context })
    const listed = await call(sim, 'GET', `/tokens/${granted.referenceNumber}`, {
      bearer: owner.accessToken,
    })
    expect(field(listed.body, 'status')).toBe('Active')
  })

  test('revoked after authenticating: redeem and refresh answer 21301 "Token KSeF został unieważniony."', async () => {
    const first = activeToken()
    const init = await submitKsefToken(sim, ws, first.token, context)
    expect(await finalStatus(init)).toMatchObject({ code: 200 })
    sim.seed.revokeToken(first.referenceNumber)
    const redeem = await call(sim, 'POST', '/auth/token/redeem', {
      bearer: text(init.body, 'authenticationToken', 'token'),
    })
    expect(exceptionCode(redeem)).toBe(21301)
    expect(exceptionDetails(redeem)).toEqual(['Token KSeF został unieważniony.'])

    const second = activeToken()
    const session = await redeemSession(sim, await submitKsefToken(sim, ws, second.token, context))
    sim.seed.revokeToken(second.referenceNumber)
    const refresh = await call(sim, 'POST', '/auth/token/refresh', { bearer: session.refreshToken })
    expect(exceptionCode(refresh)).toBe(21301)
  })
})

describe('rejected synchronously', () => {
  test('unknown or retired publicKeyId: 21470 with the key in the details', async () => {
    const unknownId = Buffer.alloc(32, 1).toString('base64')
    const unknown = await submitKsefToken(sim, ws, activeToken().token, context, {
      publicKeyId: unknownId,
    })
    expect(unknown.status).toBe(400)
    expect(exceptionCode(unknown)).toBe(21470)
    expect(exceptionDetails(unknown)).toEqual([
      `Klucz o identyfikatorze ${unknownId} nie jest wspierany.`,
    ])

    const symmetric = sim.seed.publicKeyCertificates.find(
      (key) => key.usage === 'SymmetricKeyEncryption',
    )
    const wrongUsage = await submitKsefToken(sim, ws, activeToken().token, context, {
      publicKeyId: symmetric?.publicKeyId,
    })
    expect(exceptionCode(wrongUsage)).toBe(21470)

    const old = tokenEncryptionKey(sim)
    await sim.seed.rotatePublicKeys('KsefTokenEncryption')
    const retired = await submitKsefToken(sim, ws, activeToken().token, context, {
      publicKeyPem: old.publicKeyPem,
      publicKeyId: old.publicKeyId,
    })
    expect(exceptionCode(retired)).toBe(21470)
    const listed = await call(sim, 'GET', '/security/public-key-certificates')
    const ids = (listed.body as { publicKeyId: string }[]).map((key) => key.publicKeyId)
    expect(ids).not.toContain(old.publicKeyId)
    expect(ids).toContain(tokenEncryptionKey(sim).publicKeyId)
    expect(
      await finalStatus(await submitKsefToken(sim, ws, activeToken().token, context)),
    ).toMatchObject({ code: 200 })
  })

  test('challenge unknown or reused: 21111', async () => {
    const key = tokenEncryptionKey(sim)
    const { challenge, timestampMs } = await newChallenge(sim)
    const token = activeToken().token
    const encryptedToken = await opensslEncrypt(ws, key.publicKeyPem, `${token}|${timestampMs}`)
    const body = {
      challenge,
      contextIdentifier: context,
      encryptedToken,
      publicKeyId: key.publicKeyId,
    }
    expect((await call(sim, 'POST', '/auth/ksef-token', { json: body })).status).toBe(202)
    const reused = await call(sim, 'POST', '/auth/ksef-token', { json: body })
    expect(exceptionCode(reused)).toBe(21111)
    const unknown = await call(sim, 'POST', '/auth/ksef-token', {
      json: { ...body, challenge: '20250101-CR-0000000000-0000000000-00' },
    })
    expect(exceptionCode(unknown)).toBe(21111)
  })

  test('body against the contract: 21405 (legacy) or problem details on request', async () => {
    const missing = await call(sim, 'POST', '/auth/ksef-token', {
      json: { challenge: 'x'.repeat(36), contextIdentifier: context },
    })
    expect(exceptionCode(missing)).toBe(21405)
    expect(exceptionDetails(missing).join(' ')).toContain('encryptedToken')
    const problem = await call(sim, 'POST', '/auth/ksef-token', {
      json: {
        challenge: 'x'.repeat(36),
        contextIdentifier: { type: 'Regon', value: '1' },
        encryptedToken: 'AA==',
      },
      headers: { 'X-Error-Format': 'problem-details' },
    })
    expect(problem.status).toBe(400)
    expect(problem.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(field(problem.body, 'errors', 0, 'code')).toBe(21405)
    expect(field(problem.body, 'title')).toBe('Bad Request')
    const badNip = await submitKsefToken(sim, ws, activeToken().token, {
      type: 'Nip',
      value: '5265877636',
    })
    expect(exceptionCode(badNip)).toBe(21405)
  })

  test('JSON endpoint with another content type: 415', async () => {
    const reply = await call(sim, 'POST', '/auth/ksef-token', {
      body: '{}',
      contentType: 'text/plain',
    })
    expect(reply.status).toBe(415)
  })

  test('blocked context: 480 after the 202', async () => {
    sim.seed.blockContext(context)
    try {
      const init = await submitKsefToken(sim, ws, activeToken().token, context)
      expect(await finalStatus(init)).toMatchObject({
        code: 480,
        description: 'Uwierzytelnienie zablokowane',
      })
    } finally {
      sim.seed.unblockContext(context)
    }
  })
})
