// The client and the simulator, which counts KSeF's windows as the contract states them: with the
// process's limiter a burst over the limit waits its turn and KSeF never answers 429; without it,
// the same burst is refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getChallenge } from '../../../electron/ksef/auth'
import { createKsefHttp } from '../../../electron/ksef/http'
import { KsefRateLimiter } from '../../../electron/ksef/rate-limiter'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'

let sim: RunningSimulator
// A simulator of its own for each test: its windows start empty.
beforeEach(async () => {
  sim = await startSimulator({ authStatusDelayMs: 0 })
})
afterEach(async () => {
  await sim.close()
})

const noRetry = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }
const burst = 70

describe('KSeF’s limits from the client’s side', () => {
  it('sends a burst of 70 challenges (60 a second) without one 429, the last ten a second later', async () => {
    const http = createKsefHttp({
      baseUrl: sim.url,
      retry: noRetry,
      limiter: new KsefRateLimiter(),
    })
    const started = performance.now()
    const answers = await Promise.all(Array.from({ length: burst }, () => getChallenge(http)))
    const took = performance.now() - started
    expect(answers).toHaveLength(burst)
    expect(sim.requests.map((request) => request.status).filter((s) => s !== 200)).toEqual([])
    // The 61st could not go before the first left the one-second window.
    expect(took).toBeGreaterThanOrEqual(1_000)
  })

  it('without the limiter a burst over the limit meets KSeF’s 429', async () => {
    // Three a second here: even a burst a loaded machine spreads over seconds is refused in part.
    const strict = await startSimulator({ authStatusDelayMs: 0, limits: { scale: 0.05 } })
    try {
      const http = createKsefHttp({ baseUrl: strict.url, retry: noRetry })
      const outcomes = await Promise.allSettled(
        Array.from({ length: burst }, () => getChallenge(http)),
      )
      const refused = outcomes.filter((o) => o.status === 'rejected')
      expect(refused.length).toBeGreaterThan(0)
      expect(strict.requests.filter((request) => request.status === 429)).toHaveLength(
        refused.length,
      )
    } finally {
      await strict.close()
    }
  })
})
