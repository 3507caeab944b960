// Private key files as users bring them: PEM or DER; PKCS#8 plain or encrypted (PBES2 with
// PBKDF2 or scrypt), PKCS#1 and SEC1, legacy encrypted PEM. PBES2 keys are decrypted by pbes2.ts
// off the event loop, after their cost is bounded; Node decodes the plain DER.
import {
  createCipheriv,
  createPrivateKey,
  pbkdf2Sync,
  randomBytes,
  getCiphers,
  X509Certificate,
  type KeyObject,
} from 'node:crypto'
import * as asn1js from 'asn1js'
import { AppError } from '../../shared/ipc/errors'
import {
  brokenExportPasswordRules,
  exportPasswordRuleCodes,
  exportPasswordRuleMessages,
} from '../../shared/validation/export-password'
import { isPem, pem, pemBlocks } from './encoding'
import { boundedPkcs12Iterations } from './kdf-limits'
import {
  decryptPbes2,
  octetStringBytes,
  pbes2Oid,
  Pbes2ParametersDamaged,
  readPbes2Scheme,
  type Pbes2Scheme,
} from './pbes2'
import { pkijs } from './webcrypto'

export type KeyAlgorithm = { type: 'rsa'; bits: number } | { type: 'ec'; curve: string }

export type KeyFileFormat = 'pkcs8' | 'encrypted-pkcs8' | 'pkcs1' | 'sec1' | 'encrypted-pem'

export interface PrivateKeyFile {
  key: KeyObject
  algorithm: KeyAlgorithm
  format: KeyFileFormat
  encoding: 'pem' | 'der'
  /** The scheme the file was encrypted with, e.g. "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)". */
  encryption: string | null
}

const curveNames: Record<string, string> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
}

/** RSA or EC and its size; KEY_UNSUPPORTED for every other kind of key. */
export function keyAlgorithm(key: KeyObject): KeyAlgorithm {
  const details = key.asymmetricKeyDetails
  if (key.asymmetricKeyType === 'rsa' && details?.modulusLength !== undefined) {
    return { type: 'rsa', bits: details.modulusLength }
  }
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve !== undefined) {
    return { type: 'ec', curve: curveNames[details.namedCurve] ?? details.namedCurve }
  }
  throw new AppError(
    'KEY_UNSUPPORTED',
    `KSeF accepts RSA and EC keys only; this is a ${key.asymmetricKeyType ?? 'unknown'} key.`,
    { keyType: key.asymmetricKeyType ?? 'unknown' },
  )
}

export function describeKeyAlgorithm(algorithm: KeyAlgorithm): string {
  return algorithm.type === 'rsa' ? `RSA ${algorithm.bits}` : `EC ${algorithm.curve}`
}

/** A key KSeF takes for a XAdES signature: RSA of 2048 bits or more, or EC on a NIST curve. */
export function assertSigningKey(key: KeyObject): KeyAlgorithm {
  return assertAcceptedKeyAlgorithm(keyAlgorithm(key))
}

/**
 * The same rule for a key known by its algorithm alone (a certificate's public key). A key under
 * KSeF's minimum (REFERENCE.md §3.4: RSA 2048 bits, EC curves of 256 bits) is KEY_TOO_WEAK; a
 * curve of that size that is not a NIST one, which this app does not sign with, KEY_UNSUPPORTED.
 */
export function assertAcceptedKeyAlgorithm(algorithm: KeyAlgorithm): KeyAlgorithm {
  const described = describeKeyAlgorithm(algorithm)
  const weak = algorithm.type === 'rsa' ? algorithm.bits < 2048 : curveBits(algorithm.curve) < 256
  if (weak) {
    throw new AppError(
      'KEY_TOO_WEAK',
      `KSeF accepts RSA keys of 2048 bits or more and EC curves of 256 bits or more; this is ${described}.`,
      { algorithm: described },
    )
  }
  if (algorithm.type === 'ec' && !Object.values(curveNames).includes(algorithm.curve)) {
    throw new AppError(
      'KEY_UNSUPPORTED',
      `KSeF accepts EC keys on P-256, P-384 and P-521; this is ${described}.`,
      { algorithm: described },
    )
  }
  return algorithm
}

/**
 * A named curve's size in bits. OpenSSL's names carry it (prime192v1, secp224r1,
 * brainpoolP160r1, sect163k1); the WTLS and Oakley curves, whose names do not, are all smaller
 * than 240 bits, and SM2 is a 256-bit curve.
 */
function curveBits(curve: string): number {
  if (Object.values(curveNames).includes(curve)) return Number(curve.slice(2))
  if (curve === 'SM2') return 256
  const digits = /\d{3}/.exec(curve)?.[0]
  return digits ? Number(digits) : 0
}

export async function readPrivateKey(
  data: Buffer | string,
  password?: string,
): Promise<PrivateKeyFile> {
  if (isPem(data))
    return readPemKey(typeof data === 'string' ? data : data.toString('latin1'), password)
  const der = Buffer.from(data)
  const encrypted = encryptedPkcs8(der)
  if (encrypted) return decryptPkcs8(der, encrypted, password, 'der')
  for (const format of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    const key = tryDer(der, format)
    if (key) return plainKey(key, format, 'der')
  }
  throw unreadable('The file is not a private key, or it is damaged.')
}

async function readPemKey(text: string, password: string | undefined): Promise<PrivateKeyFile> {
  const blocks = pemBlocks(text)
  const block = blocks.find((b) => keyFormats.has(b.label))
  if (!block) {
    const found = blocks[0]?.label
    throw unreadable(
      found
        ? `The file holds a ${found}, not a private key.`
        : 'The file is not a private key, or it is damaged.',
      found,
    )
  }
  const format = keyFormats.get(block.label) ?? 'pkcs8'
  if (format === 'encrypted-pkcs8') {
    const encrypted = encryptedPkcs8(block.der)
    if (!encrypted) throw unreadable('The encrypted private key is damaged.')
    return decryptPkcs8(block.der, encrypted, password, 'pem')
  }
  if (block.headers.get('Proc-Type')?.includes('ENCRYPTED')) {
    return decryptLegacyPem(text, block.headers.get('DEK-Info') ?? null, password)
  }
  const key = tryDer(block.der, format === 'pkcs1' || format === 'sec1' ? format : 'pkcs8')
  if (!key) throw unreadable('The private key is damaged.')
  return plainKey(key, format, 'pem')
}

const keyFormats = new Map<string, KeyFileFormat>([
  ['PRIVATE KEY', 'pkcs8'],
  ['ENCRYPTED PRIVATE KEY', 'encrypted-pkcs8'],
  ['RSA PRIVATE KEY', 'pkcs1'],
  ['EC PRIVATE KEY', 'sec1'],
])

function tryDer(der: Buffer, type: 'pkcs8' | 'pkcs1' | 'sec1'): KeyObject | null {
  try {
    return createPrivateKey({ key: der, format: 'der', type })
  } catch {
    return null
  }
}

function plainKey(key: KeyObject, format: KeyFileFormat, encoding: 'pem' | 'der'): PrivateKeyFile {
  return { key, algorithm: keyAlgorithm(key), format, encoding, encryption: null }
}

interface EncryptedPkcs8 {
  bag: pkijs.PKCS8ShroudedKeyBag
  scheme: PbeScheme
}

type PbeScheme = Pbes2Scheme | { label: string; legacy: true }

/**
 * The EncryptedPrivateKeyInfo in der with its scheme read and its cost bounded, or null when der
 * is not one. KDF_COST_TOO_HIGH comes from here, before a password is even asked for.
 */
function encryptedPkcs8(der: Buffer): EncryptedPkcs8 | null {
  let bag: pkijs.PKCS8ShroudedKeyBag
  try {
    bag = pkijs.PKCS8ShroudedKeyBag.fromBER(arrayBufferOf(der))
  } catch {
    return null
  }
  return { bag, scheme: pbeScheme(bag.encryptionAlgorithm) }
}

async function decryptPkcs8(
  der: Buffer,
  encrypted: EncryptedPkcs8,
  password: string | undefined,
  encoding: 'pem' | 'der',
): Promise<PrivateKeyFile> {
  if (!password) throw passwordRequired()
  const { scheme } = encrypted
  const key =
    'legacy' in scheme
      ? decryptLegacyPkcs8(der, scheme.label, password)
      : await decryptPbes2Key(encrypted.bag, scheme, password)
  return {
    key,
    algorithm: keyAlgorithm(key),
    format: 'encrypted-pkcs8',
    encoding,
    encryption: scheme.label,
  }
}

async function decryptPbes2Key(
  bag: pkijs.PKCS8ShroudedKeyBag,
  scheme: Pbes2Scheme,
  password: string,
): Promise<KeyObject> {
  if (!scheme.decryptable) throw encryptionUnsupported(scheme.label)
  const plain = await decryptPbes2(
    scheme,
    Buffer.from(password, 'utf8'),
    octetStringBytes(bag.encryptedData),
  )
  // A wrong password fails the padding check, or (1 in ~256) yields bytes that are not a key.
  const key = plain && tryDer(plain, 'pkcs8')
  if (!key) throw wrongPassword()
  return key
}

/**
 * PBES1 and PKCS#12 PBE keys (old Java and Windows tools), which OpenSSL derives on this thread:
 * their count is held to the PKCS#12 limit, which keeps that short.
 */
function decryptLegacyPkcs8(der: Buffer, label: string, password: string): KeyObject {
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase: password })
  } catch (error) {
    if (isBadDecrypt(error)) throw wrongPassword()
    throw encryptionUnsupported(label)
  }
}

function decryptLegacyPem(
  text: string,
  dekInfo: string | null,
  password: string | undefined,
): PrivateKeyFile {
  if (!password) throw passwordRequired()
  const label = `legacy PEM encryption (${dekInfo?.split(',')[0] ?? 'unknown cipher'})`
  try {
    const key = createPrivateKey({ key: text, format: 'pem', passphrase: password })
    return {
      key,
      algorithm: keyAlgorithm(key),
      format: 'encrypted-pem',
      encoding: 'pem',
      encryption: label,
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    // CBC without a MAC: a wrong password usually breaks the padding ("bad decrypt"), but about
    // once in 256 it leaves valid padding over garbage that then fails to parse. With a cipher
    // OpenSSL has, either failure means the password is wrong; only an unknown cipher is unsupported.
    const cipher = dekInfo?.split(',')[0]?.trim().toLowerCase() ?? ''
    if (isBadDecrypt(error) || getCiphers().includes(cipher)) throw wrongPassword()
    throw encryptionUnsupported(label)
  }
}

const isBadDecrypt = (error: unknown): boolean =>
  error instanceof Error &&
  /bad.?decrypt/i.test(`${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`)

const legacyPbeNames: Record<string, string> = {
  '1.2.840.113549.1.5.3': 'PBES1 (MD5, DES-CBC)',
  '1.2.840.113549.1.5.10': 'PBES1 (SHA1, DES-CBC)',
  '1.2.840.113549.1.12.1.3': 'PKCS#12 PBE (SHA1, 3DES)',
  '1.2.840.113549.1.12.1.6': 'PKCS#12 PBE (SHA1, RC2-40)',
}

function pbeScheme(algorithm: pkijs.AlgorithmIdentifier): PbeScheme {
  const oid = algorithm.algorithmId
  if (oid !== pbes2Oid) {
    boundedPkcs12Iterations(legacyIterations(algorithm.algorithmParams))
    return { label: legacyPbeNames[oid] ?? `unknown scheme ${oid}`, legacy: true }
  }
  try {
    return readPbes2Scheme(algorithm)
  } catch (error) {
    if (error instanceof Pbes2ParametersDamaged)
      throw unreadable('The encrypted private key is damaged.')
    throw error
  }
}

/** PBEParameter (RFC 8018 A.3, RFC 7292 C): salt, then the iteration count. */
function legacyIterations(parameters: unknown): bigint {
  const count = parameters instanceof asn1js.Sequence ? parameters.valueBlock.value[1] : undefined
  if (!(count instanceof asn1js.Integer)) throw unreadable('The encrypted private key is damaged.')
  return count.toBigInt()
}

/** Whether key is the private key of certificate (DER or parsed). */
export function keyMatchesCertificate(
  key: KeyObject,
  certificate: Buffer | X509Certificate,
): boolean {
  try {
    const x509 =
      certificate instanceof X509Certificate ? certificate : new X509Certificate(certificate)
    return x509.checkPrivateKey(key)
  } catch {
    return false
  }
}

export function assertKeyMatchesCertificate(
  key: KeyObject,
  certificate: Buffer | X509Certificate,
): void {
  if (!keyMatchesCertificate(key, certificate)) {
    throw new AppError('KEY_CERT_MISMATCH', 'The private key does not belong to this certificate.')
  }
}

const oids = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSha256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const
const exportIterations = 100_000

/**
 * PEM of the key as encrypted PKCS#8 the way the MF web app writes it: PBES2 with
 * PBKDF2-HMAC-SHA256 and AES-256-CBC, under the MF password rules. Built here rather than by
 * KeyObject.export, whose scheme depends on the runtime (Electron's BoringSSL writes HMAC-SHA1).
 */
export function exportEncryptedKey(key: KeyObject, password: string): string {
  assertExportPassword(password)
  const salt = randomBytes(16)
  const iv = randomBytes(16)
  const derived = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, exportIterations, 32, 'sha256')
  const cipher = createCipheriv('aes-256-cbc', derived, iv)
  const plain = key.export({ format: 'der', type: 'pkcs8' })
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()])
  const parameters = new pkijs.PBES2Params({
    keyDerivationFunc: new pkijs.AlgorithmIdentifier({
      algorithmId: oids.pbkdf2,
      algorithmParams: new pkijs.PBKDF2Params({
        salt: new asn1js.OctetString({ valueHex: arrayBufferOf(salt) }),
        iterationCount: exportIterations,
        prf: new pkijs.AlgorithmIdentifier({
          algorithmId: oids.hmacWithSha256,
          algorithmParams: new asn1js.Null(),
        }),
      }).toSchema(),
    }),
    encryptionScheme: new pkijs.AlgorithmIdentifier({
      algorithmId: oids.aes256Cbc,
      algorithmParams: new asn1js.OctetString({ valueHex: arrayBufferOf(iv) }),
    }),
  })
  const info = new pkijs.PKCS8ShroudedKeyBag({
    encryptionAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: oids.pbes2,
      algorithmParams: parameters.toSchema(),
    }),
    encryptedData: new asn1js.OctetString({ valueHex: arrayBufferOf(encrypted) }),
  })
  return pem(Buffer.from(info.toSchema().toBER(false)), 'ENCRYPTED PRIVATE KEY')
}

/** Refuses a password that breaks an MF rule, with the code and message of the first one broken. */
export function assertExportPassword(password: string): void {
  const broken = brokenExportPasswordRules(password)
  const [first] = broken
  if (first) {
    throw new AppError(exportPasswordRuleCodes[first], exportPasswordRuleMessages[first], {
      brokenRules: broken,
    })
  }
}

export function arrayBufferOf(data: Uint8Array): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer
}

const unreadable = (message: string, found?: string): AppError =>
  new AppError('KEY_UNREADABLE', message, found ? { found } : undefined)
const passwordRequired = (): AppError =>
  new AppError('KEY_PASSWORD_REQUIRED', 'The private key is encrypted: give its password.')
const wrongPassword = (): AppError =>
  new AppError('KEY_WRONG_PASSWORD', 'The password does not open this private key.')
const encryptionUnsupported = (scheme: string): AppError =>
  new AppError(
    'KEY_ENCRYPTION_UNSUPPORTED',
    `The private key is encrypted with ${scheme}, which this app cannot open. Export it again with AES-256 encryption.`,
    { scheme },
  )
