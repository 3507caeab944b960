import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { startSimulator } from '../../ksef-sim'
import type { RunningSimulator } from '../../ksef-sim'
import { Workspace, selfSignedCertificate } from '../../support/external-tools'
import { NIP, OTHER_NIP, PERSON_SUBJECT, expectNoViolations, submitSignature } from './flows'
import { call, field, text } from './sim-http'

const opened: RunningSimulator[] = []
async function simulator(options: Parameters<typeof startSimulator>[0]): Promise<RunningSimulator> {
  const sim = await startSimulator(options)
  opened.push(sim)
  return sim
}

afterEach(async () => {
  for (const sim of opened.splice(0)) {
    expectNoViolations(sim)
    await sim.close()
  }
})

describe("rate limits from the contract's x-rate-limits", () => {
  test('open endpoint, per IP: 60/s × 0.05 = 3/s; the 4th gets 429 + Retry-After and the legacy body', async () => {
    let now = Date.now()
    const sim = await simulator({ limits: { scale: 0.05 }, clock: { now: () => now } })
    for (let i = 0; i < 3; i += 1)
      expect((await call(sim, 'POST', '/auth/challenge')).status).toBe(200)
    const limited = await call(sim, 'POST', '/auth/challenge')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    expect(limited.body).toEqual({
      status: {
        code: 429,
        description: 'Too Many Requests',
        details: ['Przekroczono limit 3 żądań na sekundę. Spróbuj ponownie po 1 sekundach.'],
      },
    })
    const problem = await call(sim, 'POST', '/auth/challenge', {
      headers: { 'X-Error-Format': 'problem-details' },
    })
    expect(problem.status).toBe(429)
    expect(problem.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(field(problem.body, 'title')).toBe('Too Many Requests')
    const elsewhere = await call(sim, 'POST', '/auth/challenge', {
      headers: { 'X-Forwarded-For': '192.0.2.7' },
    })
    expect(elsewhere.status).toBe(200)
    now += 1001
    expect((await call(sim, 'POST', '/auth/challenge')).status).toBe(200)
  })

  test('protected endpoint, per context and IP; the minute window with its own Retry-After', async () => {
    let now = Date.now()
    const sim = await simulator({ limits: { scale: 0.1 }, clock: { now: () => now } })
    const a = sim.seed.openSession({ context: { type: 'Nip', value: NIP } })
    const b = sim.seed.openSession({ context: { type: 'Nip', value: OTHER_NIP } })
    // GET /tokens: 10/s, 30/min, 120/h → 1/s, 3/min, 12/h at scale 0.1.
    expect((await call(sim, 'GET', '/tokens', { bearer: a.accessToken })).status).toBe(200)
    expect((await call(sim, 'GET', '/tokens', { bearer: a.accessToken })).status).toBe(429)
    expect((await call(sim, 'GET', '/tokens', { bearer: b.accessToken })).status).toBe(200)
    expect(
      (
        await call(sim, 'GET', '/tokens', {
          bearer: a.accessToken,
          headers: { 'X-Forwarded-For': '192.0.2.8' },
        })
      ).status,
    ).toBe(200)
    for (let i = 0; i < 2; i += 1) {
      now += 1100
      expect((await call(sim, 'GET', '/tokens', { bearer: a.accessToken })).status).toBe(200)
    }
    now += 1100
    const minute = await call(sim, 'GET', '/tokens', { bearer: a.accessToken })
    expect(minute.status).toBe(429)
    expect(Number(minute.headers.get('retry-after'))).toBeGreaterThanOrEqual(55)
    expect(text(minute.body, 'status', 'details', 0)).toContain('na minutę')
  })

  test('limits: false turns them off', async () => {
    const sim = await simulator({ limits: false })
    const replies = await Promise.all(
      Array.from({ length: 80 }, () => call(sim, 'POST', '/auth/challenge')),
    )
    expect(replies.every((reply) => reply.status === 200)).toBe(true)
  })
})

describe('faults on demand', () => {
  test('failNext: the next N (optionally matching) requests get the status; the log says so', async () => {
    const sim = await simulator({})
    sim.faults.failNext(2, 503)
    expect((await call(sim, 'POST', '/auth/challenge')).status).toBe(503)
    expect((await call(sim, 'GET', '/security/public-key-certificates')).status).toBe(503)
    expect((await call(sim, 'POST', '/auth/challenge')).status).toBe(200)
    sim.faults.failNext(1, 500, '/security')
    expect((await call(sim, 'POST', '/auth/challenge')).status).toBe(200)
    expect((await call(sim, 'GET', '/security/public-key-certificates')).status).toBe(500)
    expect(sim.requests.map((entry) => entry.fault ?? '-')).toEqual([
      'failed',
      'failed',
      '-',
      '-',
      'failed',
    ])
  })

  test('dropNext: the connection is destroyed without an answer', async () => {
    const sim = await simulator({})
    sim.faults.dropNext(1, /^POST \/auth\/challenge/)
    await expect(call(sim, 'POST', '/auth/challenge')).rejects.toThrow()
    expect((await call(sim, 'POST', '/auth/challenge')).status).toBe(200)
    expect(sim.requests[0]).toMatchObject({
      status: 0,
      fault: 'dropped',
      path: '/v2/auth/challenge',
    })
  })

  test('rateLimitNext: a 429 burst with the chosen Retry-After', async () => {
    const sim = await simulator({})
    sim.faults.rateLimitNext(2, 7)
    for (let i = 0; i < 2; i += 1) {
      const reply = await call(sim, 'POST', '/auth/challenge')
      expect(reply.status).toBe(429)
      expect(reply.headers.get('retry-after')).toBe('7')
    }
    expect((await call(sim, 'POST', '/auth/challenge')).status).toBe(200)
  })

  test('latency: every answer waits', async () => {
    const sim = await simulator({})
    sim.faults.latency(400)
    const started = performance.now()
    expect((await call(sim, 'POST', '/auth/challenge')).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(390)
    sim.faults.clear()
    const fast = performance.now()
    await call(sim, 'POST', '/auth/challenge')
    expect(performance.now() - fast).toBeLessThan(300)
  })

  test('slowStatus: authentication stays at 100 longer', async () => {
    const sim = await simulator({ authStatusDelayMs: 0 })
    sim.faults.slowStatus(60_000)
    const ws = await Workspace.create()
    try {
      const init = await submitSignature(sim, ws, await selfSignedCertificate(ws, PERSON_SUBJECT), {
        nip: NIP,
      })
      const token = text(init.body, 'authenticationToken', 'token')
      for (let i = 0; i < 3; i += 1) {
        const reply = await call(sim, 'GET', `/auth/${text(init.body, 'referenceNumber')}`, {
          bearer: token,
        })
        expect(field(reply.body, 'status', 'code')).toBe(100)
      }
    } finally {
      await ws.dispose()
    }
  })
})

describe('request log and contract violations', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startSimulator({})
  })
  afterAll(async () => {
    await sim.close()
  })

  test('every request is logged with method, path, operation, query, status, headers and bodies', async () => {
    const session = sim.seed.openSession({ context: { type: 'Nip', value: NIP } })
    await call(sim, 'GET', '/tokens', {
      bearer: session.accessToken,
      query: { pageSize: 10, status: ['Active', 'Pending'] },
    })
    const entry = sim.requests.at(-1)
    expect(entry).toMatchObject({
      method: 'GET',
      path: '/v2/tokens',
      operation: 'GET /tokens',
      query: { pageSize: '10', status: ['Active', 'Pending'] },
      status: 200,
      requestBody: '',
    })
    expect(entry?.requestHeaders.authorization).toBe(`Bearer ${session.accessToken}`)
    expect(entry?.responseHeaders['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(entry?.responseBody ?? '')).toEqual({ tokens: [] })
    expect(entry?.durationMs).toBeGreaterThanOrEqual(0)
    sim.clearRequests()
    expect(sim.requests).toHaveLength(0)
  })

  test('a call the contract does not have is answered 404 and recorded as a violation', async () => {
    const reply = await call(sim, 'GET', '/auth/challenge/history')
    expect(reply.status).toBe(404)
    expect(sim.contractViolations).toEqual([
      'GET /v2/auth/challenge/history: path not in the KSeF contract',
    ])
    const notSimulated = await call(sim, 'GET', '/peppol/query')
    expect(notSimulated.status).toBe(501)
    expect(sim.contractViolations.at(-1)).toBe(
      'GET /peppol/query: called, but the simulator does not simulate this operation',
    )
  })
})
