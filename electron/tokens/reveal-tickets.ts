import { randomBytes } from 'node:crypto'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'

/** Long enough to open the dialog, short enough that a forgotten ticket is worth nothing. */
export const revealLifetimeMs = 5 * 60_000

/**
 * The one trip of a generated KSeF token to the page: a random ticket, kept in this process's
 * memory only, gives the token once and only for a short while. A ticket used or expired is
 * remembered (without the token) for another lifetime, so a second use gets its own code.
 */
export class RevealTickets {
  readonly #open = new Map<string, { token: string; expiresAt: number }>()
  readonly #spent = new Map<string, { reason: 'used' | 'expired'; forgetAt: number }>()

  constructor(
    private readonly clock: Clock,
    private readonly lifetimeMs = revealLifetimeMs,
  ) {}

  issue(token: string): string {
    this.#sweep()
    const ticket = randomBytes(32).toString('base64url')
    this.#open.set(ticket, { token, expiresAt: this.clock.now() + this.lifetimeMs })
    return ticket
  }

  /** The token, once; the ticket is spent whatever happens. */
  take(ticket: string): string {
    this.#sweep()
    const open = this.#open.get(ticket)
    if (open) {
      this.#open.delete(ticket)
      this.#spent.set(ticket, { reason: 'used', forgetAt: open.expiresAt + this.lifetimeMs })
      return open.token
    }
    const spent = this.#spent.get(ticket)
    if (spent?.reason === 'used') {
      throw new AppError(
        'TOKEN_REVEAL_USED',
        'The token was shown already: KSeF returns it once and the app shows it once. It is stored encrypted; only its masked form is shown.',
      )
    }
    if (spent?.reason === 'expired') {
      throw new AppError(
        'TOKEN_REVEAL_EXPIRED',
        'The time to show the token has passed. It is stored encrypted and logs in; generate a new one if you need it elsewhere.',
      )
    }
    throw new AppError(
      'TOKEN_REVEAL_UNKNOWN',
      'This token can no longer be shown (the app was restarted, or the reveal was never issued).',
    )
  }

  /** Expired tickets lose their token at once; spent ones are forgotten a lifetime later. */
  #sweep(): void {
    const now = this.clock.now()
    for (const [ticket, open] of this.#open) {
      if (open.expiresAt <= now) {
        this.#open.delete(ticket)
        this.#spent.set(ticket, { reason: 'expired', forgetAt: open.expiresAt + this.lifetimeMs })
      }
    }
    for (const [ticket, spent] of this.#spent) {
      if (spent.forgetAt <= now) this.#spent.delete(ticket)
    }
  }
}
