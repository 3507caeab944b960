/** Time as a port, so tests can move it (challenge expiry, token refresh, countdowns). */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }
