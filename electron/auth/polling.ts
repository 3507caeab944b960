/**
 * How long to wait before the next status poll: quick at first (KSeF often decides within a
 * second), then backing off in proportion to the time already waited, so the wait past KSeF's
 * decision stays within about an eighth of the whole — and never hammers KSeF with polls.
 */
export function nextPollDelayMs(elapsedMs: number): number {
  return Math.min(3_000, Math.max(100, Math.round(elapsedMs / 8)))
}
