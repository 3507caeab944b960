// PKCS#12 (.p12 / .pfx) through pkijs: Node cannot read them at all. We read files protected the
// modern way (PBES2 + AES, as OpenSSL 3 and current Windows write them) and write the same. Every
// iteration count the file asks for is bounded (kdf-limits.ts) before the work it costs; the key
// bags are decrypted by pbes2.ts off the event loop, the encrypted contents by pkijs over
// WebCrypto (also off it), the MAC checked by pkcs12-mac.ts in slices between event-loop turns.
import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto'
import * as asn1js from 'asn1js'
import { AppError } from '../../shared/ipc/errors'
import { readCertificate, type CertificateInfo } from './certificates'
import { boundedPkcs12Iterations } from './kdf-limits'
import { macMatches, type Pkcs12Mac } from './pkcs12-mac'
import {
  arrayBufferOf,
  assertExportPassword,
  keyAlgorithm,
  keyMatchesCertificate,
  type KeyAlgorithm,
} from './keys'
import {
  decryptPbes2,
  octetStringBytes,
  pbes2Oid,
  Pbes2ParametersDamaged,
  readPbes2Scheme,
} from './pbes2'
import { pkijs } from './webcrypto'

export interface Pkcs12Contents {
  certificate: CertificateInfo
  privateKey: KeyObject
  algorithm: KeyAlgorithm
  /** The other certificates in the file (issuers), in file order. */
  chain: CertificateInfo[]
}

const bagTypes = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  certificate: '1.2.840.113549.1.12.10.1.3',
} as const
const dataContent = '1.2.840.113549.1.7.1'
const encryptedDataContent = '1.2.840.113549.1.7.6'

export async function readPkcs12(data: Buffer, password: string): Promise<Pkcs12Contents> {
  const pfx = parsePfx(data)
  const mac = macOf(data)
  const secret = arrayBufferOf(Buffer.from(password, 'utf8'))
  if (mac && !(await macMatches(mac, password, authenticatedSafeBytes(pfx)))) {
    throw new AppError('PKCS12_WRONG_PASSWORD', 'The password does not open this .p12 file.')
  }
  try {
    await pfx.parseInternalValues({ password: secret, checkIntegrity: false })
  } catch {
    throw unreadable()
  }
  const authenticatedSafe = pfx.parsedValue?.authenticatedSafe
  if (!authenticatedSafe) throw unreadable()

  const contents = authenticatedSafe.safeContents
  for (const content of contents) {
    if (content.contentType === encryptedDataContent) {
      // Parsed from a copy: pkijs consumes the schema object it parses from.
      const envelope = pkijs.EncryptedData.fromBER(
        (content.content as asn1js.BaseBlock).toBER(false),
      )
      if (!pbes2Scheme(envelope.encryptedContentInfo.contentEncryptionAlgorithm).decryptable) {
        throw encryptionUnsupported()
      }
    }
  }
  try {
    await authenticatedSafe.parseInternalValues({
      safeContents: contents.map((c) =>
        c.contentType === dataContent ? {} : { password: secret },
      ),
    })
  } catch {
    throw new AppError('PKCS12_WRONG_PASSWORD', 'The password does not open this .p12 file.')
  }

  const keys: KeyObject[] = []
  const certificates: CertificateInfo[] = []
  // pkijs leaves parsedValue untyped; after parseInternalValues it holds one SafeContents per content.
  const parsed = authenticatedSafe.parsedValue as
    { safeContents?: { value: pkijs.SafeContents }[] } | undefined
  for (const safe of parsed?.safeContents ?? []) {
    for (const bag of safe.value.safeBags) {
      if (bag.bagId === bagTypes.shroudedKey) keys.push(await shroudedKey(bag.bagValue, password))
      else if (bag.bagId === bagTypes.key) keys.push(privateKeyOf(bag.bagValue))
      else if (bag.bagId === bagTypes.certificate) {
        const certificate = certificateOf(bag.bagValue)
        if (certificate) certificates.push(certificate)
      }
    }
  }
  const privateKey = keys[0]
  if (!privateKey) throw new AppError('PKCS12_NO_KEY', 'The .p12 file holds no private key.')
  const certificate = certificates.find((c) => keyMatchesCertificate(privateKey, c.der))
  if (!certificate) {
    throw new AppError(
      'PKCS12_NO_CERTIFICATE',
      'The .p12 file holds no certificate for its private key.',
    )
  }
  return {
    certificate,
    privateKey,
    algorithm: keyAlgorithm(privateKey),
    chain: certificates.filter((c) => c !== certificate),
  }
}

function parsePfx(data: Buffer): pkijs.PFX {
  try {
    return pkijs.PFX.fromBER(arrayBufferOf(data))
  } catch {
    throw unreadable()
  }
}

/**
 * MacData (RFC 7292 §4) read from the DER, its iteration count (DEFAULT 1) bounded before any
 * work: pkijs reads an INTEGER past 2^53 as 0. Null when the file has no MAC.
 */
function macOf(data: Buffer): Pkcs12Mac | null {
  const pfx = asn1js.fromBER(arrayBufferOf(data)).result
  const macData = pfx instanceof asn1js.Sequence ? pfx.valueBlock.value[2] : undefined
  if (!(macData instanceof asn1js.Sequence)) return null
  const [digestInfo, salt, count] = macData.valueBlock.value
  const iterations = boundedPkcs12Iterations(
    count instanceof asn1js.Integer ? count.toBigInt() : 1n,
  )
  const [algorithm, digest] =
    digestInfo instanceof asn1js.Sequence ? digestInfo.valueBlock.value : []
  const oid = algorithm instanceof asn1js.Sequence ? algorithm.valueBlock.value[0] : undefined
  if (
    !(oid instanceof asn1js.ObjectIdentifier) ||
    !(digest instanceof asn1js.OctetString) ||
    !(salt instanceof asn1js.OctetString) ||
    iterations < 1
  ) {
    throw unreadable()
  }
  return {
    digestOid: oid.valueBlock.toString(),
    digest: octetStringBytes(digest),
    salt: octetStringBytes(salt),
    iterations,
  }
}

/** The bytes the MAC covers: the content of the PFX's authSafe, an OCTET STRING of data. */
function authenticatedSafeBytes(pfx: pkijs.PFX): Buffer {
  const content = pfx.authSafe.content as unknown
  if (pfx.authSafe.contentType !== dataContent || !(content instanceof asn1js.OctetString)) {
    throw unreadable()
  }
  return octetStringBytes(content)
}

/** The PBES2 scheme with its cost bounded; any other scheme is the legacy encryption refused here. */
function pbes2Scheme(algorithm: pkijs.AlgorithmIdentifier) {
  if (algorithm.algorithmId !== pbes2Oid) throw encryptionUnsupported()
  try {
    return readPbes2Scheme(algorithm)
  } catch (error) {
    if (error instanceof Pbes2ParametersDamaged) throw unreadable()
    throw error
  }
}

async function shroudedKey(value: pkijs.BagType, password: string): Promise<KeyObject> {
  if (!(value instanceof pkijs.PKCS8ShroudedKeyBag)) throw unreadable()
  const scheme = pbes2Scheme(value.encryptionAlgorithm)
  if (!scheme.decryptable) throw encryptionUnsupported()
  const plain = await decryptPbes2(
    scheme,
    Buffer.from(password, 'utf8'),
    octetStringBytes(value.encryptedData),
  )
  let keyInfo: pkijs.PrivateKeyInfo
  try {
    if (!plain) throw new Error('padding')
    keyInfo = pkijs.PrivateKeyInfo.fromBER(arrayBufferOf(plain))
  } catch {
    throw new AppError('PKCS12_WRONG_PASSWORD', 'The password does not open this .p12 file.')
  }
  return privateKeyOf(keyInfo)
}

function privateKeyOf(value: pkijs.BagType | pkijs.PrivateKeyInfo): KeyObject {
  if (!(value instanceof pkijs.PrivateKeyInfo)) throw unreadable()
  try {
    return createPrivateKey({
      key: Buffer.from(value.toSchema().toBER(false)),
      format: 'der',
      type: 'pkcs8',
    })
  } catch {
    throw unreadable()
  }
}

function certificateOf(value: pkijs.BagType): CertificateInfo | null {
  if (!(value instanceof pkijs.CertBag) || !(value.parsedValue instanceof pkijs.Certificate))
    return null
  return readCertificate(Buffer.from(value.parsedValue.toSchema().toBER(false)))
}

export interface Pkcs12Export {
  certificate: Buffer
  privateKey: KeyObject
  password: string
  friendlyName?: string
}

// What OpenSSL 3 writes by default, which current Windows, macOS and Java open too.
const encryption = {
  contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 },
  hmacHashAlgorithm: 'SHA-256',
  iterationCount: 100_000,
}
const macIterations = 2048

/** A .p12 with the certificate and its key, password-protected under the MF password rules. */
export async function exportPkcs12(input: Pkcs12Export): Promise<Buffer> {
  assertExportPassword(input.password)
  if (!keyMatchesCertificate(input.privateKey, input.certificate)) {
    throw new AppError('KEY_CERT_MISMATCH', 'The private key does not belong to this certificate.')
  }
  const secret = arrayBufferOf(Buffer.from(input.password, 'utf8'))
  const localKeyId = randomBytes(20)
  const attributes = [
    new pkijs.Attribute({
      type: '1.2.840.113549.1.9.21', // localKeyID: pairs the key with its certificate
      values: [new asn1js.OctetString({ valueHex: arrayBufferOf(localKeyId) })],
    }),
    ...(input.friendlyName
      ? [
          new pkijs.Attribute({
            type: '1.2.840.113549.1.9.20', // friendlyName
            values: [new asn1js.BmpString({ value: input.friendlyName })],
          }),
        ]
      : []),
  ]
  const keyInfo = pkijs.PrivateKeyInfo.fromBER(
    arrayBufferOf(input.privateKey.export({ format: 'der', type: 'pkcs8' })),
  )
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: keyInfo })
  await keyBag.makeInternalValues({ password: secret, ...encryption })
  const certificateBag = new pkijs.CertBag({
    parsedValue: pkijs.Certificate.fromBER(arrayBufferOf(input.certificate)),
  })

  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            {
              privacyMode: 1,
              value: new pkijs.SafeContents({
                safeBags: [
                  new pkijs.SafeBag({
                    bagId: bagTypes.certificate,
                    bagValue: certificateBag,
                    bagAttributes: attributes,
                  }),
                ],
              }),
            },
            {
              privacyMode: 0,
              value: new pkijs.SafeContents({
                safeBags: [
                  new pkijs.SafeBag({
                    bagId: bagTypes.shroudedKey,
                    bagValue: keyBag,
                    bagAttributes: attributes,
                  }),
                ],
              }),
            },
          ],
        },
      }),
    },
  })
  await pfx.parsedValue?.authenticatedSafe?.makeInternalValues({
    safeContents: [{ password: secret, ...encryption }, {}],
  })
  await pfx.makeInternalValues({
    password: secret,
    iterations: macIterations,
    pbkdf2HashAlgorithm: 'SHA-256',
    hmacHashAlgorithm: 'SHA-256',
  })
  return Buffer.from(pfx.toSchema().toBER(false))
}

const unreadable = (): AppError =>
  new AppError('PKCS12_UNREADABLE', 'The file is not a .p12/.pfx file, or it is damaged.')
const encryptionUnsupported = (): AppError =>
  new AppError(
    'PKCS12_ENCRYPTION_UNSUPPORTED',
    'The .p12 file uses old encryption (RC2 or 3DES) that this app cannot open. Export it again with AES-256 encryption.',
  )
