// KSeF-token login: the token travels as RSA-OAEP (SHA-256, MGF1-SHA-256) of "token|timestampMs",
// encrypted with the MF public key whose usage is KsefTokenEncryption.
import {
  constants,
  createPublicKey,
  publicEncrypt,
  X509Certificate,
  type KeyObject,
} from 'node:crypto'
import { AppError } from '../../shared/ipc/errors'
import { derOf } from './encoding'

export interface KsefTokenEncryptionInput {
  token: string
  /** The challenge's timestampMs (Unix milliseconds), not a time of our own. */
  timestampMs: number | bigint | string
  /** The MF certificate (DER, PEM or base64 DER as the API returns it), its SPKI, or the key. */
  publicKey: Buffer | string | KeyObject
}

/** Base64 of the encrypted "token|timestampMs", the encryptedToken of POST /auth/ksef-token. */
export function encryptKsefToken(input: KsefTokenEncryptionInput): string {
  const timestamp = String(input.timestampMs)
  if (!/^\d{1,16}$/.test(timestamp)) {
    throw new AppError(
      'AUTH_REQUEST_INVALID',
      'The challenge timestamp must be a whole number of milliseconds.',
      {
        field: 'timestampMs',
      },
    )
  }
  if (input.token.trim() === '') {
    throw new AppError('AUTH_REQUEST_INVALID', 'This does not look like a KSeF token.', {
      field: 'token',
    })
  }
  const key = tokenEncryptionKey(input.publicKey)
  const plaintext = Buffer.from(`${input.token}|${timestamp}`, 'utf8')
  return publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    plaintext,
  ).toString('base64')
}

/** The RSA public key in an MF public-key certificate (or a bare SubjectPublicKeyInfo). */
export function tokenEncryptionKey(source: Buffer | string | KeyObject): KeyObject {
  const key = typeof source === 'object' && !Buffer.isBuffer(source) ? source : publicKeyOf(source)
  if (key.asymmetricKeyType !== 'rsa') {
    throw new AppError(
      'TOKEN_KEY_INVALID',
      'The KSeF public key for token encryption is not an RSA key.',
    )
  }
  return key
}

function publicKeyOf(source: Buffer | string): KeyObject {
  const der = derOf(source, ['CERTIFICATE', 'PUBLIC KEY'])
  const key = der ? (certificateKey(der) ?? spkiKey(der)) : null
  if (!key) {
    throw new AppError(
      'TOKEN_KEY_INVALID',
      'The KSeF public key for token encryption is not a readable certificate.',
    )
  }
  return key
}

function certificateKey(der: Buffer): KeyObject | null {
  try {
    return new X509Certificate(der).publicKey
  } catch {
    return null
  }
}

// The contract's example shows a bare SubjectPublicKeyInfo where a certificate is described.
function spkiKey(der: Buffer): KeyObject | null {
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' })
  } catch {
    return null
  }
}
