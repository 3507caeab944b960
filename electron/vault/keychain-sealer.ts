import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '../../shared/ipc/errors'
import { associatedData, openEnvelope, sealEnvelope, type Sealer } from './sealer'

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

/** The envelope's format name: the CLI recognises the desktop app's file by it. */
export const keychainSealedFormat = 'ksef-desk-keychain-sealed'
const format = keychainSealedFormat

// safeStorage encrypts without authenticating on Linux and macOS (AES-CBC), so the keychain only
// wraps a fresh data key; the document is sealed with AES-256-GCM under that key, the envelope's
// fields (the wrapped key and the IV included) as associated data.
const Envelope = z.strictObject({
  format: z.literal(format),
  version: z.literal(1),
  cipher: z.literal('aes-256-gcm'),
  key: z.base64().min(1),
  iv: z.base64().min(1),
  tag: z.base64().min(1),
  data: z.base64(),
})
type Envelope = z.infer<typeof Envelope>

const header = (envelope: Omit<Envelope, 'tag' | 'data'>) =>
  associatedData({
    format: envelope.format,
    version: envelope.version,
    cipher: envelope.cipher,
    key: envelope.key,
    iv: envelope.iv,
  })

/**
 * Seals with the OS keychain (Keychain on macOS, DPAPI on Windows, libsecret/KWallet on Linux)
 * through safeStorage's asynchronous API, and refuses to seal where that protects nothing.
 */
export function keychainSealer(keychain: Keychain, platform: NodeJS.Platform): Sealer {
  const unwrap = async (sealed: Buffer): Promise<string> => {
    try {
      return (await keychain.decryptStringAsync(sealed)).result
    } catch {
      throw new AppError(
        'SECRETS_LOCKED',
        'The system keychain cannot open the secrets file (another user account or a reset keychain?). It was left as it is.',
      )
    }
  }
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
      const dataKey = randomBytes(32)
      const iv = randomBytes(12)
      const fields = {
        format,
        version: 1,
        cipher: 'aes-256-gcm',
        key: (await keychain.encryptStringAsync(dataKey.toString('base64'))).toString('base64'),
        iv: iv.toString('base64'),
      } as const
      return sealEnvelope(dataKey, fields, header(fields), plaintext)
    },
    async open(sealed) {
      const envelope = parseEnvelope(sealed)
      // Written before the envelope existed: the keychain's own bytes, sealed again once opened.
      if (envelope === undefined) return { plaintext: await unwrap(sealed), outdated: true }
      const dataKey = Buffer.from(await unwrap(Buffer.from(envelope.key, 'base64')), 'base64')
      try {
        const plaintext = openEnvelope(dataKey, envelope, header(envelope))
        return { plaintext, outdated: false }
      } catch {
        throw new AppError(
          'SECRETS_LOCKED',
          'The secrets file does not open: it was altered (its seal does not match). It was left as it is.',
        )
      }
    },
  }
}

/** The envelope, or undefined for bytes that are not JSON of this format (the keychain's own). */
function parseEnvelope(sealed: Buffer): Envelope | undefined {
  let json: unknown
  try {
    json = JSON.parse(sealed.toString('utf8'))
  } catch {
    return undefined
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== format)
    return undefined
  const parsed = Envelope.safeParse(json)
  if (!parsed.success) {
    throw new AppError(
      'SECRETS_CORRUPT',
      'The secrets file is not a sealed secrets file of this app. It was left as it is.',
    )
  }
  return parsed.data
}
