// PBES2 (RFC 8018 §6.2, scrypt from RFC 7914 §7) decryption done here rather than by
// createPrivateKey or pkijs: the parameters are read and their cost bounded before any work,
// and the key derivation runs on libuv's thread pool (crypto.pbkdf2 / crypto.scrypt), so a slow
// derivation never stalls main's event loop. One code path for every runtime, Node's OpenSSL and
// Electron's BoringSSL alike.
import { createDecipheriv, getCiphers, getHashes, pbkdf2, scrypt } from 'node:crypto'
import * as asn1js from 'asn1js'
import { boundedPbkdf2Iterations, boundedScryptCost, type ScryptCost } from './kdf-limits'
import { pkijs } from './webcrypto'

export const pbes2Oid = '1.2.840.113549.1.5.13'
const pbkdf2Oid = '1.2.840.113549.1.5.12'
const scryptOid = '1.3.6.1.4.1.11591.4.11'

const prfDigests: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
}

interface CipherSpec {
  label: string
  /** Node's name, when this app decrypts it. */
  node?: string
  keyLength?: number
  ivLength?: number
}

const ciphers: Record<string, CipherSpec> = {
  '2.16.840.1.101.3.4.1.2': {
    label: 'AES-128-CBC',
    node: 'aes-128-cbc',
    keyLength: 16,
    ivLength: 16,
  },
  '2.16.840.1.101.3.4.1.22': {
    label: 'AES-192-CBC',
    node: 'aes-192-cbc',
    keyLength: 24,
    ivLength: 16,
  },
  '2.16.840.1.101.3.4.1.42': {
    label: 'AES-256-CBC',
    node: 'aes-256-cbc',
    keyLength: 32,
    ivLength: 16,
  },
  '1.2.840.113549.3.7': { label: 'DES-EDE3-CBC', node: 'des-ede3-cbc', keyLength: 24, ivLength: 8 },
  // Single DES is broken, and OpenSSL 3 keeps it in the legacy provider: named, never opened.
  '1.3.14.3.2.7': { label: 'DES-CBC' },
}

export type Pbes2Kdf =
  | { name: 'pbkdf2'; salt: Buffer; iterations: number; digest: string }
  | { name: 'scrypt'; salt: Buffer; cost: ScryptCost }

export interface Pbes2Cipher {
  name: string
  keyLength: number
  iv: Buffer
}

export type Pbes2Scheme =
  | { label: string; decryptable: false }
  | { label: string; decryptable: true; kdf: Pbes2Kdf; cipher: Pbes2Cipher }

/** The parameters are not the ASN.1 RFC 8018 defines (the file is damaged or not PBES2). */
export class Pbes2ParametersDamaged extends Error {}

/**
 * What a PBES2 AlgorithmIdentifier asks for, its cost bounded (KDF_COST_TOO_HIGH) before any
 * derivation. A scheme this app does not decrypt comes back named, with decryptable false.
 */
export function readPbes2Scheme(algorithm: pkijs.AlgorithmIdentifier): Pbes2Scheme {
  if (algorithm.algorithmId !== pbes2Oid) throw new Pbes2ParametersDamaged('not PBES2')
  let parameters: pkijs.PBES2Params
  try {
    parameters = new pkijs.PBES2Params({ schema: algorithm.algorithmParams })
  } catch {
    throw new Pbes2ParametersDamaged('PBES2-params')
  }
  const cipherOid = parameters.encryptionScheme.algorithmId
  const spec = ciphers[cipherOid] ?? { label: cipherOid }
  const kdfOid = parameters.keyDerivationFunc.algorithmId
  const kdfParameters = sequenceItems(parameters.keyDerivationFunc.algorithmParams)
  let kdf: Pbes2Kdf | null
  let kdfLabel: string
  if (kdfOid === pbkdf2Oid) {
    const prf = kdfParameters[3] ?? kdfParameters[2]
    const prfOid = prf instanceof asn1js.Sequence ? algorithmOid(prf) : '1.2.840.113549.2.7'
    const digest = prfDigests[prfOid]
    kdfLabel = `PBKDF2-HMAC-${digest?.toUpperCase() ?? prfOid}`
    const salt = octets(kdfParameters[0])
    const iterations = boundedPbkdf2Iterations(positive(kdfParameters[1]))
    assertKeyLength(kdfParameters[2], spec.keyLength)
    kdf =
      digest && getHashes().includes(digest) ? { name: 'pbkdf2', salt, iterations, digest } : null
  } else if (kdfOid === scryptOid) {
    kdfLabel = 'scrypt'
    const salt = octets(kdfParameters[0])
    const cost = boundedScryptCost({
      cost: positive(kdfParameters[1]),
      blockSize: positive(kdfParameters[2]),
      parallelization: positive(kdfParameters[3]),
    })
    assertKeyLength(kdfParameters[4], spec.keyLength)
    kdf = { name: 'scrypt', salt, cost }
  } else {
    kdfLabel = kdfOid
    kdf = null
  }
  const label = `PBES2 (${kdfLabel}, ${spec.label})`
  if (!kdf || !spec.node || !spec.keyLength || !getCiphers().includes(spec.node)) {
    return { label, decryptable: false }
  }
  const iv = octets(parameters.encryptionScheme.algorithmParams)
  if (iv.length !== spec.ivLength) throw new Pbes2ParametersDamaged('IV length')
  return {
    label,
    decryptable: true,
    kdf,
    cipher: { name: spec.node, keyLength: spec.keyLength, iv },
  }
}

/**
 * The plaintext of data encrypted under scheme with password; null when the padding check fails,
 * which with CBC means the password is wrong (a wrong password passes it about once in 256
 * tries: the caller's parse of the plaintext catches those).
 */
export async function decryptPbes2(
  scheme: Extract<Pbes2Scheme, { decryptable: true }>,
  password: Buffer,
  data: Buffer,
): Promise<Buffer | null> {
  const key = await deriveKey(scheme.kdf, password, scheme.cipher.keyLength)
  const decipher = createDecipheriv(scheme.cipher.name, key, scheme.cipher.iv)
  try {
    return Buffer.concat([decipher.update(data), decipher.final()])
  } catch {
    return null
  }
}

function deriveKey(kdf: Pbes2Kdf, password: Buffer, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, key: Buffer): void => (error ? reject(error) : resolve(key))
    if (kdf.name === 'pbkdf2') {
      pbkdf2(password, kdf.salt, kdf.iterations, keyLength, kdf.digest, done)
    } else {
      const { cost, blockSize, parallelization, memoryBytes } = kdf.cost
      scrypt(
        password,
        kdf.salt,
        keyLength,
        // Node refuses a cost whose memory passes maxmem (32 MiB by default); the bound was checked.
        { N: cost, r: blockSize, p: parallelization, maxmem: memoryBytes + 1024 * 1024 },
        done,
      )
    }
  })
}

function sequenceItems(value: unknown): asn1js.AsnType[] {
  if (!(value instanceof asn1js.Sequence)) throw new Pbes2ParametersDamaged('KDF parameters')
  return value.valueBlock.value
}

function algorithmOid(sequence: asn1js.Sequence): string {
  const oid = sequence.valueBlock.value[0]
  if (!(oid instanceof asn1js.ObjectIdentifier)) throw new Pbes2ParametersDamaged('PRF')
  return oid.valueBlock.toString()
}

function octets(value: unknown): Buffer {
  if (!(value instanceof asn1js.OctetString)) throw new Pbes2ParametersDamaged('OCTET STRING')
  return octetStringBytes(value)
}

/** The bytes of an OCTET STRING, primitive or constructed (pkijs writes encrypted data constructed). */
export function octetStringBytes(value: asn1js.OctetString): Buffer {
  return Buffer.from(value.getValue())
}

/** An INTEGER of any size, read as a bigint so a 2^64 count is not mistaken for 0 (asn1js's valueDec). */
function positive(value: unknown): bigint {
  if (!(value instanceof asn1js.Integer)) throw new Pbes2ParametersDamaged('INTEGER')
  const number = value.toBigInt()
  if (number < 1n) throw new Pbes2ParametersDamaged('not positive')
  return number
}

function assertKeyLength(value: unknown, expected: number | undefined): void {
  if (!(value instanceof asn1js.Integer)) return
  if (expected !== undefined && value.toBigInt() !== BigInt(expected)) {
    throw new Pbes2ParametersDamaged('key length')
  }
}
