import { KsefRateLimiter } from '../../electron/ksef/rate-limiter'

/**
 * The app's rate limiter with no operation limited, for a simulator started with `limits: false`:
 * tests that act many times a minute in one context, which KSeF's real windows would hold for a
 * minute, and tests of a 429 whose Retry-After they skip with a quick sleep. Every other test
 * runs the contract's limits on both sides.
 */
export const noClientLimits = (): KsefRateLimiter => new KsefRateLimiter({ table: [] })
