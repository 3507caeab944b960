// PKCS#12 (.p12 / .pfx) through pkijs: Node cannot read them at all. We read files protected the
// modern way (PBES2 + AES, as OpenSSL 3 and current Windows write them) and write the same.
import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto'
import * as asn1js from 'asn1js'
import { AppError } from '../../shared/ipc/errors'
import { readCertificate, type CertificateInfo } from './certificates'
import {
  arrayBufferOf,
  assertExportPassword,
  decryptShroudedKeyBag,
  keyAlgorithm,
  keyMatchesCertificate,
  type KeyAlgorithm,
} from './keys'
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
const pbes2 = '1.2.840.113549.1.5.13'
const dataContent = '1.2.840.113549.1.7.1'
const encryptedDataContent = '1.2.840.113549.1.7.6'

export async function readPkcs12(data: Buffer, password: string): Promise<Pkcs12Contents> {
  const pfx = parsePfx(data)
  const secret = arrayBufferOf(Buffer.from(password, 'utf8'))
  try {
    await pfx.parseInternalValues({ password: secret, checkIntegrity: pfx.macData !== undefined })
  } catch {
    throw pfx.macData
      ? new AppError('PKCS12_WRONG_PASSWORD', 'The password does not open this .p12 file.')
      : unreadable()
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
      const algorithm = envelope.encryptedContentInfo.contentEncryptionAlgorithm.algorithmId
      if (algorithm !== pbes2) throw encryptionUnsupported()
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
      if (bag.bagId === bagTypes.shroudedKey) keys.push(await shroudedKey(bag.bagValue, secret))
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

async function shroudedKey(value: pkijs.BagType, secret: ArrayBuffer): Promise<KeyObject> {
  if (!(value instanceof pkijs.PKCS8ShroudedKeyBag)) throw unreadable()
  if (value.encryptionAlgorithm.algorithmId !== pbes2) throw encryptionUnsupported()
  let keyInfo: pkijs.PrivateKeyInfo
  try {
    keyInfo = pkijs.PrivateKeyInfo.fromBER(
      arrayBufferOf(await decryptShroudedKeyBag(value, secret)),
    )
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
