/** Time as a port, so tests can move it (challenge expiry, token refresh, countdowns). */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** Runs work later, as a port: tests pass a FakeScheduler and move time by hand. */
export interface Scheduler {
  /** Runs `work` after `ms`; the function returned cancels it. */
  after(ms: number, work: () => void): () => void
}

export const systemScheduler: Scheduler = {
  after(ms, work) {
    const timer = setTimeout(work, ms)
    return () => clearTimeout(timer)
  },
}
