import type { Company } from '../../shared/domain/company'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import { codeOf } from './failures'
import type { KsefClients } from './ksef-clients'
import { nextPollDelayMs } from './polling'
import type { WaysIn } from './ways-in'

export interface TokenProbeDeps {
  waysIn: Pick<WaysIn, 'token'>
  clients: KsefClients
  clock: Clock
  sleep: (ms: number) => Promise<void>
  pollTimeoutMs?: number | undefined
  log: Logger
}

/**
 * Sprawdź token: KSeF's Active status is no proof that a token logs in (one whose author lost
 * permissions stays Active), so a real login is made with it and the session it opens is ended
 * at once. Nothing of it is kept: not on the list of operations, not as the company's session.
 */
export class TokenProbe {
  readonly #deps: TokenProbeDeps

  constructor(deps: TokenProbeDeps) {
    this.#deps = deps
  }

  /** Resolves when the token logged in; throws what a Zaloguj tokenem KSeF would have thrown. */
  async probe(company: Company, tokenId: string): Promise<void> {
    const { init } = await this.#deps.waysIn.token(company, tokenId, () => undefined)
    const client = this.#deps.clients.forEnvironment(company.environment)
    await client.auth.waitForAuthentication(init, {
      clock: this.#deps.clock,
      delay: this.#deps.sleep,
      nextDelayMs: nextPollDelayMs,
      ...(this.#deps.pollTimeoutMs ? { timeoutMs: this.#deps.pollTimeoutMs } : {}),
    })
    const tokens = await client.auth.redeemTokens(init.authenticationToken.token)
    // The token has proved itself; a session a failed logout leaves in KSeF cannot be used: its
    // refresh token is forgotten here.
    await client.sessions.revokeCurrentSession(tokens.refreshToken.token).catch((error: unknown) =>
      this.#deps.log.info('probe session not revoked', {
        companyId: company.id,
        code: codeOf(error),
      }),
    )
  }
}
