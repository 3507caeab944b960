import { randomUUID } from 'node:crypto'
import {
  operationIsFinished,
  type ActiveSession,
  type AuthState,
  type LoginMethod,
} from '../../shared/domain/auth'
import type { Company } from '../../shared/domain/company'
import type { FilePayload } from '../../shared/domain/credentials'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import type { EventSink } from '../events'
import { isKsefError, type KsefError } from '../ksef/errors'
import type { Logger } from '../log'
import type { AuthRepository } from '../vault/auth-repository'
import type { IdentityRepository } from '../identities/identity-repository'
import type { CertificateFiles } from '../vault/certificate-files'
import type { CompanyRepository } from '../vault/company-repository'
import type { CredentialRepository } from '../vault/credential-repository'
import type { PreferencesRepository } from '../vault/preferences-repository'
import { operationTokenSecret, type SecretStore } from '../vault/secret-store'
import { AuthOperations } from './auth-operations'
import { AuthStateProjection } from './auth-state'
import { CompanyActivity } from './company-activity'
import { companyOf } from './company-lookup'
import type { KsefClients } from './ksef-clients'
import { LoginCredentials } from './login-credentials'
import { LoginRuns } from './login-runs'
import { PublicKeyCache } from './public-key-cache'
import { RemoteSessions } from './remote-sessions'
import { SessionKeeper } from './session-keeper'
import { TokenProbe } from './token-probe'
import { WaysIn } from './ways-in'

export { contextOf } from './company-lookup'

export interface LoginServiceDeps {
  companies: CompanyRepository
  credentials: CredentialRepository
  /** Tożsamości: the certificate of a company without its own default. */
  identities: IdentityRepository
  certificateFiles: CertificateFiles
  secrets: SecretStore
  auth: AuthRepository
  preferences: PreferencesRepository
  clients: KsefClients
  clock: Clock
  events: EventSink
  log: Logger
  sleep: (ms: number) => Promise<void>
  /** Give up waiting for KSeF's decision after this long (qualified certificates wait for OCSP). */
  pollTimeoutMs?: number
  /** What is under way per company; given when another service (a bulk run) shares it. */
  activity?: CompanyActivity
}

/**
 * Tab Ogólne: logging companies in to KSeF and keeping them logged in, composed of its parts —
 * the ways in, the list of operations, the session keeper, the context's sessions, the state the
 * page shows, how a login runs, Sprawdź token. Authentication and refresh tokens are sealed,
 * access tokens stay in memory; none ever leaves main.
 */
export class LoginService {
  readonly #deps: LoginServiceDeps
  readonly #activity: CompanyActivity
  readonly #states: AuthStateProjection
  readonly #sessions: SessionKeeper
  readonly #operations: AuthOperations
  readonly #waysIn: WaysIn
  readonly #remote: RemoteSessions
  readonly #probe: TokenProbe
  readonly #runs: LoginRuns

  constructor(deps: LoginServiceDeps) {
    this.#deps = deps
    const { companies, auth, secrets, clients, clock, log, sleep, pollTimeoutMs } = deps
    this.#activity = deps.activity ?? new CompanyActivity()
    this.#states = new AuthStateProjection({ auth, clock, events: deps.events })
    this.#sessions = new SessionKeeper({
      companies,
      auth,
      secrets,
      clients,
      clock,
      log,
      background: this.#activity,
      changed: (companyId) => this.#states.changed(companyId),
    })
    this.#operations = new AuthOperations({
      auth,
      secrets,
      clients,
      clock,
      sleep,
      pollTimeoutMs,
      activity: this.#activity,
      sessions: this.#sessions,
    })
    this.#waysIn = new WaysIn({
      credentials: new LoginCredentials({
        credentials: deps.credentials,
        identities: deps.identities,
        certificateFiles: deps.certificateFiles,
        secrets,
        preferences: deps.preferences,
        clock,
      }),
      auth,
      publicKeys: new PublicKeyCache(),
      clients,
      clock,
      log,
    })
    this.#remote = new RemoteSessions({
      companies,
      auth,
      credentials: deps.credentials,
      sessions: this.#sessions,
      clients,
      log,
    })
    this.#probe = new TokenProbe({
      waysIn: this.#waysIn,
      clients,
      clock,
      sleep,
      pollTimeoutMs,
      log,
    })
    this.#runs = new LoginRuns({
      companies,
      activity: this.#activity,
      operations: this.#operations,
      states: this.#states,
      events: deps.events,
      log,
    })
  }

  state(companyId: string): AuthState {
    return this.#states.state(companyId)
  }

  /** The state as Ogólne shows it; a session kept from an earlier run is refreshed meanwhile. */
  currentState(companyId: string): AuthState {
    companyOf(this.#deps.companies, companyId)
    this.#sessions.refreshInBackground(companyId)
    return this.state(companyId)
  }

  /** Zaloguj certyfikatem KSeF: the default Authentication certificate signs the request here. */
  loginWithCertificate(companyId: string): Promise<AuthState> {
    return this.#runs.exclusive(companyId, 'certificate', async (company, progress) => {
      const start = await this.#refusedBeforeKsef(company, 'certificate', () =>
        this.#waysIn.certificate(company, (step) => progress({ step })),
      )
      const operation = await this.#operations.record(company, 'certificate', start)
      await this.#operations.complete(company, operation, progress)
    })
  }

  /** Zaloguj tokenem KSeF: the default token, encrypted with MF's public key. */
  loginWithToken(companyId: string): Promise<AuthState> {
    return this.#runs.exclusive(companyId, 'token', async (company, progress) => {
      const start = await this.#refusedBeforeKsef(company, 'token', () =>
        this.#waysIn.token(company, undefined, (step) => progress({ step })),
      )
      const operation = await this.#operations.record(company, 'token', start)
      await this.#operations.complete(company, operation, progress)
    })
  }

  /**
   * The start of a login: the app's checks, then KSeF's answer to the POST. KSeF refusing it there
   * (or not answering) leaves no reference number, yet the attempt was made: the list shows it
   * with the error the user saw. The app's own refusals send nothing and store nothing.
   */
  async #refusedBeforeKsef<T>(
    company: Company,
    method: LoginMethod,
    start: () => Promise<T>,
  ): Promise<T> {
    try {
      return await start()
    } catch (error) {
      if (isKsefError(error)) await this.#recordRefusal(company, method, error)
      throw error
    }
  }

  async #recordRefusal(company: Company, method: LoginMethod, error: KsefError): Promise<void> {
    const now = new Date(this.#deps.clock.now()).toISOString()
    const dropped = this.#deps.auth.saveOperation({
      companyId: company.id,
      referenceNumber: `refused-${randomUUID()}`,
      method,
      startedAt: now,
      status: { code: 0, description: '', details: [] },
      redeemed: false,
      usableUntil: now,
      credentialId: null,
      // Kept and shown again on the list: only the details the contract lets out of main.
      refusal: { code: error.code, details: error.toPayload().details ?? {} },
    })
    for (const operation of dropped) {
      await this.#deps.secrets.delete(operationTokenSecret(company.id, operation.referenceNumber))
    }
  }

  /**
   * Sprawdź token: a real login with the stored token and a logout of the session it opened. The
   * company's own session, access token and list of operations stay as they were; nothing is
   * stored. Fails as Zaloguj tokenem KSeF would (KSEF_AUTH_FAILED with KSeF's status, or the
   * app's own refusal before anything is sent).
   */
  async probeTokenLogin(companyId: string, tokenId: string): Promise<void> {
    await this.#probe.probe(companyOf(this.#deps.companies, companyId), tokenId)
  }

  /** Pobierz żądanie autoryzacyjne: a fresh challenge in an unsigned AuthTokenRequest to sign elsewhere. */
  async downloadRequest(
    companyId: string,
  ): Promise<{ state: AuthState; fileName: string; xml: string }> {
    const request = await this.#waysIn.downloadRequest(companyOf(this.#deps.companies, companyId))
    return { state: this.#states.changed(companyId), ...request }
  }

  /** Zaloguj podpisanym żądaniem autoryzacyjnym: checks the signed file here, then sends it as it is. */
  async submitSignedRequest(companyId: string, file: FilePayload): Promise<AuthState> {
    const company = companyOf(this.#deps.companies, companyId)
    const init = await this.#waysIn.signedRequest(company, file)
    const operation = await this.#operations.record(company, 'signedRequest', {
      init,
      credentialId: null,
    })
    if (this.#deps.auth.autoMode(companyId)) this.#runs.inBackground(company, operation)
    return this.#states.changed(companyId)
  }

  /** Sprawdź status of one operation of the list. */
  async checkStatus(companyId: string, referenceNumber: string): Promise<AuthState> {
    await this.#operations.checkStatus(companyOf(this.#deps.companies, companyId), referenceNumber)
    return this.#states.changed(companyId)
  }

  /** Pobierz token dostępowy of one operation: the session it opens becomes the company's. */
  async redeem(companyId: string, referenceNumber: string): Promise<AuthState> {
    await this.#operations.redeem(companyOf(this.#deps.companies, companyId), referenceNumber)
    return this.#states.changed(companyId)
  }

  /**
   * Waits for KSeF's decision on an operation of the list and redeems it, as automatic mode
   * does, but for the caller to await (the CLI after a signed request).
   */
  completeOperation(companyId: string, referenceNumber: string): Promise<AuthState> {
    const operation = this.#operations.find(companyId, referenceNumber)
    return this.#runs.exclusive(companyId, operation.method, (company, progress) =>
      this.#operations.complete(
        company,
        this.#operations.find(companyId, referenceNumber),
        progress,
      ),
    )
  }

  /**
   * Wyczyść: the finished operations leave the list, their sealed tokens with them. One being
   * checked or redeemed right now stays until that ends.
   */
  async clearFinished(companyId: string): Promise<AuthState> {
    companyOf(this.#deps.companies, companyId)
    const now = this.#deps.clock.now()
    const removed = this.#deps.auth.removeOperations(
      companyId,
      (operation) =>
        operationIsFinished(operation, now) &&
        !this.#operations.isClaimed(operation.referenceNumber),
    )
    for (const operation of removed) {
      await this.#deps.secrets.delete(operationTokenSecret(companyId, operation.referenceNumber))
    }
    return this.#states.changed(companyId)
  }

  /** Automatic mode: signed-request operations are polled and redeemed without a click. */
  setAutoMode(companyId: string, enabled: boolean): AuthState {
    const company = companyOf(this.#deps.companies, companyId)
    this.#deps.auth.setAutoMode(companyId, enabled)
    if (enabled) {
      const pending = this.#operations.awaitingRedeem(companyId)
      if (pending) this.#runs.inBackground(company, pending)
    }
    return this.#states.changed(companyId)
  }

  /** Wyloguj: KSeF revokes the session's refresh token; already issued access tokens run out on their own. */
  async logout(companyId: string): Promise<AuthState> {
    await this.#sessions.logout(companyId)
    return this.state(companyId)
  }

  /** The context's authentication sessions, as KSeF lists them. */
  sessions(companyId: string): Promise<ActiveSession[]> {
    return this.#remote.list(companyId)
  }

  revokeSession(companyId: string, referenceNumber: string): Promise<ActiveSession[]> {
    return this.#remote.revoke(companyId, referenceNumber)
  }

  /** A usable access token of the company, refreshed first when it runs out. */
  accessToken(companyId: string): Promise<string> {
    return this.#sessions.accessToken(companyId)
  }

  /** Keeps sessions alive: refreshes every access token this process holds that is about to run out. */
  refreshDue(): Promise<void> {
    return this.#sessions.refreshDue()
  }

  /** Finishes the work started in the background (automatic mode); tests and the CLI wait on it. */
  idle(): Promise<void> {
    return this.#activity.idle()
  }

  /** Something of this company is under way: a login, a check, a redeem, automatic mode. */
  isBusy(companyId: string): boolean {
    return this.#activity.isBusy(companyId)
  }

  /** Drops what is kept of a company's logins (it is removed, or moved to another context). */
  forget(companyId: string): void {
    if (this.isBusy(companyId)) {
      throw new AppError(
        'AUTH_IN_PROGRESS',
        'A login of this company is under way: wait until it ends.',
      )
    }
    this.#sessions.forget(companyId)
    this.#deps.auth.removeCompany(companyId)
  }
}
