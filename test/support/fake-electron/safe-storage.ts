import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { Keychain } from '../../../electron/vault/keychain-sealer'

/** The backends Electron's safeStorage reports on Linux (other platforms report "unknown"). */
export type StorageBackend =
  'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown'

/**
 * safeStorage over a per-machine AES-GCM key (the OS keychain's stand-in): a file sealed by one
 * launch opens in the next on the same machine, never with another machine's key. Encryption can
 * be held, so that a test can quit while a write waits for the keychain.
 */
export class FakeSafeStorage implements Keychain {
  #held: Promise<void> | undefined
  #waiting: (() => void)[] = []

  constructor(
    private readonly key: Buffer,
    private readonly backend: StorageBackend,
    private readonly available: boolean,
  ) {}

  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(this.available)
  }

  getSelectedStorageBackend(): StorageBackend {
    return this.backend
  }

  async encryptStringAsync(plaintext: string): Promise<Buffer> {
    if (this.#held) {
      for (const notify of this.#waiting.splice(0)) notify()
      await this.#held
    }
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    return Buffer.concat([iv, cipher.getAuthTag(), body])
  }

  /** Rejects (never throws) on data sealed with another key, as Electron's does. */
  decryptStringAsync(sealed: Buffer): Promise<{ result: string }> {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12))
      decipher.setAuthTag(sealed.subarray(12, 28))
      const result = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()])
      return Promise.resolve({ result: result.toString('utf8') })
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }

  /** Encryptions wait until the returned function is called. */
  hold(): () => void {
    let release!: () => void
    this.#held = new Promise<void>((resolve) => {
      release = resolve
    })
    return () => {
      this.#held = undefined
      release()
    }
  }

  /** Resolves when an encryption has started and waits on the hold. */
  whenEncryptionWaits(): Promise<void> {
    return new Promise<void>((resolve) => this.#waiting.push(resolve))
  }
}
