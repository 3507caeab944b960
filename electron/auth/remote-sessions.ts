import type { ActiveSession } from '../../shared/domain/auth'
import { methodDetail, sessionMethod, type OwnLogin } from '../../shared/domain/session-method'
import type { Logger } from '../log'
import type { AuthRepository } from '../vault/auth-repository'
import type { CompanyRepository } from '../vault/company-repository'
import type { CredentialRepository } from '../vault/credential-repository'
import { companyOf } from './company-lookup'
import type { KsefClients } from './ksef-clients'
import type { SessionKeeper } from './session-keeper'

export interface RemoteSessionsDeps {
  companies: Pick<CompanyRepository, 'find'>
  auth: Pick<AuthRepository, 'session' | 'operation'>
  credentials: Pick<CredentialRepository, 'certificate'>
  sessions: Pick<SessionKeeper, 'accessToken' | 'logout'>
  clients: KsefClients
  log: Logger
}

/** At most this many pages of 100 sessions are read: a context of an office has far fewer. */
const pagesRead = 10

/** The context's authentication sessions as KSeF lists them, this computer's and others'. */
export class RemoteSessions {
  readonly #deps: RemoteSessionsDeps

  constructor(deps: RemoteSessionsDeps) {
    this.#deps = deps
  }

  async list(companyId: string): Promise<ActiveSession[]> {
    const company = companyOf(this.#deps.companies, companyId)
    const accessToken = await this.#deps.sessions.accessToken(companyId)
    const client = this.#deps.clients.forEnvironment(company.environment)
    const sessions: ActiveSession[] = []
    let continuationToken: string | undefined
    for (let page = 0; page < pagesRead; page++) {
      const list = await client.sessions.listAuthenticationSessions(accessToken, {
        pageSize: 100,
        ...(continuationToken ? { continuationToken } : {}),
      })
      for (const item of list.items) {
        sessions.push({
          referenceNumber: item.referenceNumber,
          isCurrent: item.isCurrent ?? false,
          startDate: item.startDate,
          method: sessionMethod(
            this.#ownLogin(companyId, item.referenceNumber),
            item.authenticationMethodInfo,
          ),
          methodDetail: methodDetail(item.authenticationMethodInfo),
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

  /** How this computer opened the session, when it was one of its logins (the session or an operation). */
  #ownLogin(companyId: string, referenceNumber: string): OwnLogin | undefined {
    const session = this.#deps.auth.session(companyId)
    const own =
      session?.referenceNumber === referenceNumber
        ? session
        : this.#deps.auth.operation(companyId, referenceNumber)
    if (!own) return undefined
    const certificate =
      own.method === 'certificate' && own.credentialId
        ? this.#deps.credentials.certificate(companyId, own.credentialId)
        : undefined
    return { method: own.method, issuerKind: certificate?.issuerKind }
  }

  /** Ends one session of the context; this computer's own is a Wyloguj. */
  async revoke(companyId: string, referenceNumber: string): Promise<ActiveSession[]> {
    const company = companyOf(this.#deps.companies, companyId)
    if (this.#deps.auth.session(companyId)?.referenceNumber === referenceNumber) {
      await this.#deps.sessions.logout(companyId)
      return []
    }
    const accessToken = await this.#deps.sessions.accessToken(companyId)
    await this.#deps.clients
      .forEnvironment(company.environment)
      .sessions.revokeAuthenticationSession(accessToken, referenceNumber)
    this.#deps.log.info('session revoked', { companyId, referenceNumber })
    return this.list(companyId)
  }
}
