import { expect, test } from 'vitest'
import { RateLimiter, describeBreach } from '../../ksef-sim/rate-limits'

test('all three windows count at once; the first breached one blocks; rejected calls do not count', () => {
  const limiter = new RateLimiter(1)
  const limits = { perSecond: 2, perMinute: 3, perHour: 4 }
  let now = 1_000_000
  expect(limiter.take('k', limits, now)).toBeUndefined()
  expect(limiter.take('k', limits, now)).toBeUndefined()
  expect(limiter.take('k', limits, now)).toEqual({
    retryAfterSeconds: 1,
    limit: 2,
    window: 'second',
  })
  now += 1000
  expect(limiter.take('k', limits, now)).toBeUndefined()
  const minute = limiter.take('k', limits, now)
  expect(minute).toEqual({ retryAfterSeconds: 59, limit: 3, window: 'minute' })
  expect(describeBreach(minute ?? { retryAfterSeconds: 0, limit: 0, window: 'second' })).toBe(
    'Przekroczono limit 3 żądań na minutę. Spróbuj ponownie po 59 sekundach.',
  )
  now += 60_000
  expect(limiter.take('k', limits, now)).toBeUndefined()
  now += 60_000
  expect(limiter.take('k', limits, now)).toEqual({
    retryAfterSeconds: 3600 - 121,
    limit: 4,
    window: 'hour',
  })
  expect(limiter.take('other', limits, now)).toBeUndefined()
})

test('scale multiplies every limit, never below one request', () => {
  const limiter = new RateLimiter(0.01)
  expect(limiter.limitOf(60)).toBe(1)
  expect(new RateLimiter(0.5).limitOf(60)).toBe(30)
})
