// Login wall time against the simulator, divided by its floor: what the login cannot avoid —
// each round trip it needs, timed in the same run, plus the simulator's status delay.
import { createPrivateKey } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildAuthTokenRequest } from '../electron/crypto/auth-token-request'
import { encryptKsefToken } from '../electron/crypto/token-cipher'
import { signAuthTokenRequest } from '../electron/crypto/xades'
import { createDispatch } from '../electron/dispatch'
import { handlers } from '../electron/handlers'
import { createKsefClient } from '../electron/ksef/client'
import { pickPublicKey } from '../electron/ksef/security'
import { openNodeServices } from '../electron/node-services'
import { certificateKeySecret, tokenSecret } from '../electron/vault/secret-store'
import { startSimulator } from '../test/ksef-sim'
import type { BenchmarkRow, BenchmarkSuite } from './measure'

// About how long KSeF takes to decide; with a much longer delay the budget would hide the
// app's own overhead, with a much shorter one it would be all polling granularity.
const statusDelayMs = 1_000
const samples = 5
const nip = '5265877635'

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const result = await work()
  return [result, performance.now() - start]
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function run(): Promise<BenchmarkRow[]> {
  const sim = await startSimulator({ authStatusDelayMs: statusDelayMs, limits: false })
  const folder = mkdtempSync(join(tmpdir(), 'ksef-desk-bench-'))
  try {
    const { ctx, close } = await openNodeServices({
      dataFolder: folder,
      passphrase: 'bench',
      ksefApiUrl: sim.url,
    })
    const dispatch = createDispatch(handlers, ctx)
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const envelope = await dispatch(channel, input)
      if (!envelope.ok)
        throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`)
      return envelope.value as T
    }
    const company = await call<{ id: string }>('companies:add', {
      name: 'Bench Sp. z o.o.',
      identifier: { type: 'Nip', value: nip },
      environment: 'Test',
    })
    const certificate = await call<{ id: string }>('certificates:createTest', {
      companyId: company.id,
    })
    const { token } = sim.seed.createToken({
      context: { type: 'Nip', value: nip },
      permissions: ['InvoiceRead'],
    })
    const stored = await call<{ id: string }>('tokens:add', { companyId: company.id, token })

    const appLogin = async (channel: 'auth:loginWithCertificate' | 'auth:loginWithToken') => {
      const times: number[] = []
      for (let i = 0; i < samples; i++) {
        const [, ms] = await timed(() => call(channel, { companyId: company.id }))
        times.push(ms)
        await call('auth:logout', { companyId: company.id })
      }
      return median(times)
    }

    // The floor: the same exchanges made bare, each timed, with exactly the status delay between.
    const client = createKsefClient({ baseUrl: sim.url })
    const context = { type: 'Nip' as const, value: nip }
    const keyPem = await ctx.secrets.get(certificateKeySecret(company.id, certificate.id))
    const certificatePem = await ctx.certificateFiles.read(certificate.id)
    const secretToken = await ctx.secrets.get(tokenSecret(company.id, stored.id))
    if (!keyPem || !secretToken) throw new Error('bench setup lost its credentials')
    const privateKey = createPrivateKey(keyPem)
    const publicKeys = await client.security.getPublicKeyCertificates()

    const tokenKey = pickPublicKey(publicKeys, 'KsefTokenEncryption', { now: () => Date.now() })

    /** Challenge → submit → exactly the status delay → one status read → redeem, each exchange timed. */
    const floorOf = async <Body>(
      prepare: (challenge: { challenge: string; timestampMs: number }) => Body,
      submit: (
        body: Body,
      ) => Promise<{ referenceNumber: string; authenticationToken: { token: string } }>,
    ) => {
      const floors: number[] = []
      for (let i = 0; i < samples; i++) {
        const [challenge, challengeMs] = await timed(() => client.auth.getChallenge())
        // Signing or encrypting is the app's own work, not a round trip: it stays out of the floor.
        const body = prepare(challenge)
        const [init, submitMs] = await timed(() => submit(body))
        await sleep(statusDelayMs)
        const [, statusMs] = await timed(() =>
          client.auth.getAuthenticationStatus(init.referenceNumber, init.authenticationToken.token),
        )
        const [tokens, redeemMs] = await timed(() =>
          client.auth.redeemTokens(init.authenticationToken.token),
        )
        floors.push(challengeMs + submitMs + statusDelayMs + statusMs + redeemMs)
        await client.sessions.revokeCurrentSession(tokens.refreshToken.token)
      }
      return median(floors)
    }

    const certificateFloor = await floorOf(
      (challenge) =>
        signAuthTokenRequest(buildAuthTokenRequest({ challenge: challenge.challenge, context }), {
          certificate: Buffer.from(certificatePem),
          privateKey,
        }),
      (signed) => client.auth.submitXadesSignature(signed),
    )
    const tokenFloor = await floorOf(
      (challenge) => ({
        challenge: challenge.challenge,
        contextIdentifier: context,
        encryptedToken: encryptKsefToken({
          token: secretToken,
          timestampMs: challenge.timestampMs,
          publicKey: tokenKey.certificate,
        }),
        publicKeyId: tokenKey.publicKeyId,
      }),
      (request) => client.auth.submitKsefToken(request),
    )

    const certificateLogin = await appLogin('auth:loginWithCertificate')
    const tokenLogin = await appLogin('auth:loginWithToken')
    await close()
    return [
      {
        name: 'login: Zaloguj certyfikatem KSeF, wall time',
        medianMs: certificateLogin,
        baseline: {
          name: `round trips + ${statusDelayMs} ms status delay`,
          medianMs: certificateFloor,
        },
        budget: 1.2,
      },
      {
        name: 'login: Zaloguj tokenem KSeF, wall time',
        medianMs: tokenLogin,
        baseline: { name: `round trips + ${statusDelayMs} ms status delay`, medianMs: tokenFloor },
        budget: 1.2,
      },
    ]
  } finally {
    await sim.close()
    rmSync(folder, { recursive: true, force: true })
  }
}

export const loginSuite: BenchmarkSuite = { name: 'login against the simulator', run }
