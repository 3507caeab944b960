// One KSeF rate limiter for the whole process: every request of every service (the page's clicks,
// background polls, the CLI, bulk work) waits its turn here instead of being refused by KSeF.
// KSeF counts sliding windows of 1 s, 60 s and 60 min at once, per operation, per context for
// protected calls and per client for open ones (REFERENCE.md §2.7, the contract's x-rate-limits).
import { AsyncLocalStorage } from 'node:async_hooks'
import { createHash } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { RateLimitWindows, RateLimitedOperation } from './rate-limit-contract'
import { rateLimitTable } from './rate-limit-table'

/** A click of the user goes before queued bulk work. */
export type KsefCallPriority = 'user' | 'bulk'

/** Whose work a KSeF call is: the company (one KSeF context in this app) and how urgent. */
export interface KsefCallScope {
  companyId?: string | undefined
  priority: KsefCallPriority
}

/**
 * Set around a piece of work (`ksefCallScope.run(scope, work)`): every KSeF call in its async
 * chain is counted in that company's context and queued at that priority. Without one a call is
 * the user's, and a protected call is counted by its bearer token.
 */
export const ksefCallScope = new AsyncLocalStorage<KsefCallScope>()

export interface LimitedRequest {
  baseUrl: string
  method: string
  /** The path after the base URL, without the query. */
  path: string
  bearer?: string | undefined
}

export type Timer = (ms: number, run: () => void) => void

export interface KsefRateLimiterOptions {
  /**
   * Milliseconds on a clock that only moves forward (performance.now). Not the app's Clock: a
   * test that fixes the date must not stop the windows, and a changed system time must not
   * reopen them.
   */
  now?: () => number
  /** Runs `run` after `ms`; tests pass one driven by their `now`. */
  timer?: Timer
  table?: readonly RateLimitedOperation[]
}

/**
 * Open to anyone with the authentication token of a login still under way, counted per client
 * as KSeF's open group (REFERENCE.md §2.7: "open/auth … per IP"), although they take a bearer.
 */
const countedPerClient = new Set([
  'GET /auth/{referenceNumber}',
  'POST /auth/token/redeem',
  'POST /auth/token/refresh',
])

const windows = [
  { key: 'perSecond', length: 1_000 },
  { key: 'perMinute', length: 60_000 },
  { key: 'perHour', length: 3_600_000 },
] as const

/**
 * Requests reach KSeF later than they leave, and not evenly: a window is held this much longer
 * than its length, so two requests sent one window apart never arrive inside one.
 */
const arrivalMarginMs = 250

interface Waiter {
  priority: KsefCallPriority
  company: string
  arrival: number
  resolve: () => void
}

interface Bucket {
  limits: RateLimitWindows
  /** When each counted request was sent, oldest first, within the last hour. */
  sent: number[]
  blockedUntil: number
  queue: Waiter[]
  /** When each company was last served, in turns, so bulk work is shared between companies. */
  served: Map<string, number>
  turn: number
  timerDue: number | undefined
}

interface Matcher {
  operation: RateLimitedOperation
  pattern: RegExp
  literalSegments: number
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function matcherOf(operation: RateLimitedOperation): Matcher {
  const segments = operation.template.split('/')
  const pattern = segments
    .map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : escapeRegExp(segment)))
    .join('/')
  return {
    operation,
    pattern: new RegExp(`^${pattern}$`),
    literalSegments: segments.filter((segment) => !segment.startsWith('{')).length,
  }
}

const defaultTimer: Timer = (ms, run) => {
  setTimeout(run, ms)
}

export class KsefRateLimiter {
  readonly #now: () => number
  readonly #timer: Timer
  /** Per method, the most literal template first: /auth/sessions before /auth/{referenceNumber}. */
  readonly #matchers = new Map<string, Matcher[]>()
  readonly #buckets = new Map<string, Bucket>()
  #arrivals = 0

  constructor(options: KsefRateLimiterOptions = {}) {
    this.#now = options.now ?? (() => performance.now())
    this.#timer = options.timer ?? defaultTimer
    for (const operation of options.table ?? rateLimitTable) {
      const list = this.#matchers.get(operation.method) ?? []
      list.push(matcherOf(operation))
      this.#matchers.set(operation.method, list)
    }
    for (const list of this.#matchers.values()) {
      list.sort((a, b) => b.literalSegments - a.literalSegments)
    }
  }

  /** Resolves when the request may be sent without breaching a window; it is counted then. */
  acquire(request: LimitedRequest): Promise<void> {
    const bucket = this.#bucketOf(request)
    if (!bucket) return Promise.resolve()
    const scope = ksefCallScope.getStore()
    return new Promise((resolve) => {
      bucket.queue.push({
        priority: scope?.priority ?? 'user',
        company: scope?.companyId ?? '',
        arrival: this.#arrivals++,
        resolve,
      })
      this.#pump(bucket)
    })
  }

  /** How long a request sent now would wait for its turn (0 when it goes at once). */
  waitFor(request: LimitedRequest): number {
    const bucket = this.#bucketOf(request)
    if (!bucket) return 0
    const now = this.#now()
    let free = this.#freeAfter(bucket, now)
    // Each request queued ahead takes one place in the windows.
    const sent = [...bucket.sent]
    for (let ahead = 0; ahead < bucket.queue.length; ahead++) {
      sent.push(now + free)
      free = this.#freeAfter({ ...bucket, sent }, now)
    }
    return free
  }

  /** KSeF answered 429: the request's bucket waits Retry-After, for every caller. */
  blocked(request: LimitedRequest, ms: number): void {
    const bucket = this.#bucketOf(request)
    if (!bucket) return
    bucket.blockedUntil = Math.max(bucket.blockedUntil, this.#now() + ms)
  }

  #bucketOf(request: LimitedRequest): Bucket | undefined {
    const matcher = this.#matchers.get(request.method)?.find((m) => m.pattern.test(request.path))
    if (!matcher) return undefined
    const { method, template, secured, limits } = matcher.operation
    const operation = `${method} ${template}`
    const key = `${request.baseUrl} ${operation} ${this.#counter(secured && !countedPerClient.has(operation), request)}`
    let bucket = this.#buckets.get(key)
    if (!bucket) {
      bucket = {
        limits,
        sent: [],
        blockedUntil: 0,
        queue: [],
        served: new Map(),
        turn: 0,
        timerDue: undefined,
      }
      this.#buckets.set(key, bucket)
    }
    return bucket
  }

  /** Who KSeF counts the request against: the context (company or bearer) or the client. */
  #counter(perContext: boolean, request: LimitedRequest): string {
    if (!perContext) return 'client'
    const company = ksefCallScope.getStore()?.companyId
    if (company) return `company:${company}`
    if (request.bearer) {
      return `bearer:${createHash('sha256').update(request.bearer).digest('hex').slice(0, 32)}`
    }
    return 'client'
  }

  /** Milliseconds from `now` until one more request fits every window and any 429 block is over. */
  #freeAfter(bucket: Pick<Bucket, 'limits' | 'sent' | 'blockedUntil'>, now: number): number {
    let free = Math.max(0, bucket.blockedUntil - now)
    for (const { key, length } of windows) {
      const limit = bucket.limits[key]
      if (limit === undefined) continue
      const held = length + arrivalMarginMs
      const inWindow = bucket.sent.filter((time) => time > now - held)
      if (inWindow.length < limit) continue
      // The request that has to leave the window before one more fits in it.
      const leaving = inWindow[inWindow.length - limit] ?? now
      free = Math.max(free, leaving + held - now)
    }
    return free
  }

  #pump(bucket: Bucket): void {
    for (;;) {
      if (bucket.queue.length === 0) return
      const now = this.#now()
      bucket.sent = bucket.sent.filter((time) => time > now - windows[2].length - arrivalMarginMs)
      const free = this.#freeAfter(bucket, now)
      if (free > 0) {
        const due = now + free
        if (bucket.timerDue === undefined || due < bucket.timerDue) {
          bucket.timerDue = due
          this.#timer(free, () => {
            if (bucket.timerDue === due) bucket.timerDue = undefined
            this.#pump(bucket)
          })
        }
        return
      }
      const next = this.#next(bucket)
      bucket.queue.splice(bucket.queue.indexOf(next), 1)
      bucket.sent.push(now)
      bucket.served.set(next.company, bucket.turn++)
      next.resolve()
    }
  }

  /** The user's requests in order of arrival; then bulk work, the company served longest ago first. */
  #next(bucket: Bucket): Waiter {
    const [first, ...rest] = bucket.queue as [Waiter, ...Waiter[]]
    let best = first
    const rank = (waiter: Waiter) =>
      waiter.priority === 'user' ? -2 : (bucket.served.get(waiter.company) ?? -1)
    for (const waiter of rest) {
      const [a, b] = [rank(waiter), rank(best)]
      if (a < b || (a === b && waiter.arrival < best.arrival)) best = waiter
    }
    return best
  }
}
