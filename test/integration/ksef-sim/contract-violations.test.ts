import { afterEach, expect, test } from 'vitest'
import { BearerTokenIssuer } from '../../ksef-sim/bearer-tokens'
import { CertificateAuthority } from '../../ksef-sim/certificate-authority'
import { Contract } from '../../ksef-sim/contract'
import type { RouteTable, SimulatorCore } from '../../ksef-sim/core'
import { json } from '../../ksef-sim/core'
import { Faults } from '../../ksef-sim/faults'
import { PublicKeyCertificates } from '../../ksef-sim/public-key-certificates'
import { SimulatorServer } from '../../ksef-sim/server'
import { SimulatorState } from '../../ksef-sim/state'

const servers: SimulatorServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

/** A server whose challenge route is deliberately wrong, to prove the contract check bites. */
async function serverWithBrokenChallenge(checkContract: boolean) {
  const authority = await CertificateAuthority.create('test', Date.now())
  const core: SimulatorCore = {
    config: {
      mode: 'test',
      authStatusDelayMs: 0,
      enrollmentDelayMs: 0,
      tokenActivationDelayMs: 0,
      revocationDelayMs: 0,
      challengeLifetimeMs: 600_000,
      authenticationTokenLifetimeMs: 600_000,
      accessTokenLifetimeMs: 600_000,
      refreshTokenLifetimeMs: 600_000,
    },
    state: new SimulatorState(),
    clock: { now: () => Date.now() },
    authority,
    publicKeys: new PublicKeyCertificates(authority),
    bearerTokens: new BearerTokenIssuer('test'),
  }
  const routes: RouteTable = {
    'POST /auth/challenge': {
      handle: () => json(200, { challenge: 'too-short', timestamp: 'yesterday', timestampMs: 1 }),
    },
    'GET /security/public-key-certificates': { handle: () => json(201, []) },
  }
  const violations: string[] = []
  const server = new SimulatorServer({
    core,
    contract: Contract.load(),
    routes,
    faults: new Faults(() => undefined),
    checkContract,
    log: [],
    violations,
  })
  servers.push(server)
  const port = await server.listen(0)
  return { url: `http://127.0.0.1:${port}/v2`, violations }
}

test('a response that breaks the contract becomes a 500 naming every violation, and is recorded', async () => {
  const { url, violations } = await serverWithBrokenChallenge(true)
  const reply = await fetch(`${url}/auth/challenge`, { method: 'POST' })
  expect(reply.status).toBe(500)
  const body = await reply.text()
  expect(body).toContain('KSeF simulator contract violation')
  expect(violations).toEqual([
    "POST /auth/challenge → 200 (application/json): body: must have required property 'clientIp'",
    'POST /auth/challenge → 200 (application/json): body/challenge: must NOT have fewer than 36 characters',
    'POST /auth/challenge → 200 (application/json): body/timestamp: must match format "date-time"',
  ])
  const undeclared = await fetch(`${url}/security/public-key-certificates`)
  expect(undeclared.status).toBe(500)
  expect(violations.at(-1)).toBe(
    'GET /security/public-key-certificates → 201: status not declared by the contract (declared: 200, 400, 429)',
  )
})

test('with checkContract: false the same response goes out untouched', async () => {
  const { url, violations } = await serverWithBrokenChallenge(false)
  const reply = await fetch(`${url}/auth/challenge`, { method: 'POST' })
  expect(reply.status).toBe(200)
  expect(violations).toEqual([])
})
