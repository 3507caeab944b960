import { createPrivateKey } from 'node:crypto'
import type {
  ActiveSession,
  AuthOperation,
  AuthProgress,
  AuthState,
  LoginMethod,
} from '../../shared/domain/auth'
import type { Company } from '../../shared/domain/company'
import type { FilePayload } from '../../shared/domain/credentials'
import type { Environment } from '../../shared/domain/environment'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import {
  buildAuthTokenRequest,
  readAuthTokenRequest,
  type ContextIdentifier,
} from '../crypto/auth-token-request'
import { certificateValidity, readCertificate } from '../crypto/certificates'
import type { EventSink } from '../events'
import {
  authenticationFailure,
  type AuthenticationInit,
  type AuthenticationStatus,
  type AuthenticationTokens,
} from '../ksef/auth'
import type { KsefClient } from '../ksef/client'
import { isKsefError, type KsefError } from '../ksef/errors'
import { retryWaits } from '../ksef/http'
import type { PublicKeyCertificate } from '../ksef/security'
import type { Logger } from '../log'
import type { AuthRepository, StoredOperation } from '../vault/auth-repository'
import type { CertificateFiles } from '../vault/certificate-files'
import type { CompanyRepository } from '../vault/company-repository'
import type { CredentialRepository } from '../vault/credential-repository'
import {
  certificateKeySecret,
  operationTokenSecret,
  refreshTokenSecret,
  tokenSecret,
  type SecretStore,
} from '../vault/secret-store'
import type { KsefClients } from './ksef-clients'
import { KeyedLock } from './keyed-lock'
import { nextPollDelayMs } from './polling'
import { challengeLifetimeMs, checkSignedRequest } from './signed-request'

export interface LoginServiceDeps {
  companies: CompanyRepository
  credentials: CredentialRepository
  certificateFiles: CertificateFiles
  secrets: SecretStore
  auth: AuthRepository
  clients: KsefClients
  clock: Clock
  events: EventSink
  log: Logger
  sleep: (ms: number) => Promise<void>
  /** Give up waiting for KSeF's decision after this long (qualified certificates wait for OCSP). */
  pollTimeoutMs?: number
}

/** An access token is refreshed when less than this is left of it. */
const refreshMarginMs = 2 * 60_000

const inProgress: AuthOperation['status'] = {
  code: 100,
  description: 'Uwierzytelnianie w toku',
  details: [],
}

/**
 * Logging companies in to KSeF and keeping them logged in: the three ways of Ogólne, the list of
 * authentication operations, the session and its refresh. Authentication and refresh tokens are
 * sealed in the SecretStore, access tokens stay in this object's memory; none ever leaves main.
 */
export class LoginService {
  readonly #deps: LoginServiceDeps
  readonly #access = new Map<string, { token: string; validUntil: number }>()
  readonly #busy = new Set<string>()
  /** Operations being checked or redeemed right now: KSeF redeems an operation once only. */
  readonly #claimed = new Set<string>()
  readonly #sessionLock = new KeyedLock()
  readonly #background = new Set<Promise<void>>()
  readonly #backgroundOf = new Map<string, number>()
  readonly #refreshing = new Set<string>()
  readonly #publicKeys = new Map<Environment, PublicKeyCertificate[]>()

  constructor(deps: LoginServiceDeps) {
    this.#deps = deps
  }

  state(companyId: string): AuthState {
    const { auth } = this.#deps
    const session = auth.session(companyId)
    return {
      companyId,
      session: session
        ? {
            referenceNumber: session.referenceNumber,
            method: session.method,
            startedAt: session.startedAt,
            accessTokenValidUntil: session.accessTokenValidUntil,
            refreshTokenValidUntil: session.refreshTokenValidUntil,
          }
        : null,
      operations: auth.operations(companyId).map(({ companyId: _, ...operation }) => operation),
      challenge: this.#liveChallenge(companyId),
      autoMode: auth.autoMode(companyId),
    }
  }

  /**
   * The state as Ogólne shows it. A session kept from an earlier run has no access token in
   * memory: it is refreshed in the background, and the page hears of it through auth:changed.
   */
  currentState(companyId: string): AuthState {
    const company = this.#company(companyId)
    const session = this.#deps.auth.session(companyId)
    const held = this.#access.get(companyId)
    const stale = !held || held.validUntil - this.#deps.clock.now() <= refreshMarginMs
    if (session && stale && !this.#refreshing.has(companyId)) {
      this.#refreshing.add(companyId)
      this.#track(
        company.id,
        this.accessToken(company.id)
          .then(
            () => undefined,
            (error: unknown) =>
              this.#deps.log.info('session not refreshed', { companyId, code: codeOf(error) }),
          )
          .finally(() => this.#refreshing.delete(companyId)),
      )
    }
    return this.state(companyId)
  }

  /** Zaloguj certyfikatem KSeF: the default Authentication certificate signs the request here. */
  loginWithCertificate(companyId: string): Promise<AuthState> {
    return this.#exclusive(companyId, 'certificate', async (company, progress) => {
      const { certificate, privateKey } = await this.#defaultCertificate(company)
      const init = await this.#client(company).auth.initiateCertificateAuthentication(
        {
          context: contextOf(company),
          certificate: certificate.der,
          privateKey,
          // A certificate naming no NIP or PESEL is known to KSeF by its fingerprint.
          subjectIdentifierType: certificate.identifier
            ? 'certificateSubject'
            : 'certificateFingerprint',
        },
        { clock: this.#deps.clock, onStep: (step) => progress({ step }) },
      )
      const operation = await this.#record(company, 'certificate', init)
      await this.#complete(company, operation, progress)
    })
  }

  /** Zaloguj tokenem KSeF: the default token, encrypted with MF's public key. */
  loginWithToken(companyId: string): Promise<AuthState> {
    return this.#exclusive(companyId, 'token', async (company, progress) => {
      const stored = this.#deps.credentials.defaultToken(company.id)
      if (!stored) {
        throw new AppError(
          'TOKEN_NO_DEFAULT',
          'No KSeF token is stored for this company: paste one on the Tokeny tab.',
        )
      }
      this.#sameEnvironment(company, stored.environment)
      const token = await this.#deps.secrets.get(tokenSecret(company.id, stored.id))
      if (!token)
        throw new AppError('TOKEN_NOT_FOUND', 'The stored token is missing: paste it again.')
      const init = await this.#client(company).auth.initiateTokenAuthentication(
        {
          context: contextOf(company),
          token,
          publicKeys: this.#publicKeys.get(company.environment),
        },
        {
          clock: this.#deps.clock,
          onStep: (step) => progress({ step }),
          onPublicKeys: (keys) => this.#publicKeys.set(company.environment, keys),
        },
      )
      const operation = await this.#record(company, 'token', init)
      await this.#complete(company, operation, progress)
    })
  }

  /** Pobierz żądanie autoryzacyjne: a fresh challenge in an unsigned AuthTokenRequest to sign elsewhere. */
  async downloadRequest(
    companyId: string,
  ): Promise<{ state: AuthState; fileName: string; xml: string }> {
    const company = this.#company(companyId)
    const challenge = await this.#client(company).auth.getChallenge()
    // Counted on this computer's clock from when the challenge arrived: a skewed PC clock must
    // not shorten or stretch the 10 minutes shown and checked here.
    const issuedAt = this.#deps.clock.now()
    this.#deps.auth.saveChallenge({
      companyId,
      challenge: challenge.challenge,
      issuedAt: new Date(issuedAt).toISOString(),
      expiresAt: new Date(issuedAt + challengeLifetimeMs).toISOString(),
    })
    const xml = buildAuthTokenRequest({
      challenge: challenge.challenge,
      context: contextOf(company),
      subjectIdentifierType: 'certificateSubject',
    })
    this.#deps.log.info('authorization request issued', { companyId })
    return {
      state: this.#changed(companyId),
      fileName: `AuthTokenRequest-${company.identifier.value}-${challenge.challenge}.xml`,
      xml,
    }
  }

  /** Zaloguj podpisanym żądaniem autoryzacyjnym: checks the signed file here, then sends it as it is. */
  async submitSignedRequest(companyId: string, file: FilePayload): Promise<AuthState> {
    const company = this.#company(companyId)
    const bytes = Buffer.from(file.base64, 'base64')
    const xml = bytes.toString('utf8')
    const request = readAuthTokenRequest(xml)
    checkSignedRequest(
      request,
      company,
      this.#deps.auth.findChallenge(request.challenge),
      this.#deps.clock,
    )
    const init = await this.#client(company).auth.submitXadesSignature(bytes)
    // A challenge is single-use: the countdown ends here.
    this.#deps.auth.removeChallenge(companyId)
    const operation = await this.#record(company, 'signedRequest', init)
    if (this.#deps.auth.autoMode(companyId)) this.#inBackground(company, operation)
    return this.#changed(companyId)
  }

  /** Sprawdź status of one operation of the list. */
  async checkStatus(companyId: string, referenceNumber: string): Promise<AuthState> {
    const company = this.#company(companyId)
    await this.#claim(referenceNumber, async () => {
      const operation = this.#operation(companyId, referenceNumber)
      await this.#readStatus(company, operation, await this.#operationToken(operation))
    })
    return this.#changed(companyId)
  }

  /** Pobierz token dostępowy of one operation: the session it opens becomes the company's. */
  async redeem(companyId: string, referenceNumber: string): Promise<AuthState> {
    const company = this.#company(companyId)
    await this.#claim(referenceNumber, async () => {
      let operation = this.#operation(companyId, referenceNumber)
      const token = await this.#operationToken(operation)
      // KSeF redeems only after status 200; read it again rather than trust an old 100.
      if (operation.status.code !== 200) {
        operation = await this.#readStatus(company, operation, token)
      }
      if (operation.status.code === 100) {
        throw new AppError(
          'AUTH_OPERATION_NOT_READY',
          'KSeF is still checking this login: check its status in a moment.',
        )
      }
      if (operation.status.code !== 200) {
        throw authenticationFailure(operation.referenceNumber, operation.status)
      }
      await this.#redeem(company, operation, token)
    })
    return this.#changed(companyId)
  }

  /**
   * Waits for KSeF's decision on an operation of the list and redeems it, as automatic mode
   * does, but for the caller to await (the CLI after a signed request).
   */
  completeOperation(companyId: string, referenceNumber: string): Promise<AuthState> {
    const operation = this.#operation(companyId, referenceNumber)
    return this.#exclusive(companyId, operation.method, (company, progress) =>
      this.#complete(company, this.#operation(companyId, referenceNumber), progress),
    )
  }

  /** Automatic mode: signed-request operations are polled and redeemed without a click. */
  setAutoMode(companyId: string, enabled: boolean): AuthState {
    const company = this.#company(companyId)
    this.#deps.auth.setAutoMode(companyId, enabled)
    if (enabled) {
      const pending = this.#deps.auth
        .operations(companyId)
        .find(
          (o) => !o.redeemed && (o.status.code === 100 || o.status.code === 200) && this.#usable(o),
        )
      if (pending) this.#inBackground(company, pending)
    }
    return this.#changed(companyId)
  }

  /** Wyloguj: KSeF revokes the session's refresh token; already issued access tokens run out on their own. */
  async logout(companyId: string): Promise<AuthState> {
    const company = this.#company(companyId)
    await this.#sessionLock.run(companyId, async () => {
      if (!this.#deps.auth.session(companyId)) {
        throw new AppError('AUTH_NOT_LOGGED_IN', 'This company is not logged in.')
      }
      const refreshToken = await this.#deps.secrets.get(refreshTokenSecret(companyId))
      if (refreshToken) {
        try {
          await this.#client(company).sessions.revokeCurrentSession(refreshToken)
        } catch (error) {
          // A session KSeF no longer knows (revoked, expired) is as good as logged out.
          if (!isKsefError(error) || !isClientRefusal(error)) throw error
          this.#deps.log.info('logout: session already gone in KSeF', {
            companyId,
            code: error.code,
          })
        }
      }
      await this.#forgetSession(companyId)
    })
    this.#deps.log.info('logged out', { companyId })
    return this.#changed(companyId)
  }

  /** The context's authentication sessions, as KSeF lists them. */
  async sessions(companyId: string): Promise<ActiveSession[]> {
    const company = this.#company(companyId)
    const accessToken = await this.accessToken(companyId)
    const client = this.#client(company)
    const sessions: ActiveSession[] = []
    let continuationToken: string | undefined
    for (let page = 0; page < 10; page++) {
      const list = await client.sessions.listAuthenticationSessions(accessToken, {
        pageSize: 100,
        ...(continuationToken ? { continuationToken } : {}),
      })
      for (const item of list.items) {
        sessions.push({
          referenceNumber: item.referenceNumber,
          isCurrent: item.isCurrent ?? false,
          startDate: item.startDate,
          method: item.authenticationMethodInfo?.displayName ?? item.authenticationMethod ?? '',
          status: {
            code: item.status.code,
            description: item.status.description,
            details: item.status.details ?? [],
          },
          refreshTokenValidUntil: item.refreshTokenValidUntil ?? null,
        })
      }
      continuationToken = list.continuationToken ?? undefined
      if (!continuationToken) break
    }
    return sessions
  }

  async revokeSession(companyId: string, referenceNumber: string): Promise<ActiveSession[]> {
    const company = this.#company(companyId)
    if (this.#deps.auth.session(companyId)?.referenceNumber === referenceNumber) {
      await this.logout(companyId)
      return []
    }
    const accessToken = await this.accessToken(companyId)
    await this.#client(company).sessions.revokeAuthenticationSession(accessToken, referenceNumber)
    this.#deps.log.info('session revoked', { companyId, referenceNumber })
    return this.sessions(companyId)
  }

  /** A usable access token of the company, refreshed first when it runs out. */
  async accessToken(companyId: string): Promise<string> {
    const held = this.#usableAccess(companyId)
    if (held) return held
    const company = this.#company(companyId)
    // Another refresh may have finished while this one waited for the lock.
    return this.#sessionLock.run(companyId, () =>
      Promise.resolve(this.#usableAccess(companyId) ?? this.#refresh(company)),
    )
  }

  #usableAccess(companyId: string): string | undefined {
    const held = this.#access.get(companyId)
    return held && held.validUntil - this.#deps.clock.now() > refreshMarginMs
      ? held.token
      : undefined
  }

  /** Keeps sessions alive: refreshes every access token this process holds that is about to run out. */
  async refreshDue(): Promise<void> {
    for (const [companyId, held] of [...this.#access]) {
      if (held.validUntil - this.#deps.clock.now() > refreshMarginMs) continue
      const company = this.#deps.companies.find(companyId)
      if (!company) continue
      try {
        await this.accessToken(company.id)
      } catch (error) {
        this.#deps.log.error('automatic refresh failed', { companyId, code: codeOf(error) })
      }
    }
  }

  /** Finishes the work started in the background (automatic mode); tests and the CLI wait on it. */
  async idle(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background])
  }

  /** Something of this company is under way: a login, a check, a redeem, automatic mode. */
  isBusy(companyId: string): boolean {
    return (
      this.#busy.has(companyId) ||
      (this.#backgroundOf.get(companyId) ?? 0) > 0 ||
      this.#deps.auth.operations(companyId).some((o) => this.#claimed.has(o.referenceNumber))
    )
  }

  /** Drops what is kept of a company's logins (it is removed, or moved to another context). */
  forget(companyId: string): void {
    if (this.isBusy(companyId)) {
      throw new AppError(
        'AUTH_IN_PROGRESS',
        'A login of this company is under way: wait until it ends.',
      )
    }
    this.#access.delete(companyId)
    this.#deps.auth.removeCompany(companyId)
  }

  async #exclusive(
    companyId: string,
    method: LoginMethod,
    work: (
      company: Company,
      progress: (update: Omit<AuthProgress, 'companyId' | 'method'>) => void,
    ) => Promise<void>,
  ): Promise<AuthState> {
    const company = this.#company(companyId)
    if (this.#busy.has(companyId)) {
      throw new AppError('AUTH_IN_PROGRESS', 'A login of this company is already under way.')
    }
    this.#busy.add(companyId)
    const progress = (update: Omit<AuthProgress, 'companyId' | 'method'>) =>
      this.#deps.events.emit('auth:progress', { companyId, method, ...update })
    try {
      await retryWaits.run(
        (wait) => progress({ step: 'rateLimited', waitSeconds: Math.ceil(wait.ms / 1000) }),
        () => work(company, progress),
      )
      this.#deps.log.info('logged in', { companyId, method })
      return this.#changed(companyId)
    } catch (error) {
      progress({
        step: 'failed',
        ...(ksefStatusOf(error) ? { statusCode: ksefStatusOf(error) } : {}),
      })
      this.#deps.log.error('login failed', { companyId, method, code: codeOf(error) })
      this.#changed(companyId)
      throw error
    } finally {
      this.#busy.delete(companyId)
    }
  }

  async #defaultCertificate(company: Company) {
    const { credentials } = this.#deps
    const summary = credentials.defaultCertificate(company.id, 'Authentication')
    if (!summary) {
      if (credentials.defaultCertificate(company.id, 'Offline')) {
        throw new AppError(
          'CERT_OFFLINE_CANNOT_LOGIN',
          'The stored certificate is of type Offline: it signs KOD II links only and cannot log in. Load an Authentication certificate.',
        )
      }
      throw new AppError(
        'CERT_NO_DEFAULT',
        'No Authentication certificate is stored for this company: load one on the Certyfikaty tab.',
      )
    }
    this.#sameEnvironment(company, summary.environment)
    const certificate = readCertificate(await this.#deps.certificateFiles.read(summary.id))
    const validity = certificateValidity(certificate, this.#deps.clock)
    if (validity === 'not-yet-valid') {
      throw new AppError(
        'CERT_NOT_YET_VALID',
        `The certificate is valid only from ${certificate.validFrom}.`,
        { validFrom: certificate.validFrom },
      )
    }
    if (validity === 'expired') {
      throw new AppError('CERT_EXPIRED', `The certificate expired on ${certificate.validTo}.`, {
        validTo: certificate.validTo,
      })
    }
    const pem = await this.#deps.secrets.get(certificateKeySecret(company.id, summary.id))
    if (!pem)
      throw new AppError(
        'CERT_NOT_FOUND',
        'The private key of this certificate is missing: load it again.',
      )
    return { certificate, privateKey: createPrivateKey(pem) }
  }

  #sameEnvironment(company: Company, environment: Environment): void {
    if (environment !== company.environment) {
      throw new AppError(
        'CREDENTIAL_WRONG_ENVIRONMENT',
        `This credential was stored for ${environment}; the company logs in to ${company.environment}.`,
        { credentialEnvironment: environment, companyEnvironment: company.environment },
      )
    }
  }

  async #record(
    company: Company,
    method: LoginMethod,
    init: AuthenticationInit,
  ): Promise<StoredOperation> {
    const operation: StoredOperation = {
      companyId: company.id,
      referenceNumber: init.referenceNumber,
      method,
      startedAt: new Date(this.#deps.clock.now()).toISOString(),
      status: inProgress,
      redeemed: false,
      usableUntil: new Date(Date.parse(init.authenticationToken.validUntil)).toISOString(),
    }
    await this.#deps.secrets.set(
      operationTokenSecret(company.id, init.referenceNumber),
      init.authenticationToken.token,
    )
    await this.#save(operation)
    return operation
  }

  async #save(operation: StoredOperation): Promise<void> {
    for (const dropped of this.#deps.auth.saveOperation(operation)) {
      await this.#deps.secrets.delete(
        operationTokenSecret(dropped.companyId, dropped.referenceNumber),
      )
    }
  }

  /** Polls until KSeF decides, then redeems: the end of every interactive login. */
  async #complete(
    company: Company,
    start: StoredOperation,
    progress: (update: Omit<AuthProgress, 'companyId' | 'method'>) => void,
  ): Promise<void> {
    await this.#claim(start.referenceNumber, () => this.#completeClaimed(company, start, progress))
  }

  async #completeClaimed(
    company: Company,
    start: StoredOperation,
    progress: (update: Omit<AuthProgress, 'companyId' | 'method'>) => void,
  ): Promise<void> {
    const token = await this.#operationToken(start)
    let operation = start
    progress({ step: 'waiting', referenceNumber: operation.referenceNumber, statusCode: 100 })
    try {
      await this.#client(company).auth.waitForAuthentication(
        {
          referenceNumber: start.referenceNumber,
          authenticationToken: { token, validUntil: start.usableUntil },
        },
        {
          clock: this.#deps.clock,
          delay: this.#deps.sleep,
          nextDelayMs: nextPollDelayMs,
          ...(this.#deps.pollTimeoutMs ? { timeoutMs: this.#deps.pollTimeoutMs } : {}),
          onStatus: (status) => {
            operation = this.#recordStatus(operation, status)
            progress({
              step: 'waiting',
              referenceNumber: operation.referenceNumber,
              statusCode: status.status.code,
            })
          },
        },
      )
    } catch (error) {
      if (isKsefError(error) && error.code === 'KSEF_AUTH_FAILED')
        await this.#dropOperationToken(operation)
      throw error
    }
    progress({ step: 'redeeming', referenceNumber: operation.referenceNumber, statusCode: 200 })
    await this.#redeem(company, operation, token)
    progress({ step: 'done', referenceNumber: operation.referenceNumber, statusCode: 200 })
  }

  async #readStatus(
    company: Company,
    operation: StoredOperation,
    token: string,
  ): Promise<StoredOperation> {
    const status = await this.#client(company).auth.getAuthenticationStatus(
      operation.referenceNumber,
      token,
    )
    const updated = this.#recordStatus(operation, status)
    if (updated.status.code !== 100 && updated.status.code !== 200)
      await this.#dropOperationToken(updated)
    return updated
  }

  #recordStatus(operation: StoredOperation, status: AuthenticationStatus): StoredOperation {
    const updated: StoredOperation = {
      ...operation,
      status: {
        code: status.status.code,
        description: status.status.description,
        details: status.status.details ?? [],
      },
      redeemed: operation.redeemed || status.isTokenRedeemed === true,
    }
    // Replacing an operation already on the list never pushes another off it.
    this.#deps.auth.saveOperation(updated)
    return updated
  }

  /** A failed operation can never be redeemed: its token is of no further use. */
  async #dropOperationToken(operation: StoredOperation): Promise<void> {
    await this.#deps.secrets.delete(
      operationTokenSecret(operation.companyId, operation.referenceNumber),
    )
  }

  async #redeem(company: Company, operation: StoredOperation, token: string): Promise<void> {
    const tokens = await this.#client(company).auth.redeemTokens(token)
    await this.#sessionLock.run(company.id, () => this.#openSession(company, operation, tokens))
  }

  async #openSession(
    company: Company,
    operation: StoredOperation,
    tokens: AuthenticationTokens,
  ): Promise<void> {
    // The company may have been removed while KSeF decided: its session must not be kept.
    if (!this.#deps.companies.find(company.id)) {
      await this.#client(company)
        .sessions.revokeCurrentSession(tokens.refreshToken.token)
        .catch(() => undefined)
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
      referenceNumber: operation.referenceNumber,
      method: operation.method,
      startedAt: operation.startedAt,
      accessTokenValidUntil: new Date(Date.parse(tokens.accessToken.validUntil)).toISOString(),
      refreshTokenValidUntil: new Date(Date.parse(tokens.refreshToken.validUntil)).toISOString(),
    })
    await this.#save({ ...operation, redeemed: true })
    await this.#deps.secrets.delete(operationTokenSecret(company.id, operation.referenceNumber))
    // The session replaced is ended in KSeF too, so an office does not leave live sessions behind.
    if (previousRefresh && previous?.referenceNumber !== operation.referenceNumber) {
      await this.#client(company)
        .sessions.revokeCurrentSession(previousRefresh)
        .catch((error: unknown) =>
          this.#deps.log.info('previous session not revoked', {
            companyId: company.id,
            code: codeOf(error),
          }),
        )
    }
  }

  async #refresh(company: Company): Promise<string> {
    const session = this.#deps.auth.session(company.id)
    if (!session) throw new AppError('AUTH_NOT_LOGGED_IN', 'This company is not logged in.')
    const refreshToken = await this.#deps.secrets.get(refreshTokenSecret(company.id))
    if (!refreshToken || Date.parse(session.refreshTokenValidUntil) <= this.#deps.clock.now()) {
      await this.#forgetSession(company.id)
      this.#changed(company.id)
      throw new AppError(
        'AUTH_SESSION_EXPIRED',
        'The session of this company has ended: log in again.',
      )
    }
    let refreshed
    try {
      refreshed = await this.#client(company).auth.refreshAccessToken(refreshToken)
    } catch (error) {
      // KSeF answers 400 for a revoked or ended refresh token: the session is over.
      if (isKsefError(error) && isClientRefusal(error)) {
        await this.#forgetSession(company.id)
        this.#changed(company.id)
        throw new AppError(
          'AUTH_SESSION_EXPIRED',
          'KSeF ended the session of this company: log in again.',
          {
            ksefCode: error.ksef?.code ?? null,
          },
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
    this.#changed(company.id)
    return refreshed.accessToken.token
  }

  async #forgetSession(companyId: string): Promise<void> {
    this.#access.delete(companyId)
    await this.#deps.secrets.delete(refreshTokenSecret(companyId))
    this.#deps.auth.removeSession(companyId)
  }

  #inBackground(company: Company, operation: StoredOperation): void {
    // Already being checked or redeemed (a click, or automatic mode switched on twice).
    if (this.#claimed.has(operation.referenceNumber)) return
    const progress = (update: Omit<AuthProgress, 'companyId' | 'method'>) =>
      this.#deps.events.emit('auth:progress', {
        companyId: company.id,
        method: operation.method,
        ...update,
      })
    const work = retryWaits
      .run(
        (wait) => progress({ step: 'rateLimited', waitSeconds: Math.ceil(wait.ms / 1000) }),
        () => this.#complete(company, operation, progress),
      )
      .then(
        () => {
          this.#deps.log.info('logged in', { companyId: company.id, method: operation.method })
        },
        (error: unknown) => {
          progress({
            step: 'failed',
            ...(ksefStatusOf(error) ? { statusCode: ksefStatusOf(error) } : {}),
          })
          this.#deps.log.error('automatic completion failed', {
            companyId: company.id,
            code: codeOf(error),
          })
        },
      )
      .finally(() => this.#changed(company.id))
    this.#track(company.id, work)
  }

  #track(companyId: string, work: Promise<void>): void {
    this.#backgroundOf.set(companyId, (this.#backgroundOf.get(companyId) ?? 0) + 1)
    const tracked = work.finally(() => {
      this.#background.delete(tracked)
      const left = (this.#backgroundOf.get(companyId) ?? 1) - 1
      if (left > 0) this.#backgroundOf.set(companyId, left)
      else this.#backgroundOf.delete(companyId)
    })
    this.#background.add(tracked)
  }

  /** One check or redeem of an operation at a time: a second gets AUTH_IN_PROGRESS. */
  async #claim<T>(referenceNumber: string, work: () => Promise<T>): Promise<T> {
    if (this.#claimed.has(referenceNumber)) {
      throw new AppError(
        'AUTH_IN_PROGRESS',
        'This authentication operation is being checked or redeemed already.',
      )
    }
    this.#claimed.add(referenceNumber)
    try {
      return await work()
    } finally {
      this.#claimed.delete(referenceNumber)
    }
  }

  #company(companyId: string): Company {
    const company = this.#deps.companies.find(companyId)
    if (!company) throw new AppError('COMPANY_NOT_FOUND', 'This company is no longer on the list.')
    return company
  }

  #client(company: Company): KsefClient {
    return this.#deps.clients.forEnvironment(company.environment)
  }

  #operation(companyId: string, referenceNumber: string): StoredOperation {
    const operation = this.#deps.auth.operation(companyId, referenceNumber)
    if (!operation)
      throw new AppError(
        'AUTH_OPERATION_NOT_FOUND',
        'This authentication operation is not on the list.',
      )
    return operation
  }

  #usable(operation: StoredOperation): boolean {
    return Date.parse(operation.usableUntil) > this.#deps.clock.now()
  }

  async #operationToken(operation: StoredOperation): Promise<string> {
    if (operation.redeemed) {
      throw new AppError(
        'AUTH_ALREADY_REDEEMED',
        'The tokens of this operation were taken already; KSeF gives them once.',
      )
    }
    const token = await this.#deps.secrets.get(
      operationTokenSecret(operation.companyId, operation.referenceNumber),
    )
    if (!token || !this.#usable(operation)) {
      throw new AppError(
        'AUTH_OPERATION_EXPIRED',
        'This operation can no longer be used: start a new login.',
        {
          usableUntil: operation.usableUntil,
        },
      )
    }
    return token
  }

  #liveChallenge(companyId: string) {
    const challenge = this.#deps.auth.challenge(companyId)
    if (!challenge || Date.parse(challenge.expiresAt) <= this.#deps.clock.now()) return null
    return {
      challenge: challenge.challenge,
      issuedAt: challenge.issuedAt,
      expiresAt: challenge.expiresAt,
    }
  }

  #changed(companyId: string): AuthState {
    const state = this.state(companyId)
    this.#deps.events.emit('auth:changed', state)
    return state
  }
}

export function contextOf(company: Company): ContextIdentifier {
  return { type: company.identifier.type, value: company.identifier.value }
}

const isClientRefusal = (error: KsefError): boolean =>
  error.httpStatus !== null &&
  error.httpStatus >= 400 &&
  error.httpStatus < 500 &&
  error.httpStatus !== 429

const ksefStatusOf = (error: unknown): number | undefined =>
  isKsefError(error) && error.ksef?.kind === 'authStatus' ? Number(error.ksef.code) : undefined

const codeOf = (error: unknown): string => (error instanceof AppError ? error.code : 'INTERNAL')
