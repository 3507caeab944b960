import type { AuthState, PendingChallenge } from '../../shared/domain/auth'
import type { Clock } from '../clock'
import type { EventSink } from '../events'
import type { AuthRepository } from '../vault/auth-repository'

export interface AuthStateDeps {
  auth: Pick<AuthRepository, 'session' | 'operations' | 'challenge' | 'autoMode'>
  clock: Clock
  events: EventSink
}

/** A company's logins as Ogólne shows them: nothing secret, read from what the vault remembers. */
export class AuthStateProjection {
  readonly #deps: AuthStateDeps

  constructor(deps: AuthStateDeps) {
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
            credentialId: session.credentialId,
          }
        : null,
      operations: auth.operations(companyId).map(({ companyId: _, ...operation }) => operation),
      challenge: this.#liveChallenge(companyId),
      autoMode: auth.autoMode(companyId),
    }
  }

  /** The state after a change, pushed to the page as auth:changed. */
  changed(companyId: string): AuthState {
    const state = this.state(companyId)
    this.#deps.events.emit('auth:changed', state)
    return state
  }

  #liveChallenge(companyId: string): PendingChallenge | null {
    const challenge = this.#deps.auth.challenge(companyId)
    if (!challenge || Date.parse(challenge.expiresAt) <= this.#deps.clock.now()) return null
    return {
      challenge: challenge.challenge,
      issuedAt: challenge.issuedAt,
      expiresAt: challenge.expiresAt,
    }
  }
}
