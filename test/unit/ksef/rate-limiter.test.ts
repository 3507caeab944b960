// The process's KSeF rate limiter on a clock the test moves: the contract's windows per
// operation, per context and per client, Retry-After shared by every caller, the user before
// bulk work, bulk work shared between companies.
import { describe, expect, it } from 'vitest'
import {
  KsefRateLimiter,
  ksefCallScope,
  type KsefCallScope,
  type LimitedRequest,
} from '../../../electron/ksef/rate-limiter'

const baseUrl = 'https://api-test.ksef.mf.gov.pl/v2'

/** A limiter whose time moves only when the test says, firing its timers in order. */
function harness() {
  let now = 0
  const timers: { due: number; run: () => void }[] = []
  const limiter = new KsefRateLimiter({
    now: () => now,
    timer: (ms, run) => timers.push({ due: now + ms, run }),
  })
  const settled = () => new Promise<void>((resolve) => setImmediate(resolve))
  /** Every turn granted, in the order granted. */
  const log: string[] = []
  return {
    limiter,
    log,
    /** Moves the clock to `to`, running every timer due on the way. */
    async advanceTo(to: number) {
      // Answers of what was granted come first, at the time it was granted.
      await settled()
      for (;;) {
        timers.sort((a, b) => a.due - b.due)
        const next = timers[0]
        if (!next || next.due > to) break
        timers.shift()
        now = next.due
        next.run()
        await settled()
      }
      now = to
      await settled()
    },
    settled,
    /** Asks for `count` turns; `granted` lists when each was granted, in the order granted. */
    ask(count: number, request: LimitedRequest, scope?: KsefCallScope, label = '') {
      const granted: { label: string; at: number }[] = []
      const asks = Array.from({ length: count }, (_, index) => {
        // KSeF answers at once: each request leaves the windows a window's length after it.
        const take = () =>
          limiter.acquire(request).then((answered) => {
            answered()
            granted.push({ label: `${label}${index}`, at: now })
            log.push(`${label}${index}`)
          })
        return scope ? ksefCallScope.run(scope, take) : take()
      })
      return { granted, all: Promise.all(asks) }
    },
  }
}

const tokens = (bearer: string): LimitedRequest => ({
  baseUrl,
  method: 'GET',
  path: '/tokens',
  bearer,
})
const challenge: LimitedRequest = { baseUrl, method: 'POST', path: '/auth/challenge' }

describe('the KSeF rate limiter', () => {
  it('lets ten GET /tokens of one context go in a second and holds the eleventh until the first leaves the window', async () => {
    const h = harness()
    const { granted } = h.ask(11, tokens('access-a'))
    await h.settled()
    expect(granted).toHaveLength(10)
    expect(h.limiter.waitFor(tokens('access-a'))).toBe(1_025)
    await h.advanceTo(1_024)
    expect(granted).toHaveLength(10)
    await h.advanceTo(1_025)
    expect(granted).toHaveLength(11)
    expect(granted[10]?.at).toBe(1_025)
  })

  it('drops background work still queued once its signal aborts, unsent, and lets the rest go', async () => {
    const h = harness()
    const closing = new AbortController()
    const first = h.ask(10, tokens('access-a'))
    const background = ksefCallScope.run({ priority: 'user', until: closing.signal }, () =>
      h.limiter.acquire(tokens('access-a')),
    )
    const later = h.ask(10, tokens('access-a'))
    await h.settled()
    expect(first.granted).toHaveLength(10)
    closing.abort()
    await expect(background).rejects.toMatchObject({
      code: 'KSEF_NOT_SENT',
      message: 'The app is closing: the request to KSeF was not sent.',
    })
    // The dropped request took no place: all ten behind it go as the first ten leave the second.
    await h.advanceTo(1_025)
    expect(later.granted.map((g) => g.at)).toEqual(Array<number>(10).fill(1_025))
    // Asked after the abort, a request of that work is refused at once.
    await expect(
      ksefCallScope.run({ priority: 'user', until: closing.signal }, () =>
        h.limiter.acquire(tokens('access-b')),
      ),
    ).rejects.toMatchObject({ code: 'KSEF_NOT_SENT' })
  })

  it('holds the 31st request of a minute until the minute of the first is over', async () => {
    const h = harness()
    const { granted } = h.ask(31, tokens('access-a'))
    await h.advanceTo(10_000)
    expect(granted).toHaveLength(30)
    await h.advanceTo(60_024)
    expect(granted).toHaveLength(30)
    await h.advanceTo(60_025)
    expect(granted).toHaveLength(31)
  })

  it('counts protected calls per context: another bearer, or another company, has windows of its own', async () => {
    const h = harness()
    const a = h.ask(10, tokens('access-a'))
    const b = h.ask(10, tokens('access-b'))
    const companyA = h.ask(10, tokens('access-c'), { companyId: 'A', priority: 'user' })
    const companyAagain = h.ask(1, tokens('access-d'), { companyId: 'A', priority: 'user' })
    await h.settled()
    expect([a.granted.length, b.granted.length, companyA.granted.length]).toEqual([10, 10, 10])
    // Two access tokens of one company are one KSeF context.
    expect(companyAagain.granted).toHaveLength(0)
  })

  it('counts open calls per client, across companies: the 61st challenge of a second waits', async () => {
    const h = harness()
    const a = h.ask(30, challenge, { companyId: 'A', priority: 'user' })
    const b = h.ask(31, challenge, { companyId: 'B', priority: 'user' })
    await h.settled()
    expect(a.granted.length + b.granted.length).toBe(60)
    await h.advanceTo(1_025)
    expect(a.granted.length + b.granted.length).toBe(61)
  })

  it('counts the login flow’s bearer calls per client, as KSeF’s open group', async () => {
    const h = harness()
    const poll = (bearer: string): LimitedRequest => ({
      baseUrl,
      method: 'GET',
      path: '/auth/20250514-AU-2DFC46C000-3AC6D5877F-D4',
      bearer,
    })
    const first = h.ask(60, poll('operation-1'))
    const second = h.ask(1, poll('operation-2'))
    await h.settled()
    expect([first.granted.length, second.granted.length]).toEqual([60, 0])
  })

  it('matches the most literal template: GET /auth/sessions is limited 10 a second, not as GET /auth/{referenceNumber}', async () => {
    const h = harness()
    const { granted } = h.ask(11, {
      baseUrl,
      method: 'GET',
      path: '/auth/sessions',
      bearer: 'access-a',
    })
    await h.settled()
    expect(granted).toHaveLength(10)
  })

  it('keeps environments apart and leaves operations without a stated limit alone', async () => {
    const h = harness()
    const test = h.ask(10, tokens('access-a'))
    const demo = h.ask(10, { ...tokens('access-a'), baseUrl: 'https://api-demo.ksef.mf.gov.pl/v2' })
    const unlimited = h.ask(100, {
      baseUrl,
      method: 'GET',
      path: '/collective-identifiers/ksef/1234567890-20260101-ABCDEF123456-AB',
    })
    await h.settled()
    expect([test.granted.length, demo.granted.length, unlimited.granted.length]).toEqual([
      10, 10, 100,
    ])
  })

  it('on a 429 holds the bucket for every caller for Retry-After, and no other bucket', async () => {
    const h = harness()
    await h.ask(1, tokens('access-a')).all
    h.limiter.blocked(tokens('access-a'), 5_000)
    const held = h.ask(2, tokens('access-a'))
    const other = h.ask(1, tokens('access-b'))
    await h.settled()
    expect([held.granted.length, other.granted.length]).toEqual([0, 1])
    expect(h.limiter.waitFor(tokens('access-a'))).toBe(5_000)
    await h.advanceTo(4_999)
    expect(held.granted).toHaveLength(0)
    await h.advanceTo(5_000)
    expect(held.granted).toHaveLength(2)
  })

  it('serves a click of the user before bulk work queued earlier', async () => {
    const h = harness()
    const request = tokens('access-a')
    await h.ask(10, request, { companyId: 'A', priority: 'user' }).all
    h.log.length = 0
    h.ask(5, request, { companyId: 'A', priority: 'bulk' }, 'bulk')
    await h.settled()
    h.ask(1, request, { companyId: 'A', priority: 'user' }, 'user')
    // The user asked last; when the window opens at 1,025 ms the click goes first.
    await h.advanceTo(1_025)
    expect(h.log).toEqual(['user0', 'bulk0'])
    await h.advanceTo(1_500)
    expect(h.log).toEqual(['user0', 'bulk0', 'bulk1', 'bulk2', 'bulk3', 'bulk4'])
  })

  it('shares bulk work between companies: a company queued later is not served after all of another', async () => {
    const h = harness()
    const request: LimitedRequest = challenge
    await h.ask(60, request).all
    h.log.length = 0
    h.ask(20, request, { companyId: 'A', priority: 'bulk' }, 'A')
    h.ask(2, request, { companyId: 'B', priority: 'bulk' }, 'B')
    await h.advanceTo(1_500)
    expect(h.log.slice(0, 5)).toEqual(['A0', 'B0', 'A1', 'B1', 'A2'])
    expect(h.log).toHaveLength(22)
  })

  it('spreads bulk work over the window, so a click behind a full window waits one pace at most', async () => {
    const h = harness()
    const bulk = h.ask(200, challenge, { companyId: 'A', priority: 'bulk' }, 'bulk')
    await h.advanceTo(990)
    // 60 a second, one every 16.7 ms, not 60 at once.
    expect(bulk.granted).toHaveLength(60)
    expect(bulk.granted[1]?.at).toBeCloseTo(1_000 / 60, 5)
    await h.advanceTo(1_030)
    const click = h.ask(1, challenge, { companyId: 'B', priority: 'user' }, 'user')
    await h.advanceTo(1_100)
    expect(click.granted[0]?.at).toBeGreaterThanOrEqual(1_030)
    expect(click.granted[0]?.at).toBeLessThanOrEqual(1_030 + 1_000 / 60)
  })

  it('holds a request in the windows until its answer comes, and a window’s length after it', async () => {
    const h = harness()
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => h.limiter.acquire(tokens('access-a'))),
    )
    const late = h.ask(1, tokens('access-a'))
    await h.advanceTo(5_000)
    expect(late.granted).toHaveLength(0)
    for (const answered of answers) answered()
    await h.advanceTo(6_024)
    expect(late.granted).toHaveLength(0)
    await h.advanceTo(6_025)
    expect(late.granted).toHaveLength(1)
  })

  it('tells how long bulk requests take at the windows’ pace and behind a 429', () => {
    const h = harness()
    // 120 challenges: paced at 60 a second, the last leaves 119 paces after the first.
    expect(h.limiter.timeFor(challenge, 120)).toBeCloseTo((119 * 1_000) / 60, 5)
    // 100 GET /tokens of a context: 10 a second but 30 a minute, so three more minutes.
    expect(h.limiter.timeFor(tokens('access-a'), 100)).toBe(3 * 60_025)
    h.limiter.blocked(challenge, 5_000)
    expect(h.limiter.timeFor(challenge, 1)).toBe(5_000)
    expect(h.limiter.timeFor(challenge, 0)).toBe(0)
  })
})
