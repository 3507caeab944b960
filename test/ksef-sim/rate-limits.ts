import { HOUR, MINUTE, SECOND } from './ksef-time'

export interface RateLimitValues {
  perSecond?: number
  perMinute?: number
  perHour?: number
}

export interface RateLimitBreach {
  retryAfterSeconds: number
  limit: number
  window: 'second' | 'minute' | 'hour'
}

const WINDOWS = [
  { key: 'perSecond', length: SECOND, window: 'second' },
  { key: 'perMinute', length: MINUTE, window: 'minute' },
  { key: 'perHour', length: HOUR, window: 'hour' },
] as const

const WINDOW_WORDS: Record<RateLimitBreach['window'], string> = {
  second: 'sekundę',
  minute: 'minutę',
  hour: 'godzinę',
}

export function describeBreach(breach: RateLimitBreach): string {
  return `Przekroczono limit ${breach.limit} żądań na ${WINDOW_WORDS[breach.window]}. Spróbuj ponownie po ${breach.retryAfterSeconds} sekundach.`
}

/**
 * KSeF's sliding windows (CIRFMF/ksef-docs limity/limity-api.md): the last second, minute and
 * hour all count at once and the first one breached blocks. Keys are chosen by the caller (per
 * operation and IP, or per operation, context and IP). Rejected requests are not counted.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>()

  constructor(private readonly scale: number) {}

  limitOf(value: number): number {
    return Math.max(1, Math.floor(value * this.scale))
  }

  take(key: string, limits: RateLimitValues, now: number): RateLimitBreach | undefined {
    const recent = (this.hits.get(key) ?? []).filter((time) => time > now - HOUR)
    for (const { key: field, length, window } of WINDOWS) {
      const value = limits[field]
      if (value === undefined) continue
      const limit = this.limitOf(value)
      const inWindow = recent.filter((time) => time > now - length)
      if (inWindow.length >= limit) {
        // The request that has to leave the window before one more fits in it.
        const blocking = inWindow[inWindow.length - limit] ?? now
        const retryAfterSeconds = Math.max(1, Math.ceil((blocking + length - now) / SECOND))
        this.hits.set(key, recent)
        return { retryAfterSeconds, limit, window }
      }
    }
    recent.push(now)
    this.hits.set(key, recent)
    return undefined
  }
}
