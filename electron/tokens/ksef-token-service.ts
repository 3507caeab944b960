import { randomUUID } from 'node:crypto'
import type { AuthState } from '../../shared/domain/auth'
import type { Company } from '../../shared/domain/company'
import type { TokenSummary } from '../../shared/domain/credentials'
import type {
  GeneratedTokenResult,
  KsefTokenPage,
  KsefTokenRow,
  RevokedToken,
  TokenCheckResult,
  TokenDraft,
  TokenListFilter,
  TokenPolicy,
} from '../../shared/domain/ksef-tokens'
import { tokenPolicy } from '../../shared/domain/token-sunset'
import { AppError } from '../../shared/ipc/errors'
import { maskKsefToken, parseKsefToken } from '../../shared/validation/ksef-token'
import type { KsefClients } from '../auth/ksef-clients'
import type { Background } from '../background'
import type { Clock } from '../clock'
import type { EventSink } from '../events'
import type { KsefClient } from '../ksef/client'
import { isKsefError } from '../ksef/errors'
import type { Logger } from '../log'
import type { CompanyRepository } from '../vault/company-repository'
import type { CredentialRepository } from '../vault/credential-repository'
import type { PreferencesRepository } from '../vault/preferences-repository'
import { tokenSecret, type SecretStore } from '../vault/secret-store'
import { RevealTickets } from './reveal-tickets'
import { checkToken } from './token-check'
import { TokenStatusFollower } from './status-follower'
import { checkedDraft, checkedFilter, ksefListFilter } from './token-inputs'
import { tokenRow, tokenVisibility, type KsefTokenItem } from './token-rows'

/** What the tokens need of the company's session (the login service). */
export interface TokenSessions {
  /** A usable access token of the company; AUTH_NOT_LOGGED_IN without a session. */
  accessToken(companyId: string): Promise<string>
  state(companyId: string): AuthState
  /** Sprawdź token: a login and logout with the stored token, the company's session untouched. */
  probeTokenLogin(companyId: string, tokenId: string): Promise<unknown>
}

export interface KsefTokenServiceDeps {
  companies: CompanyRepository
  credentials: CredentialRepository
  secrets: SecretStore
  preferences: PreferencesRepository
  sessions: TokenSessions
  clients: KsefClients
  clock: Clock
  events: EventSink
  log: Logger
  /** The follows of a passing status run there: cut short and awaited when the app closes. */
  background: Background
}

/** One page of Pobierz tokeny. */
const pageSize = 20

/**
 * KSeF tokens managed in KSeF (tab Tokeny): the list read from KSeF and matched to the copies
 * kept here, Generuj token KSeF (sealed before it is shown, shown once), the status followed
 * from Pending to Active and from Revoking to Revoked, Dezaktywuj, Sprawdź token, and the
 * end-of-2026 rule.
 */
export class KsefTokenService {
  readonly #deps: KsefTokenServiceDeps
  readonly #tickets: RevealTickets
  readonly #follower: TokenStatusFollower
  /** Sessions (by reference number) a page proved to see every token of the context. */
  readonly #seesAll = new Map<string, string>()

  constructor(deps: KsefTokenServiceDeps) {
    this.#deps = deps
    this.#tickets = new RevealTickets(deps.clock)
    this.#follower = new TokenStatusFollower({
      read: async (companyId, referenceNumber) =>
        (await this.status(companyId, referenceNumber)).status,
      clock: deps.clock,
      background: deps.background,
      log: deps.log,
    })
  }

  policy(): TokenPolicy {
    return tokenPolicy(this.#deps.clock.now(), this.#deps.preferences.get().tokensAfter2026)
  }

  /** Pobierz tokeny: one page; `continuation` from the page before for the next. */
  async list(
    companyId: string,
    filter: TokenListFilter,
    continuation: string | null,
  ): Promise<KsefTokenPage> {
    const company = this.#company(companyId)
    const checked = checkedFilter(filter)
    const accessToken = await this.#deps.sessions.accessToken(companyId)
    const page = await this.#client(company).tokens.listTokens(
      accessToken,
      { ...ksefListFilter(checked), pageSize },
      continuation ?? undefined,
    )
    this.#record(companyId, page.tokens)
    const stored = this.#storedByReference(companyId)
    return {
      companyId,
      rows: page.tokens.map((item) => tokenRow(item, stored.get(item.referenceNumber))),
      // KSeF ends the list with an empty or missing continuation token.
      continuation: page.continuationToken || null,
      visibility: this.#visibility(company, page.tokens),
    }
  }

  /**
   * What this session sees, from its facts and what KSeF listed. A page that proves the session
   * sees every token is remembered for the session: Pokaż więcej or a filter may list only rows
   * that prove nothing, and the notice must not come back for the same session.
   */
  #visibility(company: Company, listed: readonly KsefTokenItem[]): KsefTokenPage['visibility'] {
    const session = this.#deps.sessions.state(company.id).session
    if (session && this.#seesAll.get(company.id) === session.referenceNumber) return 'all'
    // The credential that opened the session; a session from before it was recorded: the
    // default, which is what a login uses.
    const { credentials } = this.#deps
    const opener = session?.credentialId ?? ''
    const visibility = tokenVisibility({
      company,
      method: session?.method ?? 'certificate',
      loginToken: credentials.token(company.id, opener) ?? credentials.defaultToken(company.id),
      loginCertificate:
        credentials.certificate(company.id, opener) ??
        credentials.defaultCertificate(company.id, 'Authentication'),
      listed,
    })
    if (session && visibility === 'all') this.#seesAll.set(company.id, session.referenceNumber)
    return visibility
  }

  /**
   * At start: the stored tokens KSeF last reported Pending or Revoking, of companies whose
   * session survived the restart, are followed again, as they were when the app closed; the
   * user expects Generuj or Dezaktywuj to end in Active or Revoked without asking. A company
   * with no session is not logged in for it: its next Pobierz tokeny tells.
   */
  resumeFollowing(): void {
    for (const company of this.#deps.companies.list()) {
      if (!this.#deps.sessions.state(company.id).session) continue
      for (const token of this.#deps.credentials.tokens(company.id)) {
        if (token.ksefStatus === 'Pending' || token.ksefStatus === 'Revoking') {
          this.#follower.follow(company.id, token.referenceNumber, token.ksefStatus)
        }
      }
    }
  }

  /** Generuj token KSeF: sealed as this company's token before anything is returned. */
  async generate(companyId: string, draft: TokenDraft): Promise<GeneratedTokenResult> {
    const company = this.#company(companyId)
    this.#requirePolicy()
    const { description, permissions } = checkedDraft(draft)
    const accessToken = await this.#deps.sessions.accessToken(companyId)
    const client = this.#client(company)
    const generated = await client.tokens.generateToken(accessToken, { permissions, description })
    const id = randomUUID()
    try {
      await this.#deps.secrets.set(tokenSecret(companyId, id), generated.token)
    } catch (error) {
      await this.#revokeUnsealed(company, accessToken, generated.referenceNumber)
      throw new AppError(
        'TOKEN_SEAL_FAILED',
        'KSeF generated the token, but this computer could not store it safely, so it was revoked in KSeF. Fix the cause and generate it again.',
        { cause: error instanceof AppError ? error.code : 'INTERNAL' },
      )
    }
    const now = new Date(this.#deps.clock.now()).toISOString()
    const stored = this.#deps.credentials.addToken(
      {
        id,
        companyId,
        masked: maskKsefToken(generated.token),
        referenceNumber: generated.referenceNumber,
        context: parseKsefToken(generated.token)?.context ?? {
          type: company.identifier.type,
          value: company.identifier.value,
        },
        description,
        environment: company.environment,
        addedAt: now,
        isDefault: false,
        origin: 'generated',
        permissions,
        ksefStatus: 'Pending',
        ksefCheckedAt: now,
        lastCheck: null,
      },
      draft.makeDefault,
    )
    this.#deps.log.info('token generated', {
      companyId,
      tokenId: id,
      referenceNumber: generated.referenceNumber,
    })
    this.#changed(companyId)
    this.#follower.follow(companyId, generated.referenceNumber, 'Pending')
    return { stored, revealTicket: this.#tickets.issue(generated.token) }
  }

  /** The generated token, once, for the reveal dialog. */
  reveal(revealTicket: string): { token: string } {
    return { token: this.#tickets.take(revealTicket) }
  }

  /** The token as KSeF shows it now; its stored copy learns the status. */
  async status(companyId: string, referenceNumber: string): Promise<KsefTokenRow> {
    const company = this.#company(companyId)
    const accessToken = await this.#deps.sessions.accessToken(companyId)
    const item = await this.#read(company, accessToken, referenceNumber)
    this.#record(companyId, [item])
    return tokenRow(item, this.#storedByReference(companyId).get(referenceNumber))
  }

  /**
   * Dezaktywuj: asked of KSeF once (never repeated), Revoking → Revoked then followed. The copy
   * kept here is marked at once, so it never logs in again, and a default hands the default on.
   */
  async revoke(companyId: string, referenceNumber: string): Promise<RevokedToken> {
    const company = this.#company(companyId)
    const accessToken = await this.#deps.sessions.accessToken(companyId)
    const client = this.#client(company)
    const before = await this.#read(company, accessToken, referenceNumber)
    if (before.status === 'Revoking' || before.status === 'Revoked') {
      this.#record(companyId, [before])
      throw new AppError(
        'TOKEN_ALREADY_REVOKED',
        `This token is ${before.status === 'Revoked' ? 'revoked' : 'being revoked'} in KSeF already.`,
        { status: before.status },
      )
    }
    try {
      await client.tokens.revokeToken(accessToken, referenceNumber)
    } catch (error) {
      if (isKsefError(error) && error.httpStatus === 403) {
        throw new AppError(
          'TOKEN_REVOKE_FORBIDDEN',
          'KSeF does not let this session revoke this token: without CredentialsManage one revokes only the tokens one generated, and after a token login only that token.',
          error.details,
        )
      }
      throw error
    }
    this.#deps.log.info('token revoked', { companyId, referenceNumber })
    const after = await this.#read(company, accessToken, referenceNumber).catch(
      (error: unknown) => {
        this.#deps.log.info('revoked token not read back', {
          companyId,
          referenceNumber,
          code: error instanceof AppError ? error.code : 'INTERNAL',
        })
        return { ...before, status: 'Revoking' as const }
      },
    )
    this.#record(companyId, [after])
    const stored = this.#storedByReference(companyId).get(referenceNumber)
    const heir = stored && this.#deps.credentials.passOnRetiredDefaultToken(companyId, stored.id)
    if (heir) {
      this.#deps.log.info('default token passed on', { companyId, tokenId: heir.id })
    }
    this.#changed(companyId)
    if (after.status === 'Revoking') this.#follower.follow(companyId, referenceNumber, 'Revoking')
    return {
      ...tokenRow(after, this.#storedByReference(companyId).get(referenceNumber)),
      wasDefault: stored?.isDefault ?? false,
      defaultPassedTo: heir ?? null,
    }
  }

  /** Sprawdź token: a real login and logout with it; the verdict is kept on the stored copy. */
  check(companyId: string, tokenId: string): Promise<TokenCheckResult> {
    this.#company(companyId)
    if (!this.#deps.credentials.token(companyId, tokenId)) {
      throw new AppError('TOKEN_NOT_FOUND', 'This token is no longer stored for the company.')
    }
    this.#requirePolicy()
    return checkToken(this.#deps, companyId, tokenId, () => this.#changed(companyId))
  }

  /** Waits for every status followed in the background; tests and the CLI wait on it. */
  idle(): Promise<void> {
    return this.#follower.idle()
  }

  #requirePolicy(): void {
    if (!this.policy().allowed) {
      throw new AppError(
        'TOKENS_ENDED',
        'KSeF tokens could be used until 31 December 2026: generating and logging in with them is off. Log in with a KSeF certificate; if the regulation was extended, turn tokens back on in the settings.',
      )
    }
  }

  async #read(
    company: Company,
    accessToken: string,
    referenceNumber: string,
  ): Promise<KsefTokenItem> {
    try {
      return await this.#client(company).tokens.getToken(accessToken, referenceNumber)
    } catch (error) {
      // KSeF answers 21405 both for a token that does not exist and for one it hides.
      if (isKsefError(error) && error.ksef?.kind === 'exception' && error.ksef.code === 21405) {
        throw new AppError(
          'TOKEN_NOT_IN_KSEF',
          'KSeF shows no such token to this session: without CredentialsRead KSeF shows only the tokens the logged-in subject generated, and after a token login only that token.',
          error.details,
        )
      }
      throw error
    }
  }

  /** KSeF's word on the stored copies it showed; the page hears of a changed status. */
  #record(companyId: string, items: readonly KsefTokenItem[]): void {
    const changed = this.#deps.credentials.recordKsefTokenStatuses(
      companyId,
      items.map((item) => ({
        referenceNumber: item.referenceNumber,
        status: item.status,
        permissions: tokenRow(item, undefined).permissions,
      })),
      new Date(this.#deps.clock.now()).toISOString(),
    )
    if (changed) this.#changed(companyId)
  }

  /** A token that could not be sealed must not live on in KSeF with nobody holding it. */
  async #revokeUnsealed(company: Company, accessToken: string, referenceNumber: string) {
    try {
      await this.#client(company).tokens.revokeToken(accessToken, referenceNumber)
      this.#deps.log.error('generated token not sealed, revoked in KSeF', {
        companyId: company.id,
        referenceNumber,
      })
    } catch (error) {
      this.#deps.log.error('generated token not sealed, and not revoked in KSeF', {
        companyId: company.id,
        referenceNumber,
        code: error instanceof AppError ? error.code : 'INTERNAL',
      })
    }
  }

  #storedByReference(companyId: string): Map<string, TokenSummary> {
    return new Map(this.#deps.credentials.tokens(companyId).map((t) => [t.referenceNumber, t]))
  }

  #company(companyId: string): Company {
    const company = this.#deps.companies.find(companyId)
    if (!company) throw new AppError('COMPANY_NOT_FOUND', 'This company is no longer on the list.')
    return company
  }

  #client(company: Company): KsefClient {
    return this.#deps.clients.forEnvironment(company.environment)
  }

  #changed(companyId: string): void {
    this.#deps.events.emit('tokens:changed', { companyId })
  }
}
