import type { KsefTokenStatus } from '../../shared/domain/credentials'
import { AppError } from '../../shared/ipc/errors'
import { nextPollDelayMs } from '../auth/polling'
import type { Background } from '../background'
import type { Clock } from '../clock'
import { untilAborted } from '../ksef/rate-limiter'
import type { Logger } from '../log'

export interface StatusFollowerDeps {
  /** Reads the token's status in KSeF and records it (the stored copy, tokens:changed). */
  read(companyId: string, referenceNumber: string): Promise<KsefTokenStatus>
  clock: Clock
  /** Its waits end when the app closes; it awaits the follow under way. */
  background: Pick<Background, 'wait' | 'run' | 'closed' | 'closing'>
  log: Logger
  /** KSeF activates and revokes within seconds; past this the next Pobierz tokeny tells. */
  timeoutMs?: number
}

const defaultTimeoutMs = 10 * 60_000

/**
 * Follows a token through a passing status (Pending → Active after Generuj, Revoking → Revoked
 * after Dezaktywuj) in the background, polling GET /tokens/{ref} as logins poll their status.
 * One follow per token at a time; `idle()` lets tests and the CLI wait for every one to end.
 * When the app closes the follow stops at its next wait: the stored copy keeps the status last
 * read, and the next start follows it again (KsefTokenService.resumeFollowing).
 */
export class TokenStatusFollower {
  readonly #following = new Map<string, Promise<void>>()

  constructor(private readonly deps: StatusFollowerDeps) {}

  follow(companyId: string, referenceNumber: string, passing: KsefTokenStatus): void {
    const key = `${companyId}|${referenceNumber}`
    if (this.#following.has(key) || this.deps.background.closed) return
    const work = this.#poll(companyId, referenceNumber, passing)
      .catch((error: unknown) => {
        // The session ended or KSeF is away: the stored copy keeps its last status until the
        // next Pobierz tokeny or Sprawdź status.
        this.deps.log.info('token status no longer followed', {
          companyId,
          referenceNumber,
          code: error instanceof AppError ? error.code : 'INTERNAL',
        })
      })
      .finally(() => this.#following.delete(key))
    this.#following.set(key, work)
    void this.deps.background.run(work)
  }

  async idle(): Promise<void> {
    while (this.#following.size > 0) await Promise.allSettled([...this.#following.values()])
  }

  async #poll(companyId: string, referenceNumber: string, passing: KsefTokenStatus) {
    const { clock, background } = this.deps
    const started = clock.now()
    const timeoutMs = this.deps.timeoutMs ?? defaultTimeoutMs
    for (;;) {
      const elapsed = clock.now() - started
      if (elapsed > timeoutMs) {
        this.deps.log.info('token still in passing status', { companyId, referenceNumber, passing })
        return
      }
      if (!(await background.wait(nextPollDelayMs(elapsed)))) {
        this.deps.log.info('token status left for the next start', {
          companyId,
          referenceNumber,
          passing,
        })
        return
      }
      const read = () => this.deps.read(companyId, referenceNumber)
      if ((await untilAborted(background.closing, read)) !== passing) return
    }
  }
}
