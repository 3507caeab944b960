import type { AppNotice } from '../shared/domain/app-status'
import type { AppError } from '../shared/ipc/errors'

/** Problems found outside any request (at start-up), kept until the user dismisses them. */
export class NoticeBoard {
  readonly #notices: AppNotice[] = []
  #next = 1

  add(error: AppError): void {
    this.#notices.push({ id: String(this.#next++), error: error.toPayload() })
  }

  list(): AppNotice[] {
    return [...this.#notices]
  }

  dismiss(id: string): void {
    const index = this.#notices.findIndex((notice) => notice.id === id)
    if (index !== -1) this.#notices.splice(index, 1)
  }
}
