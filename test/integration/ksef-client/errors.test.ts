// The client against the simulator: each KSeF error shape becomes the right KsefError, 429 is
// waited out, 5xx retried for safe calls, and one-shot calls are never sent twice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  getChallenge,
  redeemTokens,
  submitKsefToken,
  submitXadesSignature,
  getAuthenticationStatus,
} from '../../../electron/ksef/auth'
import {
  enrollCertificate,
  getCertificateLimits,
  revokeCertificate,
} from '../../../electron/ksef/certificates'
import type { KsefError } from '../../../electron/ksef/errors'
import { createKsefHttp, type KsefHttpOptions } from '../../../electron/ksef/http'
import { getPublicKeyCertificates, pickPublicKey } from '../../../electron/ksef/security'
import { encryptKsefToken } from '../../../electron/crypto/token-cipher'
import { listAuthenticationSessions } from '../../../electron/ksef/sessions'
import { generateToken, revokeToken } from '../../../electron/ksef/tokens'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'

const NIP = '5265877635'
const context = { type: 'Nip' as const, value: NIP }
const TOKEN_REF = '20251010-EC-2DFC46C000-3AC6D5877F-D4'
const SERIAL = '01F20A5D352AE590'
let now = Date.parse('2026-03-16T09:00:00Z')
let sim: RunningSimulator
const delays: number[] = []

beforeAll(async () => {
  // The operation token outlives the 7-day status retention here, so the 410 can be reached.
  sim = await startSimulator({
    authStatusDelayMs: 0,
    clock: { now: () => now },
    authenticationTokenLifetimeMs: 30 * 24 * 3_600_000,
  })
})
afterAll(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})
afterEach(() => {
  sim.faults.clear()
  sim.clearRequests()
  delays.length = 0
})

const http = (options: Partial<KsefHttpOptions> = {}) =>
  createKsefHttp({
    baseUrl: sim.url,
    delay: (ms) => {
      delays.push(ms)
      return Promise.resolve()
    },
    ...options,
  })

async function failure(promise: Promise<unknown>): Promise<KsefError> {
  try {
    await promise
  } catch (error) {
    return error as KsefError
  }
  throw new Error('expected a failure')
}

const sent = (path: string) => sim.requests.filter((r) => r.path === `/v2${path}`)
const sentBy = (method: string, path: string) => sent(path).filter((r) => r.method === method)

describe('error bodies from the simulator', () => {
  const badTokenRequest = {
    challenge: '20250625-CR-20F5EE4000-DA48AE4124-46',
    contextIdentifier: context,
    encryptedToken: Buffer.from('x').toString('base64'),
  }

  it('maps the legacy 400 exception list (21111, an unknown challenge)', async () => {
    const error = await failure(submitKsefToken(http(), badTokenRequest))
    expect(error).toMatchObject({
      code: 'KSEF_ERROR',
      httpStatus: 400,
      ksef: { kind: 'exception', code: 21111 },
    })
    expect(error.serviceCode).toMatch(/\S/)
    expect(error.traceId).toBeNull()
    expect(error.message).toMatch(/^KSeF refused the request: .+ \(code 21111\)$/)
  })

  it('maps the problem-details 400 when asked for it', async () => {
    const error = await failure(submitKsefToken(http({ problemDetails: true }), badTokenRequest))
    expect(error).toMatchObject({
      code: 'KSEF_ERROR',
      httpStatus: 400,
      ksef: { kind: 'exception', code: 21111 },
      serviceCode: null,
    })
    expect(error.traceId).toMatch(/\S/)
  })

  it('maps 401 for a bearer token KSeF does not know', async () => {
    const error = await failure(listAuthenticationSessions(http(), 'not-a-jwt'))
    expect(error).toMatchObject({
      code: 'KSEF_UNAUTHORIZED',
      httpStatus: 401,
      ksef: { kind: 'http', code: 401 },
    })
    expect(error.traceId).toMatch(/\S/)
  })

  it('maps 403 with its reasonCode and security facts', async () => {
    const session = sim.seed.openSession({
      context,
      via: 'token',
      permissions: ['CredentialsManage'],
    })
    const error = await failure(revokeCertificate(http(), session.accessToken, '01F20A5D352AE590'))
    expect(error).toMatchObject({
      code: 'KSEF_FORBIDDEN',
      httpStatus: 403,
      ksef: { kind: 'forbiddenReason', code: 'auth-method-not-allowed' },
      security: { authenticationMethodCategory: 'Token' },
    })
  })

  it('maps 410 for an authentication status older than 7 days', async () => {
    const { token } = sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    const key = pickPublicKey(await getPublicKeyCertificates(http()), 'KsefTokenEncryption', {
      now: () => now,
    })
    const challenge = await getChallenge(http())
    const init = await submitKsefToken(http(), {
      challenge: challenge.challenge,
      contextIdentifier: context,
      encryptedToken: encryptKsefToken({
        token,
        timestampMs: challenge.timestampMs,
        publicKey: key.certificate,
      }),
      publicKeyId: key.publicKeyId,
    })
    const started = now
    now += 8 * 24 * 3_600_000
    try {
      const error = await failure(
        getAuthenticationStatus(http(), init.referenceNumber, init.authenticationToken.token),
      )
      expect(error).toMatchObject({
        code: 'KSEF_GONE',
        httpStatus: 410,
        ksef: { kind: 'http', code: 410 },
      })
      expect(error.traceId).toMatch(/\S/)
    } finally {
      now = started
    }
  })

  it('maps the legacy and the problem-details 429, keeping Retry-After', async () => {
    sim.faults.rateLimitNext(1, 7, '/auth/token/redeem')
    expect(await failure(redeemTokens(http(), 'jwt'))).toMatchObject({
      code: 'KSEF_RATE_LIMITED',
      httpStatus: 429,
      retryAfterSeconds: 7,
      description: 'Too Many Requests',
    })
    sim.faults.rateLimitNext(1, 9, '/auth/token/redeem')
    const problem = await failure(redeemTokens(http({ problemDetails: true }), 'jwt'))
    expect(problem).toMatchObject({ code: 'KSEF_RATE_LIMITED', retryAfterSeconds: 9 })
    expect(problem.traceId).toMatch(/\S/)
    expect(sent('/auth/token/redeem')).toHaveLength(2)
  })
})

describe('retries against the simulator', () => {
  it('waits out 429 on a safe call, as Retry-After says', async () => {
    sim.faults.rateLimitNext(1, 2, '/auth/challenge')
    const challenge = await getChallenge(http())
    expect(challenge.challenge).toMatch(/-CR-/)
    expect(delays).toEqual([2000])
    expect(sent('/auth/challenge')).toHaveLength(2)
  })

  it('retries a safe call after 5xx and a dropped connection, then succeeds', async () => {
    sim.faults.failNext(1, 503, '/auth/challenge')
    sim.faults.dropNext(1, '/auth/challenge')
    const challenge = await getChallenge(http())
    expect(challenge.timestampMs).toBeGreaterThan(0)
    expect(sent('/auth/challenge').map((r) => r.status)).toEqual([503, 0, 200])
    expect(delays).toEqual([500, 1000])
  })

  it('gives up after three tries with KSEF_UNAVAILABLE', async () => {
    sim.faults.failNext(5, 502, '/auth/challenge')
    expect(await failure(getChallenge(http()))).toMatchObject({
      code: 'KSEF_UNAVAILABLE',
      httpStatus: 502,
    })
    expect(sent('/auth/challenge')).toHaveLength(3)
  })

  // The faults strike before the simulator looks at the bearer token, so any token will do.
  it.each([
    ['redeem', 'POST', '/auth/token/redeem', () => redeemTokens(http(), 'jwt')],
    [
      'XAdES submission',
      'POST',
      '/auth/xades-signature',
      () => submitXadesSignature(http(), '<AuthTokenRequest/>'),
    ],
    [
      'KSeF-token submission',
      'POST',
      '/auth/ksef-token',
      () =>
        submitKsefToken(http(), {
          challenge: 'x',
          contextIdentifier: context,
          encryptedToken: 'eA==',
        }),
    ],
    [
      'certificate enrollment',
      'POST',
      '/certificates/enrollments',
      () =>
        enrollCertificate(http(), 'jwt', {
          certificateName: 'Certyfikat testowy',
          certificateType: 'Authentication',
          csr: 'eA==',
        }),
    ],
    [
      'token generation',
      'POST',
      '/tokens',
      () => generateToken(http(), 'jwt', { permissions: ['InvoiceRead'], description: 'Token' }),
    ],
    [
      'token revocation',
      'DELETE',
      `/tokens/${TOKEN_REF}`,
      () => revokeToken(http(), 'jwt', TOKEN_REF),
    ],
    [
      'certificate revocation',
      'POST',
      `/certificates/${SERIAL}/revoke`,
      () => revokeCertificate(http(), 'jwt', SERIAL),
    ],
  ])('never repeats the one-shot %s, whatever the failure', async (_, method, path, call) => {
    const match = new RegExp(`^${method} ${path}$`)
    sim.faults.failNext(1, 503, match)
    expect(await failure(call())).toMatchObject({ code: 'KSEF_UNAVAILABLE', httpStatus: 503 })
    expect(sentBy(method, path)).toHaveLength(1)
    sim.faults.dropNext(1, match)
    expect(await failure(call())).toMatchObject({ code: 'KSEF_NETWORK' })
    sim.faults.rateLimitNext(1, 1, match)
    expect(await failure(call())).toMatchObject({ code: 'KSEF_RATE_LIMITED', retryAfterSeconds: 1 })
    expect(sentBy(method, path)).toHaveLength(3)
    expect(sim.requests).toHaveLength(3)
    expect(delays).toEqual([])
  })

  it('repeats a read after 5xx: GET /certificates/limits', async () => {
    const session = sim.seed.openSession({ context })
    sim.faults.failNext(1, 503, /^GET \/certificates\/limits$/)
    const limits = await getCertificateLimits(http(), session.accessToken)
    expect(limits.canRequest).toBe(true)
    expect(sentBy('GET', '/certificates/limits').map((r) => r.status)).toEqual([503, 200])
    expect(delays).toEqual([500])
  })

  it('times out on a slow KSeF', async () => {
    sim.faults.latency(400)
    expect(
      await failure(
        getChallenge(
          http({ timeoutMs: 100, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }),
        ),
      ),
    ).toMatchObject({ code: 'KSEF_TIMEOUT' })
  })
})
