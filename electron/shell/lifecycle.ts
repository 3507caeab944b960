import type { ShellApp } from './shell-electron'

/** The requests being answered right now, so that quitting can wait for their writes. */
export class InFlight {
  readonly #pending = new Set<Promise<unknown>>()

  track<T>(work: Promise<T>): Promise<T> {
    this.#pending.add(work)
    const forget = () => this.#pending.delete(work)
    work.then(forget, forget)
    return work
  }

  /** Resolves once nothing is pending, including what started while waiting. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending])
  }
}

/**
 * Quitting waits for `close` (requests under way, the services' background work, the folder
 * lock given back), so nothing writes to the data folder while the app goes away; then the quit
 * goes on. A failure to close is reported and does not keep the app running.
 */
export function quitAfter(
  app: ShellApp,
  close: () => Promise<void>,
  report: (error: unknown) => void,
): void {
  let closing: Promise<void> | undefined
  let closed = false
  app.on('before-quit', (event) => {
    if (closed) return
    event.preventDefault()
    closing ??= close()
      .catch(report)
      .finally(() => {
        closed = true
        app.quit()
      })
  })
}
