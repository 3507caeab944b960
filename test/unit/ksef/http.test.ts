import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { KsefError, SystemWarning } from '../../../electron/ksef/errors'
import {
  createKsefHttp,
  parseRetryAfter,
  parseSystemWarnings,
  retryWaits,
  type KsefHttpOptions,
  type RetryWait,
} from '../../../electron/ksef/http'
import { KsefRateLimiter } from '../../../electron/ksef/rate-limiter'
import { startStub } from './stub-server'

let stub: Awaited<ReturnType<typeof startStub>>
const delays: number[] = []
const warnings: SystemWarning[][] = []

beforeAll(async () => {
  stub = await startStub()
})
afterAll(() => stub.close())
afterEach(() => {
  stub.reset()
  delays.length = 0
  warnings.length = 0
})

const http = (options: Partial<KsefHttpOptions> = {}) =>
  createKsefHttp({
    baseUrl: stub.url,
    delay: (ms) => {
      delays.push(ms)
      return Promise.resolve()
    },
    onSystemWarnings: (w) => warnings.push(w),
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

const get = { method: 'GET', path: '/auth/sessions', repeatable: true } as const
const redeem = { method: 'POST', path: '/auth/token/redeem', repeatable: false } as const

describe('error bodies', () => {
  it('reads the legacy exception list', async () => {
    stub.answer({
      status: 400,
      body: {
        exception: {
          exceptionDetailList: [
            {
              exceptionCode: 21301,
              exceptionDescription: 'Brak autoryzacji.',
              details: ['Tokeny zostały już pobrane.'],
            },
            { exceptionCode: 21405, exceptionDescription: 'Błąd walidacji danych wejściowych.' },
          ],
          referenceNumber: null,
          serviceCode: '00-c02cc3747020c605be02159bf3324f0e-eee7647dc67aa74a-00',
          serviceCtx: 'srvABCDA',
          serviceName: 'Undefined',
          timestamp: '2025-10-11T12:23:56.0154302',
        },
      },
    })
    const error = await failure(http().request(redeem))
    expect(error).toMatchObject({
      code: 'KSEF_ERROR',
      message: 'KSeF refused the request: Brak autoryzacji. (code 21301)',
      httpStatus: 400,
      ksef: { kind: 'exception', code: 21301 },
      description: 'Brak autoryzacji.',
      ksefDetails: ['Tokeny zostały już pobrane.'],
      serviceCode: '00-c02cc3747020c605be02159bf3324f0e-eee7647dc67aa74a-00',
      traceId: null,
      request: { method: 'POST', path: '/auth/token/redeem' },
    })
    expect(error.errors.map((e) => e.code)).toEqual([21301, 21405])
    expect(error.toPayload().details).toMatchObject({
      ksefCode: 21301,
      ksefCodeKind: 'exception',
      httpStatus: 400,
    })
  })

  it('reads problem details of a 400', async () => {
    stub.answer({
      status: 400,
      headers: { 'Content-Type': 'application/problem+json' },
      raw: JSON.stringify({
        title: 'Bad Request',
        status: 400,
        instance: '/v2/auth/ksef-token',
        detail: 'Żądanie jest nieprawidłowe.',
        errors: [
          {
            code: 21470,
            description: 'Nieznany klucz.',
            details: ['Klucz o identyfikatorze X nie jest wspierany.'],
          },
        ],
        timestamp: '2025-07-11T12:23:56.0154302+00:00',
        traceId: '673843e023c432286660bc0501a3af44',
      }),
    })
    expect(await failure(http({ problemDetails: true }).request(redeem))).toMatchObject({
      code: 'KSEF_ERROR',
      ksef: { kind: 'exception', code: 21470 },
      description: 'Nieznany klucz.',
      ksefDetails: ['Klucz o identyfikatorze X nie jest wspierany.'],
      traceId: '673843e023c432286660bc0501a3af44',
      serviceCode: null,
    })
    expect(stub.requests[0]?.headers['x-error-format']).toBe('problem-details')
  })

  it.each([
    [
      401,
      {
        title: 'Unauthorized',
        status: 401,
        detail: 'Wymagane jest uwierzytelnienie.',
        traceId: 't1',
        timestamp: 'x',
      },
      'KSEF_UNAUTHORIZED',
      { kind: 'http', code: 401 },
    ],
    [
      403,
      {
        title: 'Forbidden',
        status: 403,
        detail: 'Brak uprawnień.',
        reasonCode: 'missing-permissions',
        security: {
          requiredAnyOfPermissions: ['CredentialsManage'],
          presentPermissions: ['InvoiceRead'],
        },
        traceId: 't2',
        timestamp: 'x',
      },
      'KSEF_FORBIDDEN',
      { kind: 'forbiddenReason', code: 'missing-permissions' },
    ],
    [
      410,
      {
        title: 'Gone',
        status: 410,
        instance: '/v2/auth/x',
        detail: 'Operacja wygasła.',
        traceId: 't3',
        timestamp: 'x',
      },
      'KSEF_GONE',
      { kind: 'http', code: 410 },
    ],
  ] as const)('maps problem details of a %i', async (status, body, code, ksef) => {
    stub.answer({ status, body, headers: { 'Content-Type': 'application/problem+json' } })
    const error = await failure(http().request(get))
    expect(error).toMatchObject({
      code,
      httpStatus: status,
      ksef,
      description: body.detail,
      traceId: body.traceId,
    })
    expect(stub.requests).toHaveLength(1)
    if (status === 403) {
      expect(error.security).toEqual({
        requiredAnyOfPermissions: ['CredentialsManage'],
        presentPermissions: ['InvoiceRead'],
      })
      expect(error.message).toBe('KSeF refused access (missing-permissions).')
    }
  })

  it('reads the legacy and the problem-details 429', async () => {
    stub.answer({
      status: 429,
      headers: { 'Retry-After': '30' },
      body: {
        status: {
          code: 429,
          description: 'Too Many Requests',
          details: ['Przekroczono limit 20 żądań na minutę.'],
        },
      },
    })
    expect(await failure(http().request(redeem))).toMatchObject({
      code: 'KSEF_RATE_LIMITED',
      retryAfterSeconds: 30,
      description: 'Too Many Requests',
      ksefDetails: ['Przekroczono limit 20 żądań na minutę.'],
      ksef: { kind: 'http', code: 429 },
    })
    stub.answer({
      status: 429,
      headers: { 'Retry-After': '12', 'Content-Type': 'application/problem+json' },
      raw: JSON.stringify({
        title: 'Too Many Requests',
        status: 429,
        detail: 'Przekroczono limit.',
        traceId: 't4',
        instance: '/',
        timestamp: 'x',
      }),
    })
    expect(await failure(http().request(redeem))).toMatchObject({
      code: 'KSEF_RATE_LIMITED',
      retryAfterSeconds: 12,
      description: 'Przekroczono limit.',
      traceId: 't4',
      message: 'KSeF asks to slow down: too many requests. Try again in 12 s.',
    })
  })

  it('maps 5xx, 404, other statuses and bodies that are not JSON', async () => {
    stub.answer({ status: 502, raw: '<html>Bad gateway</html>' })
    expect(await failure(http().request(redeem))).toMatchObject({
      code: 'KSEF_UNAVAILABLE',
      httpStatus: 502,
      ksef: { kind: 'http', code: 502 },
    })
    stub.answer({ status: 404 })
    expect(await failure(http().request(redeem))).toMatchObject({
      code: 'KSEF_NOT_FOUND',
      httpStatus: 404,
    })
    stub.answer({ status: 415, body: { title: 'Unsupported Media Type', status: 415 } })
    expect(await failure(http().request(redeem))).toMatchObject({
      code: 'KSEF_UNEXPECTED_RESPONSE',
      httpStatus: 415,
    })
    stub.answer({ status: 200, raw: 'not json' })
    expect(await failure(http().request(redeem))).toMatchObject({
      code: 'KSEF_UNEXPECTED_RESPONSE',
      httpStatus: 200,
    })
    stub.answer({ status: 200, body: { accessToken: {} } })
    expect(
      await failure(http().request({ ...redeem, expect: ['accessToken', 'refreshToken'] })),
    ).toMatchObject({
      code: 'KSEF_UNEXPECTED_RESPONSE',
      message: 'KSeF answered with a body without refreshToken (HTTP 200).',
    })
  })
})

describe('X-System-Warning', () => {
  it('is surfaced on success and on failure', async () => {
    const header =
      '[sig-001]: Format podpisu niezgodny z akceptowanymi profilami XAdES | [tok-002]: Tokeny wygasaja 31.12.2026'
    stub.answer({ status: 200, body: { items: [] }, headers: { 'X-System-Warning': header } })
    const response = await http().request(get)
    const expected = [
      { code: 'sig-001', message: 'Format podpisu niezgodny z akceptowanymi profilami XAdES' },
      { code: 'tok-002', message: 'Tokeny wygasaja 31.12.2026' },
    ]
    expect(response.systemWarnings).toEqual(expected)
    expect(warnings).toEqual([expected])
    stub.answer({
      status: 400,
      body: { exception: { exceptionDetailList: [{ exceptionCode: 9105 }] } },
      headers: { 'X-System-Warning': header },
    })
    expect((await failure(http().request(redeem))).systemWarnings).toEqual(expected)
  })

  it('parses the documented format', () => {
    expect(parseSystemWarnings('sig-001: Format podpisu')).toEqual([
      { code: 'sig-001', message: 'Format podpisu' },
    ])
    expect(parseSystemWarnings(undefined)).toEqual([])
  })
})

describe('retries', () => {
  it('repeats a safe call after 5xx with growing back-off, and succeeds', async () => {
    stub.answer({ status: 503 }, { status: 500 }, { status: 200, body: { items: [] } })
    const response = await http().request(get)
    expect(response.status).toBe(200)
    expect(stub.requests).toHaveLength(3)
    expect(delays).toEqual([500, 1000])
  })

  it('gives up on a safe call after the bounded number of tries', async () => {
    stub.answer({ status: 503 }, { status: 503 }, { status: 503 }, { status: 200, body: {} })
    expect(await failure(http().request(get))).toMatchObject({
      code: 'KSEF_UNAVAILABLE',
      httpStatus: 503,
    })
    expect(stub.requests).toHaveLength(3)
  })

  it('never repeats a one-shot call', async () => {
    const refusals = [
      [{ status: 503 }, 'KSEF_UNAVAILABLE'],
      [{ drop: true }, 'KSEF_NETWORK'],
      [
        {
          status: 429,
          headers: { 'Retry-After': '1' },
          body: { status: { code: 429, description: 'x', details: [] } },
        },
        'KSEF_RATE_LIMITED',
      ],
    ] as const
    for (const [refusal, code] of refusals) {
      stub.reset()
      stub.answer(refusal, { status: 200, body: {} })
      expect(await failure(http().request(redeem))).toMatchObject({ code })
      expect(stub.requests).toHaveLength(1)
    }
    expect(delays).toEqual([])
  })

  it('waits Retry-After on 429 for a safe call', async () => {
    stub.answer(
      {
        status: 429,
        headers: { 'Retry-After': '3' },
        body: { status: { code: 429, description: 'x', details: [] } },
      },
      { status: 200, body: { items: [] } },
    )
    expect((await http().request(get)).status).toBe(200)
    expect(delays).toEqual([3000])
  })

  it('blocks the bucket for every caller when KSeF answers 429, even to a one-shot call', async () => {
    const limiter = new KsefRateLimiter({ now: () => 0, timer: () => undefined })
    stub.answer({
      status: 429,
      headers: { 'Retry-After': '7' },
      body: { status: { code: 429, description: 'x', details: [] } },
    })
    const client = http({ limiter })
    const session = { ...redeem, bearer: 'operation-token' }
    expect(await failure(client.request(session))).toMatchObject({ code: 'KSEF_RATE_LIMITED' })
    const sameBucket = { baseUrl: stub.url, method: 'POST', path: '/auth/token/redeem' }
    expect(limiter.waitFor(sameBucket)).toBe(7_000)
    expect(limiter.waitFor({ ...sameBucket, path: '/auth/token/refresh' })).toBe(0)
  })

  it('tells whoever started the work when its turn in the limiter is a wait the user notices', async () => {
    const limiter = new KsefRateLimiter({ now: () => 0, timer: () => undefined })
    limiter.blocked({ baseUrl: stub.url, method: 'GET', path: '/auth/sessions' }, 4_000)
    const waits: RetryWait[] = []
    const request = retryWaits.run(
      (wait) => waits.push(wait),
      () => http({ limiter }).request(get),
    )
    await new Promise<void>((resolve) => setImmediate(resolve))
    expect(waits).toEqual([
      { reason: 'rateLimited', ms: 4_000, request: { method: 'GET', path: '/auth/sessions' } },
    ])
    // Time never moves for this limiter: the request is still waiting its turn, nothing was sent.
    expect(stub.requests).toHaveLength(0)
    void request.catch(() => undefined)
  })

  it('reports a block longer than it is willing to wait at once', async () => {
    stub.answer({
      status: 429,
      headers: { 'Retry-After': '600' },
      body: { status: { code: 429, description: 'x', details: [] } },
    })
    expect(await failure(http({ maxRetryAfterSeconds: 60 }).request(get))).toMatchObject({
      code: 'KSEF_RATE_LIMITED',
      retryAfterSeconds: 600,
    })
    expect(stub.requests).toHaveLength(1)
    expect(delays).toEqual([])
  })

  it('retries a safe call after a dropped connection', async () => {
    stub.answer({ drop: true }, { status: 200, body: { items: [] } })
    expect((await http().request(get)).status).toBe(200)
    expect(stub.requests).toHaveLength(2)
  })

  it('times out', async () => {
    stub.answer({ status: 200, body: {}, delayMs: 300 })
    expect(
      await failure(
        http({ timeoutMs: 50, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }).request(get),
      ),
    ).toMatchObject({
      code: 'KSEF_TIMEOUT',
    })
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-03-16T10:00:00Z')
    expect(parseRetryAfter('120', now)).toBe(120)
    expect(parseRetryAfter('Mon, 16 Mar 2026 10:00:30 GMT', now)).toBe(30)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(undefined, now)).toBeNull()
  })
})

describe('requests', () => {
  it('sends the XML bytes as they are, the bearer token and the query', async () => {
    const xml = '<?xml version="1.0" encoding="utf-8"?>\n<a>ż</a>\n'
    stub.answer({
      status: 202,
      body: { referenceNumber: 'r', authenticationToken: { token: 't', validUntil: 'v' } },
    })
    await http().request({
      method: 'POST',
      path: '/auth/xades-signature',
      query: { verifyCertificateChain: false },
      xml,
      bearer: 'jwt',
      repeatable: false,
    })
    const sent = stub.requests[0]
    expect(sent?.url).toBe('/v2/auth/xades-signature?verifyCertificateChain=false')
    expect(sent?.headers['content-type']).toBe('application/xml; charset=utf-8')
    expect(sent?.headers.authorization).toBe('Bearer jwt')
    expect(sent?.body.equals(Buffer.from(xml, 'utf8'))).toBe(true)
  })

  it('repeats array query parameters as KSeF expects', async () => {
    stub.answer({ status: 200, body: { tokens: [] } })
    await http().request({
      method: 'GET',
      path: '/tokens',
      query: { status: ['Active', 'Pending'], pageSize: 10 },
      repeatable: true,
    })
    expect(stub.requests[0]?.url).toBe('/v2/tokens?status=Active&status=Pending&pageSize=10')
  })
})
