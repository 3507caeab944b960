import type { Scheduler } from '../../electron/clock'

/** A Scheduler whose time moves only when the test says: `advance` runs what falls due, in order. */
export class FakeScheduler implements Scheduler {
  #now = 0
  #next = 0
  readonly #due = new Map<number, { at: number; work: () => void }>()

  after(ms: number, work: () => void): () => void {
    const id = this.#next++
    this.#due.set(id, { at: this.#now + ms, work })
    return () => this.#due.delete(id)
  }

  /** How many runs are waiting. */
  get pending(): number {
    return this.#due.size
  }

  advance(ms: number): void {
    const until = this.#now + ms
    for (;;) {
      const [id, next] = [...this.#due].sort(([, a], [, b]) => a.at - b.at)[0] ?? []
      if (id === undefined || !next || next.at > until) break
      this.#due.delete(id)
      this.#now = next.at
      next.work()
    }
    this.#now = until
  }
}
