import { randomBytes } from 'node:crypto'
import type { SavedFile } from '../../shared/domain/ksef-certificates'
import type { Clock } from '../../electron/clock'
import type { EventSink } from '../../electron/events'
import type { FileSaver, FileToSave } from '../../electron/files/file-saver'

/** Where the bridge serves offered files: one random path per file, good for one fetch. */
export const downloadPath = '/__ksef-download/'

/** An offer not taken in this long is dropped, so an exported key does not linger in memory. */
const offerLifetimeMs = 10 * 60_000

interface Offer {
  name: string
  bytes: Uint8Array
  expiresAt: number
}

/**
 * The sandbox's file-saving port: instead of writing files, main keeps their bytes and tells the
 * page (files:download) to fetch each one once from the bridge's own HTTP server, so a key goes
 * to the browser's download folder without passing the page's WebSocket.
 */
export class DownloadOffers implements FileSaver {
  readonly #offers = new Map<string, Offer>()

  constructor(
    private readonly events: EventSink,
    private readonly clock: Clock,
  ) {}

  save(files: readonly FileToSave[]): Promise<SavedFile[]> {
    this.#dropExpired()
    const saved = files.map((file) => {
      const token = randomBytes(32).toString('base64url')
      this.#offers.set(token, {
        name: file.name,
        bytes: file.bytes,
        expiresAt: this.clock.now() + offerLifetimeMs,
      })
      this.events.emit('files:download', { name: file.name, url: `${downloadPath}${token}` })
      return { name: file.name, saved: true, location: null }
    })
    return Promise.resolve(saved)
  }

  /** The offered file, once: a second fetch of the same URL finds nothing. */
  take(token: string): { name: string; bytes: Uint8Array } | undefined {
    this.#dropExpired()
    const offer = this.#offers.get(token)
    this.#offers.delete(token)
    return offer
  }

  clear(): void {
    this.#offers.clear()
  }

  #dropExpired(): void {
    const now = this.clock.now()
    for (const [token, offer] of this.#offers) {
      if (offer.expiresAt <= now) this.#offers.delete(token)
    }
  }
}
