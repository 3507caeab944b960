/** Which requests a fault applies to: a path prefix after /v2, or a RegExp on "METHOD /path". */
export type RequestMatcher = string | RegExp

interface Armed<T> {
  remaining: number
  match?: RequestMatcher
  value: T
}

export type FaultAction =
  | { kind: 'drop' }
  | { kind: 'fail'; status: number }
  | { kind: 'rate-limit'; retryAfterSeconds: number }

function matches(match: RequestMatcher | undefined, method: string, path: string): boolean {
  if (match === undefined) return true
  if (typeof match === 'string') return path.startsWith(match)
  return match.test(`${method} ${path}`)
}

/** Failures on demand, so a client's retry, timeout and back-off paths can be tested. */
export class Faults {
  private latencyMs = 0
  private readonly queue: Armed<FaultAction>[] = []

  constructor(private readonly onSlowStatus: (ms: number) => void) {}

  /** Every later response is delayed by this many milliseconds (0 turns it off). */
  latency(ms: number): void {
    this.latencyMs = ms
  }

  /** The next `count` matching requests get `status` (default 503) instead of an answer. */
  failNext(count: number, status = 503, match?: RequestMatcher): void {
    this.queue.push({ remaining: count, match, value: { kind: 'fail', status } })
  }

  /** The next `count` matching requests have their connection destroyed without a response. */
  dropNext(count: number, match?: RequestMatcher): void {
    this.queue.push({ remaining: count, match, value: { kind: 'drop' } })
  }

  /** The next `count` matching requests get KSeF's 429 with this Retry-After. */
  rateLimitNext(count: number, retryAfterSeconds = 1, match?: RequestMatcher): void {
    this.queue.push({ remaining: count, match, value: { kind: 'rate-limit', retryAfterSeconds } })
  }

  /** Authentication and enrollment statuses stay at 100 for this long from now on. */
  slowStatus(ms: number): void {
    this.onSlowStatus(ms)
  }

  clear(): void {
    this.latencyMs = 0
    this.queue.length = 0
  }

  get currentLatencyMs(): number {
    return this.latencyMs
  }

  take(method: string, path: string): FaultAction | undefined {
    const armed = this.queue.find(
      (entry) => entry.remaining > 0 && matches(entry.match, method, path),
    )
    if (!armed) return undefined
    armed.remaining -= 1
    if (armed.remaining === 0) this.queue.splice(this.queue.indexOf(armed), 1)
    return armed.value
  }
}
