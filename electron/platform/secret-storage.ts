import { safeStorage } from 'electron'
import { AppError } from '../../shared/ipc/errors'
import type { Sealer } from '../vault/sealer'

/**
 * Seals with the OS keychain through Electron's asynchronous safeStorage API (Keychain on macOS,
 * DPAPI on Windows, libsecret/kwallet on Linux).
 */
export const safeStorageSealer: Sealer = {
  async seal(plaintext) {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw new AppError(
        'SECRETS_LOCKED',
        'The system keychain is not available, so secrets cannot be stored.',
      )
    }
    return safeStorage.encryptStringAsync(plaintext)
  },
  async open(sealed) {
    try {
      return (await safeStorage.decryptStringAsync(sealed)).result
    } catch {
      throw new AppError(
        'SECRETS_LOCKED',
        'The system keychain cannot open the secrets file (another user account or a reset keychain?).',
      )
    }
  },
}

/**
 * On Linux without a keyring Chromium falls back to a fixed key ("basic_text"): the file is then
 * only obfuscated. The user must know before trusting it with keys.
 */
export function keychainWarning(): AppError | undefined {
  if (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text') {
    return undefined
  }
  return new AppError(
    'SECRETS_WEAK_KEYCHAIN',
    'No system keyring (GNOME Keyring / KWallet) was found: secrets are stored with a fixed key. Install and unlock a keyring.',
  )
}
