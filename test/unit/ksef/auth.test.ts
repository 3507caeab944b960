import { generateKeyPairSync } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Clock } from '../../../electron/clock'
import { waitForAuthentication } from '../../../electron/ksef/auth'
import { createKsefHttp } from '../../../electron/ksef/http'
import { pickPublicKey, type PublicKeyCertificate } from '../../../electron/ksef/security'
import { startStub } from './stub-server'

let stub: Awaited<ReturnType<typeof startStub>>
beforeAll(async () => {
  stub = await startStub()
})
afterAll(() => stub.close())
afterEach(() => stub.reset())

const init = {
  referenceNumber: '20250514-AU-2DFC46C000-3AC6D5877F-D4',
  authenticationToken: { token: 'operation-jwt', validUntil: '2026-03-16T10:45:00Z' },
}
const status = (code: number, description = 'x', details?: string[]) => ({
  status: 200,
  body: {
    startDate: '2026-03-16T10:00:00Z',
    authenticationMethod: 'Token',
    authenticationMethodInfo: { category: 'Token', code: 'token.ksef', displayName: 'Token KSeF' },
    status: { code, description, ...(details ? { details } : {}) },
  },
})

function fakeTime(start = 0): {
  clock: Clock
  delay: (ms: number) => Promise<void>
  slept: number[]
} {
  let now = start
  const slept: number[] = []
  return {
    clock: { now: () => now },
    delay: (ms) => {
      slept.push(ms)
      now += ms
      return Promise.resolve()
    },
    slept,
  }
}

describe('waitForAuthentication', () => {
  it('polls with the operation token until KSeF says 200', async () => {
    stub.answer(status(100), status(100), status(200, 'Uwierzytelnianie zakończone sukcesem'))
    const time = fakeTime()
    const seen: number[] = []
    const result = await waitForAuthentication(createKsefHttp({ baseUrl: stub.url }), init, {
      ...time,
      intervalMs: 500,
      onStatus: (s) => seen.push(s.status.code),
    })
    expect(result.status.code).toBe(200)
    expect(seen).toEqual([100, 100, 200])
    expect(time.slept).toEqual([500, 500])
    expect(stub.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual(
      Array(3).fill(['GET', `/v2/auth/${init.referenceNumber}`, 'Bearer operation-jwt']),
    )
  })

  it('throws a failure status as KSEF_AUTH_FAILED with the KSeF status to explain', async () => {
    stub.answer(
      status(450, 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędnego tokenu', [
        'Token unieważniony',
      ]),
    )
    const error = await waitForAuthentication(
      createKsefHttp({ baseUrl: stub.url }),
      init,
      fakeTime(),
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'KSEF_AUTH_FAILED',
      ksef: { kind: 'authStatus', code: 450 },
      ksefDetails: ['Token unieważniony'],
      httpStatus: 200,
    })
  })

  it('stops waiting at the deadline', async () => {
    stub.answer(...Array.from({ length: 20 }, () => status(100)))
    const time = fakeTime()
    const error = await waitForAuthentication(createKsefHttp({ baseUrl: stub.url }), init, {
      ...time,
      intervalMs: 1000,
      timeoutMs: 5000,
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'KSEF_AUTH_PENDING_TIMEOUT',
      ksef: { kind: 'authStatus', code: 100 },
    })
    expect(stub.requests.length).toBe(6)
  })
})

describe('pickPublicKey', () => {
  const der = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
    format: 'der',
    type: 'spki',
  })
  const key = (
    id: string,
    usage: PublicKeyCertificate['usage'],
    validFrom: string,
    validTo: string,
  ): PublicKeyCertificate => ({
    certificate: der.toString('base64'),
    certificateId: id,
    publicKeyId: id,
    usage,
    validFrom,
    validTo,
  })
  const clock = { now: () => Date.parse('2026-03-16T10:00:00Z') }

  it('takes the valid KsefTokenEncryption key with the latest validFrom', () => {
    const keys = [
      key('old', ['KsefTokenEncryption'], '2025-01-01T00:00:00Z', '2027-01-01T00:00:00Z'),
      key('new', ['KsefTokenEncryption'], '2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z'),
      key('future', ['KsefTokenEncryption'], '2026-06-01T00:00:00Z', '2028-01-01T00:00:00Z'),
      key('expired', ['KsefTokenEncryption'], '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
      key('symmetric', ['SymmetricKeyEncryption'], '2026-02-01T00:00:00Z', '2028-01-01T00:00:00Z'),
    ]
    expect(pickPublicKey(keys, 'KsefTokenEncryption', clock).publicKeyId).toBe('new')
    expect(pickPublicKey(keys, 'SymmetricKeyEncryption', clock).publicKeyId).toBe('symmetric')
  })

  it('says so when there is none', () => {
    expect(() => pickPublicKey([], 'KsefTokenEncryption', clock)).toThrow(
      expect.objectContaining({ code: 'KSEF_NO_TOKEN_KEY' }),
    )
  })
})
