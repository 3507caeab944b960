// X.509 certificates as KSeF sees them: who they name (NIP / PESEL from the subject), which KSeF
// type their key usage makes them, and the 16-hex serial number KSeF uses.
import { X509Certificate } from 'node:crypto'
import type { Clock } from '../clock'
import { AppError } from '../../shared/ipc/errors'
import { derOf, pem } from './encoding'
import { arrayBufferOf, keyAlgorithm, type KeyAlgorithm } from './keys'
import { pkijs, x509 } from './webcrypto'

export type CertificateUsage = 'Authentication' | 'Offline'

export interface NameAttribute {
  oid: string
  name: string
  value: string
}

export interface SubjectIdentifier {
  type: 'Nip' | 'Pesel'
  value: string
  attribute: 'serialNumber' | 'organizationIdentifier'
}

export interface CertificateInfo {
  der: Buffer
  pem: string
  subject: string
  issuer: string
  subjectAttributes: NameAttribute[]
  commonName: string | null
  /** Upper-case hex; padded to the 16 characters KSeF uses when the serial fits in 8 bytes. */
  serialNumber: string
  identifier: SubjectIdentifier | null
  validFrom: string
  validTo: string
  keyUsage: string[]
  /** The KSeF certificate type this key usage matches: KSeF certificates carry exactly one. */
  usage: CertificateUsage | null
  fingerprintSha256: string
  publicKey: KeyAlgorithm
  selfSigned: boolean
}

export function readCertificate(data: Buffer | string): CertificateInfo {
  const der = derOf(data, ['CERTIFICATE', 'X509 CERTIFICATE'])
  if (!der || der.length === 0) {
    throw new AppError('CERT_UNREADABLE', 'The file is not a certificate, or it is damaged.')
  }
  let node: X509Certificate
  let parsed: pkijs.Certificate
  let peculiar: x509.X509Certificate
  try {
    node = new X509Certificate(der)
  } catch {
    throw new AppError('CERT_UNREADABLE', 'The file is not a certificate, or it is damaged.')
  }
  assertNameSize(node)
  try {
    parsed = pkijs.Certificate.fromBER(arrayBufferOf(der))
    peculiar = new x509.X509Certificate(der)
  } catch {
    throw new AppError('CERT_UNREADABLE', 'The file is not a certificate, or it is damaged.')
  }
  const subjectAttributes = nameAttributes(parsed.subject)
  const keyUsage = keyUsageNames(peculiar)
  return {
    der: Buffer.from(node.raw),
    pem: pem(Buffer.from(node.raw), 'CERTIFICATE'),
    subject: displayName(subjectAttributes),
    issuer: displayName(nameAttributes(parsed.issuer)),
    subjectAttributes,
    commonName: subjectAttributes.find((a) => a.oid === '2.5.4.3')?.value ?? null,
    serialNumber: ksefSerialNumber(node.serialNumber),
    identifier: subjectIdentifier(subjectAttributes),
    validFrom: peculiar.notBefore.toISOString(),
    validTo: peculiar.notAfter.toISOString(),
    keyUsage,
    usage: certificateUsage(keyUsage),
    fingerprintSha256: node.fingerprint256.replace(/:/g, ''),
    publicKey: keyAlgorithm(node.publicKey),
    selfSigned: node.subject === node.issuer && node.verify(node.publicKey),
  }
}

/**
 * Real subjects and issuers carry a handful of attributes (a qualified certificate about ten);
 * 64 leaves room for any of them. A certificate of thousands is well-formed X.509 but no one's
 * credential, and the ASN.1 readers stop at their node limit on it, so it is refused by name.
 */
const nameAttributeLimit = 64

/**
 * Counted from Node's reading of the names (one attribute a line), as asn1js, pkijs and
 * @peculiar/x509 all stop at their ASN.1 node limit on a name this large.
 */
function assertNameSize(certificate: X509Certificate): void {
  const attributes = Math.max(
    ...[certificate.subject, certificate.issuer].map((name) => name.split('\n').length),
  )
  if (attributes > nameAttributeLimit) {
    throw new AppError(
      'CERT_SUBJECT_TOO_LARGE',
      `The certificate's subject or issuer has ${attributes} attributes; this app takes at most ${nameAttributeLimit}.`,
      { attributes, limit: nameAttributeLimit },
    )
  }
}

export type CertificateValidity = 'valid' | 'not-yet-valid' | 'expired'

export function certificateValidity(
  certificate: Pick<CertificateInfo, 'validFrom' | 'validTo'>,
  clock: Clock,
): CertificateValidity {
  const now = clock.now()
  if (now < Date.parse(certificate.validFrom)) return 'not-yet-valid'
  if (now > Date.parse(certificate.validTo)) return 'expired'
  return 'valid'
}

/** KSeF writes serials as 16 upper-case hex digits; DER may drop leading zeros or add a sign byte. */
export function ksefSerialNumber(hex: string): string {
  const digits = hex.toUpperCase().replace(/^(00)+/, '')
  return digits.length <= 16 ? digits.padStart(16, '0') : digits
}

const attributeNames: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.42': 'GN',
  '2.5.4.45': 'uniqueIdentifier',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
}

function nameAttributes(name: pkijs.RelativeDistinguishedNames): NameAttribute[] {
  return name.typesAndValues.map((attribute) => ({
    oid: attribute.type,
    name: attributeNames[attribute.type] ?? attribute.type,
    value: attributeText(attribute.value),
  }))
}

function attributeText(value: pkijs.AttributeTypeAndValue['value']): string {
  const block = value.valueBlock as { value?: unknown }
  if (typeof block.value === 'string') return block.value
  return Buffer.from(value.valueBeforeDecodeView).toString('hex')
}

/** Most specific attribute first, as people read a DN (and as RFC 4514 orders it). */
function displayName(attributes: NameAttribute[]): string {
  return [...attributes]
    .reverse()
    .map((a) => `${a.name}=${escapeDnValue(a.value)}`)
    .join(', ')
}

// Keywords RFC 4514 defines; any other attribute is written as its dotted OID, which every
// X.500 name parser accepts.
const rfc4514Keywords: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
}

/** The issuer's distinguished name as an RFC 4514 string (XAdES X509IssuerName). */
export function issuerDistinguishedName(certificateDer: Buffer): string {
  const parsed = pkijs.Certificate.fromBER(arrayBufferOf(certificateDer))
  return [...nameAttributes(parsed.issuer)]
    .reverse()
    .map((a) => `${rfc4514Keywords[a.oid] ?? a.oid}=${escapeDnValue(a.value)}`)
    .join(', ')
}

// Control characters as RFC 4514 hex pairs: C0 controls cannot stand in XML 1.0 at all (the
// issuer name goes into the signed XAdES), and a raw one would reach a terminal or a log.
const dnControls = /[\p{Cc}]/gu

function escapeDnValue(value: string): string {
  return value
    .replace(/[\\"+,;<>]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ')
    .replace(dnControls, (c) =>
      Buffer.from(c, 'utf8')
        .toString('hex')
        .toUpperCase()
        .replace(/../g, (pair) => `\\${pair}`),
    )
}

// The identifier formats of ETSI EN 319 412-1 that KSeF reads: the prefix, a hyphen and exactly
// the digits of the NIP or PESEL, nothing after them. NIP- and PESEL- are the older prefixes,
// which KSeF still reads (and rewrites to TINPL- / PNOPL- in its enrollment data).
const personIdentifierFormats = [
  { type: 'Pesel', format: /^(?:PNOPL|PESEL)-(\d{11})$/ },
  { type: 'Nip', format: /^(?:TINPL|NIP)-(\d{10})$/ },
] as const
const sealIdentifierFormat = /^VATPL-(\d{10})$/
const claimsPersonIdentifier = /^(?:PNOPL|PESEL|TINPL|NIP)(?![A-Za-z])/
const claimsSealIdentifier = /^VATPL(?![A-Za-z])/

const attributeValue = (attributes: NameAttribute[], oid: string): string | undefined =>
  attributes.find((a) => a.oid === oid)?.value

/**
 * The identity KSeF reads from a subject: a person's serialNumber first, then a seal's
 * organizationIdentifier. Matched whole, so VATPL-52658776359999 names no NIP at all.
 */
export function subjectIdentifier(attributes: NameAttribute[]): SubjectIdentifier | null {
  const serialNumber = attributeValue(attributes, '2.5.4.5')
  for (const { type, format } of personIdentifierFormats) {
    const value = serialNumber === undefined ? undefined : format.exec(serialNumber)?.[1]
    if (value) return { type, value, attribute: 'serialNumber' }
  }
  const organizationIdentifier = attributeValue(attributes, '2.5.4.97')
  const nip =
    organizationIdentifier === undefined
      ? undefined
      : sealIdentifierFormat.exec(organizationIdentifier)?.[1]
  return nip ? { type: 'Nip', value: nip, attribute: 'organizationIdentifier' } : null
}

export interface MalformedIdentifier {
  attribute: 'serialNumber' | 'organizationIdentifier'
  value: string
  /** The format the attribute's prefix stands for. */
  expected: string
}

/** An attribute that starts like a NIP/PESEL identifier but is not one in its exact format. */
export function malformedSubjectIdentifier(
  attributes: NameAttribute[],
): MalformedIdentifier | null {
  const serialNumber = attributeValue(attributes, '2.5.4.5')
  if (
    serialNumber !== undefined &&
    claimsPersonIdentifier.test(serialNumber) &&
    !personIdentifierFormats.some(({ format }) => format.test(serialNumber))
  ) {
    return {
      attribute: 'serialNumber',
      value: serialNumber,
      expected: /^(?:PNOPL|PESEL)/.test(serialNumber)
        ? 'PNOPL-<PESEL, 11 digits>'
        : 'TINPL-<NIP, 10 digits>',
    }
  }
  const organizationIdentifier = attributeValue(attributes, '2.5.4.97')
  if (
    organizationIdentifier !== undefined &&
    claimsSealIdentifier.test(organizationIdentifier) &&
    !sealIdentifierFormat.test(organizationIdentifier)
  ) {
    return {
      attribute: 'organizationIdentifier',
      value: organizationIdentifier,
      expected: 'VATPL-<NIP, 10 digits>',
    }
  }
  return null
}

const keyUsageFlags: [number, string][] = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
  [x509.KeyUsageFlags.encipherOnly, 'encipherOnly'],
  [x509.KeyUsageFlags.decipherOnly, 'decipherOnly'],
]

function keyUsageNames(certificate: x509.X509Certificate): string[] {
  const extension = certificate.getExtension(x509.KeyUsagesExtension)
  if (!extension) return []
  return keyUsageFlags.filter(([flag]) => (extension.usages & flag) !== 0).map(([, name]) => name)
}

function certificateUsage(keyUsage: string[]): CertificateUsage | null {
  const signs = keyUsage.includes('digitalSignature')
  const commits = keyUsage.includes('nonRepudiation')
  if (signs && !commits) return 'Authentication'
  if (commits && !signs) return 'Offline'
  return null
}
