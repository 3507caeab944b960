import { BearerTokenIssuer } from './bearer-tokens'
import { CertificateAuthority } from './certificate-authority'
import { Contract } from './contract'
import type { Clock, SimulatorConfig, SimulatorCore } from './core'
import { Faults } from './faults'
import { DAY, MINUTE } from './ksef-time'
import { PublicKeyCertificates } from './public-key-certificates'
import { RateLimiter } from './rate-limits'
import { authRoutes } from './routes/auth'
import { authSessionRoutes } from './routes/auth-sessions'
import { certificateRoutes } from './routes/certificates'
import { securityRoutes } from './routes/security'
import { testDataRoutes } from './routes/testdata'
import { tokenRoutes } from './routes/tokens'
import type { SimulatorSeed } from './seed'
import { createSeed } from './seed'
import type { LoggedRequest } from './server'
import { SimulatorServer } from './server'
import { SimulatorState } from './state'
import type { SimulatorMode } from './state'

export type { Clock } from './core'
export type { RequestMatcher } from './faults'
export type { Faults } from './faults'
export type { ContextIdentifier, SubjectIdentifier } from './identifiers'
export type { IssuedCertificateFiles, OpenedSession, SeededPublicKey, SimulatorSeed } from './seed'
export type { LoggedRequest } from './server'
export type {
  CertificateType,
  EnrollmentData,
  KsefTokenStatus,
  RevocationReason,
  SimulatorMode,
  SubjectLimits,
  TokenPermission,
} from './state'

export interface SimulatorOptions {
  /** 0 (default) picks a free port; the host is always 127.0.0.1. */
  port?: number
  /** Which environment to behave like; default 'test'. */
  mode?: SimulatorMode
  /** Default Date.now; a fake clock lets tests expire challenges, tokens and certificates. */
  clock?: Clock
  /** Rate limits off, or the contract's x-rate-limits multiplied by `scale` (default 1). */
  limits?: false | { scale?: number }
  /** How long GET /auth/{ref} answers 100 before the final status; default 300 ms. */
  authStatusDelayMs?: number
  /** How long an enrollment stays at 100 before the certificate is issued; default 300 ms. */
  enrollmentDelayMs?: number
  /** How long a new KSeF token stays Pending; default 300 ms. */
  tokenActivationDelayMs?: number
  /** How long a revoked token stays Revoking (certificate: Blocked); default 300 ms. */
  revocationDelayMs?: number
  /** Default 10 minutes, as on KSeF. */
  challengeLifetimeMs?: number
  /** Lifetime of the authenticationToken; default 45 minutes (observed on TEST). */
  authenticationTokenLifetimeMs?: number
  /** Default 15 minutes. */
  accessTokenLifetimeMs?: number
  /** Default 7 days; refreshing does not extend it. */
  refreshTokenLifetimeMs?: number
  /** Validate every response against the contract (500 + contractViolations when not); default true. */
  checkContract?: boolean
}

export interface RunningSimulator {
  /** e.g. 'http://127.0.0.1:41234/v2' */
  url: string
  port: number
  mode: SimulatorMode
  close(): Promise<void>
  /** Every request served, in order (a live array). */
  requests: readonly LoggedRequest[]
  clearRequests(): void
  seed: SimulatorSeed
  faults: Faults
  /** Each response that broke the contract (also answered 500) and each call the contract lacks. */
  contractViolations: readonly string[]
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const clock = options.clock ?? { now: () => Date.now() }
  const mode = options.mode ?? 'test'
  const config: SimulatorConfig = {
    mode,
    authStatusDelayMs: options.authStatusDelayMs ?? 300,
    enrollmentDelayMs: options.enrollmentDelayMs ?? 300,
    tokenActivationDelayMs: options.tokenActivationDelayMs ?? 300,
    revocationDelayMs: options.revocationDelayMs ?? 300,
    challengeLifetimeMs: options.challengeLifetimeMs ?? 10 * MINUTE,
    authenticationTokenLifetimeMs: options.authenticationTokenLifetimeMs ?? 45 * MINUTE,
    accessTokenLifetimeMs: options.accessTokenLifetimeMs ?? 15 * MINUTE,
    refreshTokenLifetimeMs: options.refreshTokenLifetimeMs ?? 7 * DAY,
  }
  const authority = await CertificateAuthority.create(mode, clock.now())
  const publicKeys = new PublicKeyCertificates(authority)
  await publicKeys.generate('KsefTokenEncryption', clock.now())
  await publicKeys.generate('SymmetricKeyEncryption', clock.now())
  const core: SimulatorCore = {
    config,
    state: new SimulatorState(),
    clock,
    authority,
    publicKeys,
    bearerTokens: new BearerTokenIssuer(mode),
  }
  const faults = new Faults((ms) => {
    config.authStatusDelayMs = ms
    config.enrollmentDelayMs = ms
  })
  const requests: LoggedRequest[] = []
  const contractViolations: string[] = []
  const server = new SimulatorServer({
    core,
    contract: Contract.load(),
    routes: {
      ...securityRoutes(core),
      ...authRoutes(core),
      ...authSessionRoutes(core),
      ...certificateRoutes(core),
      ...tokenRoutes(core),
      ...testDataRoutes(core),
    },
    faults,
    limiter: options.limits === false ? undefined : new RateLimiter(options.limits?.scale ?? 1),
    checkContract: options.checkContract ?? true,
    log: requests,
    violations: contractViolations,
  })
  const port = await server.listen(options.port ?? 0)
  return {
    url: `http://127.0.0.1:${port}/v2`,
    port,
    mode,
    close: () => server.close(),
    requests,
    clearRequests: () => {
      requests.length = 0
    },
    seed: createSeed(core),
    faults,
    contractViolations,
  }
}
