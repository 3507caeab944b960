import { safeStorage } from 'electron'
import type { AppError } from '../../shared/ipc/errors'
import { keychainSealer, weakKeychainError } from '../vault/keychain-sealer'
import type { Sealer } from '../vault/sealer'

/** The secrets file's sealer in the desktop app: the OS keychain through safeStorage. */
export const safeStorageSealer: Sealer = keychainSealer(safeStorage, process.platform)

/** Said at start as well, so the user knows before trying to store a key or a token. */
export const keychainWarning = (): AppError | undefined =>
  weakKeychainError(safeStorage, process.platform)
