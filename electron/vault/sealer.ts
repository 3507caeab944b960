/**
 * Turns the secrets document into bytes that are useless without a key held elsewhere:
 * the OS keychain (Electron safeStorage) in the app, a passphrase for the CLI and tests.
 */
export interface Sealer {
  seal(plaintext: string): Promise<Buffer>
  /**
   * Throws AppError SECRETS_LOCKED when the key does not open it (or it was altered),
   * SECRETS_CORRUPT when it is not sealed data at all, SECRETS_KDF_TOO_COSTLY when it asks for a
   * key derivation costlier than the app's own. `outdated`: sealed in an earlier format, to be
   * sealed again in the current one.
   */
  open(sealed: Buffer): Promise<{ plaintext: string; outdated: boolean }>
}

/**
 * The envelope's own fields (format, version, how the key is made, the IV) as AES-GCM associated
 * data: a changed field then fails authentication like a changed ciphertext, instead of quietly
 * making another key or a different reading. Keys are sorted so the bytes do not depend on the
 * order a JSON parser kept them in.
 */
export function associatedData(header: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify(sortedKeys(header)), 'utf8')
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, child]) => [key, sortedKeys(child)]),
  )
}
