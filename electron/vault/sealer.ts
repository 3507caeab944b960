import { createCipheriv, createDecipheriv } from 'node:crypto'

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

/**
 * The file's bytes: the envelope's fields, then the AES-256-GCM tag and ciphertext of the
 * plaintext under `key`, with `aad` (the fields, see associatedData) authenticated alongside.
 */
export function sealEnvelope(
  key: Buffer,
  fields: { iv: string },
  aad: Buffer,
  plaintext: string,
): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(fields.iv, 'base64'), {
    authTagLength: 16,
  })
  cipher.setAAD(aad)
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const envelope = {
    ...fields,
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  }
  return Buffer.from(JSON.stringify(envelope), 'utf8')
}

/** The plaintext of an envelope; throws when the key, the fields or the ciphertext do not match. */
export function openEnvelope(
  key: Buffer,
  envelope: { iv: string; tag: string; data: string },
  aad: Buffer | undefined,
): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'), {
    authTagLength: 16,
  })
  if (aad) decipher.setAAD(aad)
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'))
  return Buffer.concat([
    decipher.update(Buffer.from(envelope.data, 'base64')),
    decipher.final(),
  ]).toString('utf8')
}
