// MF public keys a caller cached, at the next token login: a list whose keys have all expired is
// reloaded once (and the fresh list handed back) before the login gives up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  initiateTokenAuthentication,
  redeemTokens,
  waitForAuthentication,
} from '../../../electron/ksef/auth'
import type { KsefError } from '../../../electron/ksef/errors'
import { createKsefHttp } from '../../../electron/ksef/http'
import {
  getPublicKeyCertificates,
  type PublicKeyCertificate,
} from '../../../electron/ksef/security'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'

const YEAR = 365 * 24 * 3_600_000
const context = { type: 'Nip' as const, value: '5265877635' }
const start = Date.parse('2026-03-16T09:00:00Z')
let now = start
const clock = { now: () => now }
let sim: RunningSimulator

// Each test moves time and rotates keys, so each gets a simulator of its own.
beforeEach(async () => {
  now = start
  sim = await startSimulator({ authStatusDelayMs: 0, clock })
})
afterEach(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})

const http = () => createKsefHttp({ baseUrl: sim.url, delay: () => Promise.resolve() })
const calls = () => sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)

async function failure(promise: Promise<unknown>): Promise<KsefError> {
  try {
    await promise
  } catch (error) {
    return error as KsefError
  }
  throw new Error('expected a failure')
}

describe('cached MF public keys', () => {
  it('reloads a cached list whose token key has expired, and hands the fresh list back', async () => {
    const cached = await getPublicKeyCertificates(http())
    // The simulator's keys are valid for two years; past that, MF publishes a successor.
    now = start + 3 * YEAR
    await sim.seed.rotatePublicKeys('KsefTokenEncryption')
    const { token } = sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    sim.clearRequests()
    const reported: PublicKeyCertificate[][] = []

    const init = await initiateTokenAuthentication(
      http(),
      { context, token, publicKeys: cached },
      { clock, onPublicKeys: (keys) => reported.push(keys) },
    )
    const status = await waitForAuthentication(http(), init, {
      clock,
      delay: () => Promise.resolve(),
    })
    await redeemTokens(http(), init.authenticationToken.token)

    expect(status.status.code).toBe(200)
    expect(calls().filter((c) => !c.includes('/auth/20'))).toEqual([
      'GET /v2/security/public-key-certificates 200',
      'POST /v2/auth/challenge 200',
      'POST /v2/auth/ksef-token 202',
      'POST /v2/auth/token/redeem 200',
    ])
    const fresh = sim.seed.publicKeyCertificates.find((k) => k.usage === 'KsefTokenEncryption')
    expect(reported).toHaveLength(1)
    expect(reported[0]?.map((k) => k.publicKeyId)).toContain(fresh?.publicKeyId)
    expect(cached.map((k) => k.publicKeyId)).not.toContain(fresh?.publicKeyId)
  })

  it('sends nothing with a cached key that is still valid', async () => {
    const cached = await getPublicKeyCertificates(http())
    const { token } = sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    sim.clearRequests()
    const reported: PublicKeyCertificate[][] = []

    await initiateTokenAuthentication(
      http(),
      { context, token, publicKeys: cached },
      { clock, onPublicKeys: (keys) => reported.push(keys) },
    )

    expect(calls()).toEqual(['POST /v2/auth/challenge 200', 'POST /v2/auth/ksef-token 202'])
    expect(reported).toEqual([])
  })

  it('gives up with KSEF_NO_TOKEN_KEY after one reload when KSeF has no valid key either', async () => {
    const cached = await getPublicKeyCertificates(http())
    now = start + 3 * YEAR
    sim.clearRequests()
    const reported: PublicKeyCertificate[][] = []

    const error = await failure(
      initiateTokenAuthentication(
        http(),
        { context, token: 'any', publicKeys: cached },
        { clock, onPublicKeys: (keys) => reported.push(keys) },
      ),
    )

    expect(error).toMatchObject({ code: 'KSEF_NO_TOKEN_KEY' })
    expect(calls()).toEqual(['GET /v2/security/public-key-certificates 200'])
    expect(reported).toHaveLength(1)
  })
})
