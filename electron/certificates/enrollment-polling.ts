/**
 * How long to wait before the next enrollment status read. KSeF allows 10 a second, 30 a minute
 * and 120 an hour of certificate calls per context: never more than four a second at first, then
 * backing off in proportion to the time already waited (the wait past KSeF's decision stays
 * within about a quarter of the whole), so a minute of waiting spends about 20 of the 30.
 */
export function nextEnrollmentPollDelayMs(elapsedMs: number): number {
  return Math.min(15_000, Math.max(250, Math.round(elapsedMs / 4)))
}

/** After this much waiting (about 30 reads) the enrollment is left for Sprawdź status. */
export const enrollmentPollTimeoutMs = 3 * 60_000
