import { AppError } from '../../shared/ipc/errors'
import type { Sealer } from './sealer'

/** What the sealer needs of Electron's safeStorage: the platform passes safeStorage itself. */
export interface Keychain {
  isAsyncEncryptionAvailable(): Promise<boolean>
  encryptStringAsync(plaintext: string): Promise<Buffer>
  decryptStringAsync(sealed: Buffer): Promise<{ result: string }>
  getSelectedStorageBackend(): string
}

/**
 * On Linux without a keyring Chromium falls back to "basic_text": a key written into Chromium's
 * source, so a file sealed with it is only obfuscated. Returns the refusal to show, if so.
 */
export function weakKeychainError(
  keychain: Keychain,
  platform: NodeJS.Platform,
): AppError | undefined {
  if (platform !== 'linux' || keychain.getSelectedStorageBackend() !== 'basic_text') {
    return undefined
  }
  return new AppError(
    'SECRETS_WEAK_KEYCHAIN',
    'No system keyring (GNOME Keyring or KWallet) is available: secrets would be sealed with a fixed key anyone can undo, so keys and tokens are not stored. Install GNOME Keyring or KWallet, unlock it, and restart the app.',
  )
}

/**
 * Seals with the OS keychain (Keychain on macOS, DPAPI on Windows, libsecret/KWallet on Linux)
 * through safeStorage's asynchronous API, and refuses to seal where that protects nothing.
 */
export function keychainSealer(keychain: Keychain, platform: NodeJS.Platform): Sealer {
  return {
    async seal(plaintext) {
      const weak = weakKeychainError(keychain, platform)
      if (weak) throw weak
      if (!(await keychain.isAsyncEncryptionAvailable())) {
        throw new AppError(
          'SECRETS_LOCKED',
          'The system keychain is not available, so secrets cannot be stored.',
        )
      }
      return keychain.encryptStringAsync(plaintext)
    },
    async open(sealed) {
      try {
        return (await keychain.decryptStringAsync(sealed)).result
      } catch {
        throw new AppError(
          'SECRETS_LOCKED',
          'The system keychain cannot open the secrets file (another user account or a reset keychain?).',
        )
      }
    },
  }
}
