/**
 * Turns the secrets document into bytes that are useless without a key held elsewhere:
 * the OS keychain (Electron safeStorage) in the app, a passphrase for the CLI and tests.
 */
export interface Sealer {
  seal(plaintext: string): Promise<Buffer>
  /** Throws AppError SECRETS_LOCKED when the key does not open it, SECRETS_CORRUPT when it is not sealed data at all. */
  open(sealed: Buffer): Promise<string>
}
