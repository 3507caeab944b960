import { describe, expect, it } from 'vitest'
import {
  enrollmentPollTimeoutMs,
  nextEnrollmentPollDelayMs,
} from '../../../electron/certificates/enrollment-polling'

/** When each status read is sent, waiting as told until the timeout. */
function readTimes(): number[] {
  const times = [0]
  let waited = 0
  while (waited < enrollmentPollTimeoutMs) {
    waited += nextEnrollmentPollDelayMs(waited)
    times.push(waited)
  }
  return times
}

describe('enrollment status polling', () => {
  it('stays within KSeF’s certificate limits: 10 a second, 30 a minute, 120 an hour', () => {
    const times = readTimes()
    const mostWithin = (windowMs: number) =>
      Math.max(
        ...times.map((start) => times.filter((t) => t >= start && t < start + windowMs).length),
      )
    expect(mostWithin(1_000)).toBeLessThanOrEqual(4)
    // Limits, enrollment data and the enrollment itself share the minute.
    expect(mostWithin(60_000) + 3).toBeLessThanOrEqual(30)
    expect(times.length + 3).toBeLessThanOrEqual(40)
  })

  it('finds a decision soon after it is made', () => {
    const times = readTimes()
    for (const decidedAt of [300, 1_000, 5_000, 30_000]) {
      const found = times.find((t) => t >= decidedAt) ?? Infinity
      expect(found - decidedAt).toBeLessThanOrEqual(Math.max(250, decidedAt / 4))
    }
  })
})
