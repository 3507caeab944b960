// One KSeF rate limiter for the whole process: every request of every service (the page's clicks,
// background polls, the CLI, bulk work) waits its turn here instead of being refused by KSeF.
// KSeF counts sliding windows of 1 s, 60 s and 60 min at once, per operation, per context for
// protected calls and per client for open ones (REFERENCE.md §2.7, the contract's x-rate-limits).
import { AsyncLocalStorage } from 'node:async_hooks'
import { createHash } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { AppError } from '../../shared/ipc/errors'
import type { RateLimitWindows, RateLimitedOperation } from './rate-limit-contract'
import { rateLimitTable } from './rate-limit-table'

/** A click of the user goes before queued bulk work. */
export type KsefCallPriority = 'user' | 'bulk'

/** Whose work a KSeF call is: the company (one KSeF context in this app) and how urgent. */
export interface KsefCallScope {
  companyId?: string | undefined
  priority: KsefCallPriority
  /**
   * Background work's (a token's status followed): once it aborts, as the app closes, a request
   * still waiting for its turn leaves the queue unsent (KSEF_NOT_SENT), so closing never waits
   * out KSeF's windows.
   */
  until?: AbortSignal
}

/**
 * Set around a piece of work (`ksefCallScope.run(scope, work)`): every KSeF call in its async
 * chain is counted in that company's context and queued at that priority. Without one a call is
 * the user's, and a protected call is counted by its bearer token.
 */
export const ksefCallScope = new AsyncLocalStorage<KsefCallScope>()

/** Runs `work` in the current scope, its requests still queued once `until` aborts left unsent. */
export function untilAborted<T>(until: AbortSignal, work: () => Promise<T>): Promise<T> {
  const scope = ksefCallScope.getStore() ?? { priority: 'user' }
  return ksefCallScope.run({ ...scope, until }, work)
}

const notSent = () =>
  new AppError('KSEF_NOT_SENT', 'The app is closing: the request to KSeF was not sent.')

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
export const countedPerClient: ReadonlySet<string> = new Set([
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
 * A request is counted by KSeF when it arrives, which is before its answer comes back: the
 * limiter holds each one in the windows from when it was sent until its answer came, then for
 * the window's length from the answer, and this much longer for clocks that tick in whole
 * milliseconds and timers that fire a little early.
 */
const arrivalMarginMs = 25

interface Waiter {
  priority: KsefCallPriority
  company: string
  arrival: number
  resolve: () => void
}

interface Bucket {
  limits: RateLimitWindows
  /** When the answer of each counted request came, oldest first, within the longest window. */
  answered: number[]
  /** Requests sent whose answer has not come yet: they count in every window. */
  inFlight: number
  /** Bulk work goes no closer together than the shortest window's length over its limit. */
  lastBulk: number
  /** The longest window this bucket has a limit in, and the pace of bulk work in it. */
  longest: number
  bulkSpacing: number
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

  /**
   * Resolves when the request may be sent without breaching a window; it is counted from then
   * on. Call the function it resolves with when the answer came (or the request failed): the
   * request stays in the windows until then, and for each window's length from then.
   */
  acquire(request: LimitedRequest): Promise<() => void> {
    const bucket = this.#bucketOf(request)
    if (!bucket) return Promise.resolve(() => undefined)
    const scope = ksefCallScope.getStore()
    const until = scope?.until
    if (until?.aborted) return Promise.reject(notSent())
    return new Promise((resolve, reject) => {
      const drop = () => {
        const at = bucket.queue.indexOf(waiter)
        if (at < 0) return
        bucket.queue.splice(at, 1)
        reject(notSent())
      }
      const waiter: Waiter = {
        priority: scope?.priority ?? 'user',
        company: scope?.companyId ?? '',
        arrival: this.#arrivals++,
        resolve: () => {
          until?.removeEventListener('abort', drop)
          resolve(this.#answeredOnce(bucket))
        },
      }
      until?.addEventListener('abort', drop, { once: true })
      bucket.queue.push(waiter)
      this.#pump(bucket)
    })
  }

  /** How long a request sent now would wait for its turn (0 when it goes at once). */
  waitFor(request: LimitedRequest): number {
    const bucket = this.#bucketOf(request)
    if (!bucket) return 0
    const now = this.#now()
    const priority = ksefCallScope.getStore()?.priority ?? 'user'
    // Answers under way are taken as coming now; each request queued ahead (the user's only,
    // for the user) takes one place in the windows when its turn comes.
    const answered = [...bucket.answered, ...Array<number>(bucket.inFlight).fill(now)]
    const view = { ...bucket, answered, inFlight: 0 }
    let free = this.#freeAfter(view, now, priority)
    const ahead = bucket.queue.filter((w) => priority === 'bulk' || w.priority === 'user').length
    for (let each = 0; each < ahead; each++) {
      answered.push(now + free)
      if (priority === 'bulk') view.lastBulk = now + free
      free = this.#freeAfter(view, now, priority)
    }
    return free
  }

  /**
   * How long `count` more bulk requests of this kind would take to be sent, KSeF's windows and
   * a 429's block as they stand now (the estimate of a job's time left).
   */
  timeFor(request: LimitedRequest, count: number): number {
    const bucket = this.#bucketOf(request)
    if (!bucket || count <= 0) return 0
    const now = this.#now()
    let time = Math.max(0, bucket.blockedUntil - now, (count - 1) * bucket.bulkSpacing)
    for (const { key, length } of windows) {
      const limit = bucket.limits[key]
      if (limit === undefined) continue
      const held = length + arrivalMarginMs
      const used = bucket.inFlight + bucket.answered.filter((t) => t > now - held).length
      const beyond = count - Math.max(0, limit - used)
      if (beyond > 0) time = Math.max(time, Math.ceil(beyond / limit) * held)
    }
    return time
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
      const limited = windows.filter((w) => limits[w.key] !== undefined)
      const shortest = limited[0]
      bucket = {
        limits,
        answered: [],
        inFlight: 0,
        lastBulk: Number.NEGATIVE_INFINITY,
        longest: (limited[limited.length - 1]?.length ?? 0) + arrivalMarginMs,
        bulkSpacing: shortest ? shortest.length / (limits[shortest.key] ?? 1) : 0,
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

  /** The answer of a request came: it leaves the windows a window's length from now. */
  #answeredOnce(bucket: Bucket): () => void {
    let answered = false
    return () => {
      if (answered) return
      answered = true
      bucket.inFlight--
      bucket.answered.push(this.#now())
      this.#pump(bucket)
    }
  }

  /**
   * Milliseconds from `now` until one more request fits every window and any 429 block is over;
   * Infinity while only an answer still under way can make room. Bulk work also keeps its pace.
   */
  #freeAfter(
    bucket: Pick<
      Bucket,
      'limits' | 'answered' | 'inFlight' | 'blockedUntil' | 'lastBulk' | 'bulkSpacing'
    >,
    now: number,
    priority: KsefCallPriority,
  ): number {
    let free = Math.max(0, bucket.blockedUntil - now)
    if (priority === 'bulk') free = Math.max(free, bucket.lastBulk + bucket.bulkSpacing - now)
    for (const { key, length } of windows) {
      const limit = bucket.limits[key]
      if (limit === undefined) continue
      const held = length + arrivalMarginMs
      const inWindow = bucket.answered.filter((time) => time > now - held)
      const counted = bucket.inFlight + inWindow.length
      if (counted < limit) continue
      // The answered requests that have to leave the window, oldest first, before one more fits.
      const leaving = inWindow[counted - limit]
      if (leaving === undefined) return Number.POSITIVE_INFINITY
      free = Math.max(free, leaving + held - now)
    }
    return free
  }

  #pump(bucket: Bucket): void {
    for (;;) {
      if (bucket.queue.length === 0) return
      const now = this.#now()
      bucket.answered = bucket.answered.filter((time) => time > now - bucket.longest)
      const next = this.#next(bucket)
      const free = this.#freeAfter(bucket, now, next.priority)
      if (free > 0) {
        if (free === Number.POSITIVE_INFINITY) return
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
      bucket.queue.splice(bucket.queue.indexOf(next), 1)
      bucket.inFlight++
      if (next.priority === 'bulk') bucket.lastBulk = now
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
