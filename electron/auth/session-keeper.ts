import type { LoginMethod } from '../../shared/domain/auth'
import type { Company } from '../../shared/domain/company'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import type { AuthenticationTokens } from '../ksef/auth'
import { isKsefError } from '../ksef/errors'
import type { Logger } from '../log'
import type { AuthRepository } from '../vault/auth-repository'
import type { CompanyRepository } from '../vault/company-repository'
import { refreshTokenSecret, type SecretStore } from '../vault/secret-store'
import type { CompanyActivity } from './company-activity'
import { companyOf } from './company-lookup'
import { codeOf, isClientRefusal } from './failures'
import type { KsefClients } from './ksef-clients'
import { KeyedLock } from './keyed-lock'

export interface SessionKeeperDeps {
  companies: Pick<CompanyRepository, 'find'>
  auth: Pick<AuthRepository, 'session' | 'saveSession' | 'removeSession'>
  secrets: SecretStore
  clients: KsefClients
  clock: Clock
  log: Logger
  background: Pick<CompanyActivity, 'track'>
  /** Told when a session was refreshed or ended, so the page hears of it. */
  changed: (companyId: string) => void
}

/** The login a session was opened by, as the list of operations records it. */
export interface SessionOrigin {
  referenceNumber: string
  method: LoginMethod
  startedAt: string
  credentialId: string | null
}

/** An access token is refreshed when less than this is left of it. */
const refreshMarginMs = 2 * 60_000

/**
 * Each company's session in KSeF: its access token (in this object's memory only), the refresh
 * token (sealed), refreshing before the access token runs out, and Wyloguj. A refresh, an opening
 * and a logout of the same company never interleave, so none writes back a session another ended.
 */
export class SessionKeeper {
  readonly #deps: SessionKeeperDeps
  readonly #access = new Map<string, { token: string; validUntil: number }>()
  readonly #lock = new KeyedLock()
  readonly #refreshing = new Set<string>()

  constructor(deps: SessionKeeperDeps) {
    this.#deps = deps
  }

  /** A usable access token of the company, refreshed first when it runs out. */
  async accessToken(companyId: string): Promise<string> {
    const held = this.#usableAccess(companyId)
    if (held) return held
    const company = companyOf(this.#deps.companies, companyId)
    // Another refresh may have finished while this one waited for the lock.
    return this.#lock.run(companyId, () =>
      Promise.resolve(this.#usableAccess(companyId) ?? this.#refresh(company)),
    )
  }

  /**
   * A session kept from an earlier run has no access token in memory: it is refreshed in the
   * background, and the page hears of it through auth:changed.
   */
  refreshInBackground(companyId: string): void {
    const held = this.#access.get(companyId)
    const stale = !held || held.validUntil - this.#deps.clock.now() <= refreshMarginMs
    if (!this.#deps.auth.session(companyId) || !stale || this.#refreshing.has(companyId)) return
    this.#refreshing.add(companyId)
    this.#deps.background.track(
      companyId,
      this.accessToken(companyId)
        .then(
          () => undefined,
          (error: unknown) =>
            this.#deps.log.info('session not refreshed', { companyId, code: codeOf(error) }),
        )
        .finally(() => this.#refreshing.delete(companyId)),
    )
  }

  /** Keeps sessions alive: refreshes every access token this process holds that is about to run out. */
  async refreshDue(): Promise<void> {
    for (const [companyId, held] of [...this.#access]) {
      if (held.validUntil - this.#deps.clock.now() > refreshMarginMs) continue
      if (!this.#deps.companies.find(companyId)) continue
      try {
        await this.accessToken(companyId)
      } catch (error) {
        this.#deps.log.error('automatic refresh failed', { companyId, code: codeOf(error) })
      }
    }
  }

  /**
   * The tokens just redeemed become the company's session. The session they replace is ended in
   * KSeF too, so an office does not leave live sessions behind.
   */
  open(company: Company, origin: SessionOrigin, tokens: AuthenticationTokens): Promise<void> {
    return this.#lock.run(company.id, async () => {
      const client = this.#deps.clients.forEnvironment(company.environment)
      // The company may have been removed while KSeF decided: its session must not be kept.
      if (!this.#deps.companies.find(company.id)) {
        await client.sessions.revokeCurrentSession(tokens.refreshToken.token).catch(() => undefined)
        throw new AppError('COMPANY_NOT_FOUND', 'This company is no longer on the list.')
      }
      const previous = this.#deps.auth.session(company.id)
      const previousRefresh = previous
        ? await this.#deps.secrets.get(refreshTokenSecret(company.id))
        : undefined
      await this.#deps.secrets.set(refreshTokenSecret(company.id), tokens.refreshToken.token)
      this.#access.set(company.id, {
        token: tokens.accessToken.token,
        validUntil: Date.parse(tokens.accessToken.validUntil),
      })
      this.#deps.auth.saveSession({
        companyId: company.id,
        referenceNumber: origin.referenceNumber,
        method: origin.method,
        startedAt: origin.startedAt,
        credentialId: origin.credentialId,
        accessTokenValidUntil: new Date(Date.parse(tokens.accessToken.validUntil)).toISOString(),
        refreshTokenValidUntil: new Date(Date.parse(tokens.refreshToken.validUntil)).toISOString(),
      })
      if (previousRefresh && previous?.referenceNumber !== origin.referenceNumber) {
        await client.sessions.revokeCurrentSession(previousRefresh).catch((error: unknown) =>
          this.#deps.log.info('previous session not revoked', {
            companyId: company.id,
            code: codeOf(error),
          }),
        )
      }
    })
  }

  /** Wyloguj: KSeF revokes the session's refresh token; access tokens already issued run out on their own. */
  async logout(companyId: string): Promise<void> {
    const company = companyOf(this.#deps.companies, companyId)
    await this.#lock.run(companyId, async () => {
      if (!this.#deps.auth.session(companyId)) {
        throw new AppError('AUTH_NOT_LOGGED_IN', 'This company is not logged in.')
      }
      const refreshToken = await this.#deps.secrets.get(refreshTokenSecret(companyId))
      if (refreshToken) {
        try {
          await this.#deps.clients
            .forEnvironment(company.environment)
            .sessions.revokeCurrentSession(refreshToken)
        } catch (error) {
          // A session KSeF no longer knows (revoked, expired) is as good as logged out.
          if (!isKsefError(error) || !isClientRefusal(error)) throw error
          this.#deps.log.info('logout: session already gone in KSeF', {
            companyId,
            code: error.code,
          })
        }
      }
      await this.#forget(companyId)
    })
    this.#deps.log.info('logged out', { companyId })
    this.#deps.changed(companyId)
  }

  /** Drops the access token held in memory (the company is removed, or moved to another context). */
  forget(companyId: string): void {
    this.#access.delete(companyId)
  }

  #usableAccess(companyId: string): string | undefined {
    const held = this.#access.get(companyId)
    return held && held.validUntil - this.#deps.clock.now() > refreshMarginMs
      ? held.token
      : undefined
  }

  async #refresh(company: Company): Promise<string> {
    const session = this.#deps.auth.session(company.id)
    if (!session) throw new AppError('AUTH_NOT_LOGGED_IN', 'This company is not logged in.')
    const refreshToken = await this.#deps.secrets.get(refreshTokenSecret(company.id))
    if (!refreshToken || Date.parse(session.refreshTokenValidUntil) <= this.#deps.clock.now()) {
      await this.#forget(company.id)
      this.#deps.changed(company.id)
      throw new AppError(
        'AUTH_SESSION_EXPIRED',
        'The session of this company has ended: log in again.',
      )
    }
    let refreshed
    try {
      refreshed = await this.#deps.clients
        .forEnvironment(company.environment)
        .auth.refreshAccessToken(refreshToken)
    } catch (error) {
      // KSeF answers 400 for a revoked or ended refresh token: the session is over.
      if (isKsefError(error) && isClientRefusal(error)) {
        await this.#forget(company.id)
        this.#deps.changed(company.id)
        throw new AppError(
          'AUTH_SESSION_EXPIRED',
          'KSeF ended the session of this company: log in again.',
          { ksefCode: error.ksef?.code ?? null },
        )
      }
      throw error
    }
    const validUntil = Date.parse(refreshed.accessToken.validUntil)
    this.#access.set(company.id, { token: refreshed.accessToken.token, validUntil })
    this.#deps.auth.saveSession({
      ...session,
      accessTokenValidUntil: new Date(validUntil).toISOString(),
    })
    this.#deps.changed(company.id)
    return refreshed.accessToken.token
  }

  async #forget(companyId: string): Promise<void> {
    this.#access.delete(companyId)
    await this.#deps.secrets.delete(refreshTokenSecret(companyId))
    this.#deps.auth.removeSession(companyId)
  }
}
