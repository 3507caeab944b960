/**
 * What is under way for each company: one exclusive run at a time (a login), claims on single
 * items (an authentication operation, which KSeF redeems once), and work left running in the
 * background. A company is removed or moved only when nothing of it is under way; tests and the
 * CLI wait for the background to finish.
 */
export class CompanyActivity {
  readonly #running = new Set<string>()
  /** Claimed item → the company it belongs to. */
  readonly #claims = new Map<string, string>()
  readonly #background = new Set<Promise<void>>()
  readonly #backgroundOf = new Map<string, number>()

  /** Runs work as the company's only exclusive run; while one runs, another is refused with `refusal`. */
  async exclusive<T>(companyId: string, refusal: Error, work: () => Promise<T>): Promise<T> {
    if (this.#running.has(companyId)) throw refusal
    this.#running.add(companyId)
    try {
      return await work()
    } finally {
      this.#running.delete(companyId)
    }
  }

  /** Runs work holding the item; a second hand reaching for it meanwhile is refused with `refusal`. */
  async claim<T>(
    companyId: string,
    item: string,
    refusal: Error,
    work: () => Promise<T>,
  ): Promise<T> {
    if (this.#claims.has(item)) throw refusal
    this.#claims.set(item, companyId)
    try {
      return await work()
    } finally {
      this.#claims.delete(item)
    }
  }

  isClaimed(item: string): boolean {
    return this.#claims.has(item)
  }

  /**
   * Work of the company that nobody awaits, its failures handled already; `idle` and `isBusy`
   * count it until it settles.
   */
  track(companyId: string, work: Promise<void>): void {
    this.#backgroundOf.set(companyId, (this.#backgroundOf.get(companyId) ?? 0) + 1)
    const tracked = work.finally(() => {
      this.#background.delete(tracked)
      const left = (this.#backgroundOf.get(companyId) ?? 1) - 1
      if (left > 0) this.#backgroundOf.set(companyId, left)
      else this.#backgroundOf.delete(companyId)
    })
    this.#background.add(tracked)
  }

  isBusy(companyId: string): boolean {
    return (
      this.#running.has(companyId) ||
      (this.#backgroundOf.get(companyId) ?? 0) > 0 ||
      [...this.#claims.values()].includes(companyId)
    )
  }

  /** Settles once the background is empty, including work the background started meanwhile. */
  async idle(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background])
  }
}
