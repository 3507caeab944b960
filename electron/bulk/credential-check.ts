import type { BulkOutcome } from '../../shared/domain/bulk'
import type { Company } from '../../shared/domain/company'
import type { Environment } from '../../shared/domain/environment'
import { AppError } from '../../shared/ipc/errors'
import { codeOf } from '../auth/failures'
import type { KsefClients } from '../auth/ksef-clients'
import type { PublicKeyCache } from '../auth/public-key-cache'
import type { WaysIn } from '../auth/ways-in'
import type { Clock } from '../clock'
import { isKsefError } from '../ksef/errors'
import type { Logger } from '../log'
import type { CredentialRepository } from '../vault/credential-repository'
import { loginWayOf, type LoginWayDeps } from './login-way'

export interface CredentialCheckDeps {
  waysIn: Pick<WaysIn, 'certificate' | 'token'>
  /** The MF keys the token logins encrypt with: the cache waysIn reads. */
  publicKeys: PublicKeyCache
  loginWay: LoginWayDeps
  credentials: Pick<CredentialRepository, 'recordTokenCheck'>
  clients: KsefClients
  clock: Clock
  sleep: (ms: number) => Promise<void>
  log: Logger
}

const firstPollBoundsMs = { min: 100, max: 10_000, start: 500 } as const

/**
 * When to ask KSeF for the decision on a login, in bulk. A status read that comes too early is a
 * turn of KSeF's shared window spent on nothing, and hundreds of logins share it: the first read
 * waits as long as KSeF took for the logins before (a little less each time it had decided
 * already, so the wait follows KSeF down as well as up), then reads back off.
 */
export class DecisionWait {
  #ms: number = firstPollBoundsMs.start

  get firstPollMs(): number {
    return this.#ms
  }

  /** KSeF decided on a login after `reads` status reads, `elapsedMs` after it was started. */
  decided(reads: number, elapsedMs: number): void {
    const next = reads <= 1 ? this.#ms * 0.9 : elapsedMs
    this.#ms = Math.min(firstPollBoundsMs.max, Math.max(firstPollBoundsMs.min, next))
  }
}

/** After the first read, reads back off in proportion to the time waited. */
const laterReadMs = (elapsedMs: number) => Math.min(3_000, Math.max(100, elapsedMs / 4))

/**
 * Sprawdź poświadczenia for one company: a real login with what logs it in and a logout of the
 * session it opened — KSeF's Active status is no proof. The login is the check's own: the
 * company's session (its refresh token, kept here) is neither used nor ended, its list of
 * operations is not written, so a company logged in stays logged in. A token's verdict is kept on
 * the token, as Sprawdź token keeps it (the Pulpit's "failing" reads it).
 */
export class CredentialCheck {
  readonly #deps: CredentialCheckDeps
  readonly #decision = new DecisionWait()
  /** The MF keys being fetched, per environment: many companies starting at once fetch them once. */
  readonly #keys = new Map<Environment, Promise<void>>()

  constructor(deps: CredentialCheckDeps) {
    this.#deps = deps
  }

  async check(company: Company): Promise<BulkOutcome> {
    const way = loginWayOf(company, this.#deps.loginWay)
    if (way.method === 'token') await this.#publicKeys(company.environment)
    const start =
      way.method === 'token'
        ? await this.#deps.waysIn.token(company, undefined, () => undefined)
        : await this.#deps.waysIn.certificate(company, () => undefined)
    const checkedAt = new Date(this.#deps.clock.now()).toISOString()
    try {
      await this.#login(company, start.init)
    } catch (error) {
      if (way.method === 'token' && isVerdict(error)) {
        this.#deps.credentials.recordTokenCheck(company.id, start.credentialId, {
          checkedAt,
          ok: false,
          errorCode: error.code,
          ksefStatusCode:
            isKsefError(error) && error.ksef?.kind === 'authStatus'
              ? Number(error.ksef.code)
              : null,
        })
      }
      throw error
    }
    if (way.method === 'token') {
      this.#deps.credentials.recordTokenCheck(company.id, start.credentialId, {
        checkedAt,
        ok: true,
        errorCode: null,
        ksefStatusCode: null,
      })
    }
    return { kind: 'checked', credential: way.credential }
  }

  #publicKeys(environment: Environment): Promise<void> {
    const { publicKeys, clients } = this.#deps
    if (publicKeys.get(environment)) return Promise.resolve()
    let fetching = this.#keys.get(environment)
    if (!fetching) {
      fetching = clients
        .forEnvironment(environment)
        .security.getPublicKeyCertificates()
        .then((keys) => publicKeys.set(environment, keys))
        .finally(() => this.#keys.delete(environment))
      this.#keys.set(environment, fetching)
    }
    return fetching
  }

  async #login(
    company: Company,
    init: Awaited<ReturnType<WaysIn['token']>>['init'],
  ): Promise<void> {
    const { clock, sleep } = this.#deps
    const client = this.#deps.clients.forEnvironment(company.environment)
    const started = clock.now()
    await sleep(this.#decision.firstPollMs)
    let reads = 0
    await client.auth.waitForAuthentication(init, {
      clock,
      delay: sleep,
      nextDelayMs: laterReadMs,
      onStatus: () => reads++,
    })
    this.#decision.decided(reads, clock.now() - started)
    const tokens = await client.auth.redeemTokens(init.authenticationToken.token)
    // The credential has proved itself; a session a failed logout leaves in KSeF cannot be
    // used: its refresh token is forgotten here.
    await client.sessions.revokeCurrentSession(tokens.refreshToken.token).catch((error: unknown) =>
      this.#deps.log.info('check session not revoked', {
        companyId: company.id,
        code: codeOf(error),
      }),
    )
  }
}

/** KSeF's verdict on the token (a status such as 450 or 415, a refusal): not KSeF being away. */
function isVerdict(error: unknown): error is AppError {
  return (
    error instanceof AppError &&
    (error.code === 'KSEF_AUTH_FAILED' ||
      error.code === 'KSEF_ERROR' ||
      error.code === 'KSEF_UNAUTHORIZED' ||
      error.code === 'KSEF_FORBIDDEN')
  )
}
