import type { Scheduler } from '../clock'

/**
 * How long changes gather before they reach the disk in one durable write. A status poll of an
 * office's 2,000 companies changes the settings hundreds of times a second; each durable write
 * of a 2,000-company file costs milliseconds of serialising and two fsyncs. One second keeps the
 * disk to at most one settings write per second whatever runs, while a crash (the one case a
 * flush cannot cover) loses at most the last second's status reads, which the next poll reads
 * again; quitting, closing the CLI and giving the folder back flush first.
 */
export const settingsWriteWindowMs = 1_000

export interface CoalescedWritesDeps {
  /** Writes the latest state durably; what it writes is read when it starts. */
  write: () => Promise<void>
  scheduler: Scheduler
  windowMs: number
  /** A write the timer started failed: told once per run of failures; the next window retries. */
  failed: (error: unknown) => void
}

/**
 * Many requests, one write: the first request after the last write starts the window, every
 * request within it rides along, and the write at its end carries the state as it is then. Never
 * two writes at once; a request during a write waits for the next window.
 */
export class CoalescedWrites {
  #dirty = false
  #cancel: (() => void) | undefined
  #running: Promise<void> | undefined
  #failing = false

  constructor(private readonly deps: CoalescedWritesDeps) {}

  /** Something changed: it is written within the window, with whatever else changes meanwhile. */
  request(): void {
    this.#dirty = true
    this.#schedule()
  }

  /** Everything requested so far is on the disk when this resolves; a failure is thrown. */
  async flush(): Promise<void> {
    while (this.#running) await this.#running.catch(() => undefined)
    this.#cancel?.()
    this.#cancel = undefined
    if (this.#dirty) await this.#start()
  }

  #schedule(): void {
    if (!this.#dirty || this.#cancel || this.#running) return
    this.#cancel = this.deps.scheduler.after(this.deps.windowMs, () => {
      this.#cancel = undefined
      this.#start().catch((error: unknown) => {
        if (!this.#failing) this.deps.failed(error)
        this.#failing = true
        this.#schedule()
      })
    })
  }

  #start(): Promise<void> {
    this.#dirty = false
    const running = this.deps.write().then(
      () => {
        this.#running = undefined
        this.#failing = false
        this.#schedule()
      },
      (error: unknown) => {
        this.#running = undefined
        this.#dirty = true
        throw error
      },
    )
    this.#running = running
    return running
  }
}
