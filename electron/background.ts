/**
 * Work the app does on its own, that no request awaits to its end (a token's status followed,
 * an enrollment polled until KSeF decides): its waits end early once the app closes, and
 * `close` awaits whatever is still running, so nothing reads KSeF or writes to the data folder
 * (its settings, secrets or main.log) after the folder was given back.
 */
export class Background {
  #closed = false
  readonly #closing = new AbortController()
  readonly #waits = new Set<() => void>()
  readonly #running = new Set<Promise<unknown>>()

  /** `sleep`: the composition root's (tests pass a quicker one); none: a timer cleared on close. */
  constructor(private readonly sleep?: (ms: number) => Promise<void>) {}

  get closed(): boolean {
    return this.#closed
  }

  /** Aborts as the app closes: KSeF requests of the work still queued are not sent (untilAborted). */
  get closing(): AbortSignal {
    return this.#closing.signal
  }

  /** Waits `ms`; false when the app closes first (at once, if it closed already). */
  wait(ms: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false)
    return new Promise<boolean>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const end = (waited: boolean) => {
        if (!this.#waits.delete(cut)) return
        if (timer !== undefined) clearTimeout(timer)
        resolve(waited)
      }
      const cut = () => end(false)
      this.#waits.add(cut)
      if (this.sleep)
        void this.sleep(ms).then(
          () => end(true),
          () => end(true),
        )
      else timer = setTimeout(() => end(true), ms)
    })
  }

  /** Counts `work` until it settles: `close` awaits it. */
  run<T>(work: Promise<T>): Promise<T> {
    this.#running.add(work)
    void work.then(
      () => this.#running.delete(work),
      () => this.#running.delete(work),
    )
    return work
  }

  /** Cuts every wait short and settles once nothing runs, including work started meanwhile. */
  async close(): Promise<void> {
    this.#closed = true
    this.#closing.abort()
    for (const cut of [...this.#waits]) cut()
    while (this.#running.size > 0) await Promise.allSettled([...this.#running])
  }
}
