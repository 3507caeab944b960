// Self-signed certificates for the KSeF TEST environment, which (alone) accepts them for XAdES
// login. KSeF reads the identity from the subject: a person's serialNumber (TINPL-<NIP> or
// PNOPL-<PESEL>) or a seal's organizationIdentifier (VATPL-<NIP>).
import { KeyObject, randomBytes } from 'node:crypto'
import { systemClock, type Clock } from '../clock'
import { AppError } from '../../shared/ipc/errors'
import { checkNip } from '../../shared/validation/nip'
import { generateKeyPair, type KeyType } from './csr'
import { pem } from './encoding'
import { attributeOids, subjectName, type SubjectAttribute } from './subject-names'
import { x509 } from './webcrypto'

export type TestCertificateSubject =
  | {
      kind: 'person'
      givenName: string
      surname: string
      identifier: { type: 'Nip' | 'Pesel'; value: string }
      commonName?: string
    }
  | { kind: 'seal'; organizationName: string; nip: string; commonName?: string }

export interface TestCertificateOptions {
  keyType?: KeyType
  /** Authentication (digitalSignature) for XAdES login, Offline (nonRepudiation) for KOD II. */
  usage?: 'Authentication' | 'Offline'
  clock?: Clock
}

export interface TestCertificate {
  certificate: Buffer
  certificatePem: string
  privateKey: KeyObject
  subject: SubjectAttribute[]
}

const hour = 3_600_000

export async function createTestCertificate(
  subject: TestCertificateSubject,
  options: TestCertificateOptions = {},
): Promise<TestCertificate> {
  const attributes = testSubject(subject)
  const name = subjectName(attributes, 'TEST_CERT_NAME_EMPTY')
  const { keys, signingAlgorithm } = await generateKeyPair(options.keyType ?? 'ec')
  // As the official helpers do: valid from 61 minutes ago (clock skew), for two years.
  const notBefore = new Date((options.clock ?? systemClock).now() - 61 * 60_000)
  const notAfter = new Date(notBefore.getTime() + 2 * 365 * 24 * hour)
  const usage =
    options.usage === 'Offline'
      ? x509.KeyUsageFlags.nonRepudiation
      : x509.KeyUsageFlags.digitalSignature
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: ksefLikeSerial(),
    name,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(usage, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  const der = Buffer.from(certificate.rawData)
  return {
    certificate: der,
    certificatePem: pem(der, 'CERTIFICATE'),
    privateKey: KeyObject.from(keys.privateKey),
    subject: attributes,
  }
}

function testSubject(subject: TestCertificateSubject): SubjectAttribute[] {
  if (subject.kind === 'person') {
    const { type, value } = subject.identifier
    if (type === 'Nip') assertNip(value)
    else assertPesel(value)
    return [
      { oid: attributeOids.givenName, value: subject.givenName },
      { oid: attributeOids.surname, value: subject.surname },
      { oid: attributeOids.serialNumber, value: `${type === 'Nip' ? 'TINPL' : 'PNOPL'}-${value}` },
      {
        oid: attributeOids.commonName,
        value: subject.commonName ?? `${subject.givenName} ${subject.surname}`,
      },
      { oid: attributeOids.countryName, value: 'PL' },
    ]
  }
  assertNip(subject.nip)
  return [
    { oid: attributeOids.organizationName, value: subject.organizationName },
    { oid: attributeOids.organizationIdentifier, value: `VATPL-${subject.nip}` },
    { oid: attributeOids.commonName, value: subject.commonName ?? subject.organizationName },
    { oid: attributeOids.countryName, value: 'PL' },
  ]
}

function assertNip(nip: string): void {
  const problem = checkNip(nip)
  if (problem || !/^\d{10}$/.test(nip)) {
    throw new AppError(
      problem ?? 'NIP_NOT_DIGITS',
      'The NIP must be 10 digits with a valid check digit.',
      {
        field: 'nip',
      },
    )
  }
}

const peselWeights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]

function assertPesel(pesel: string): void {
  const digits = [...pesel].map(Number)
  const sum = peselWeights.reduce((total, weight, i) => total + weight * (digits[i] ?? 0), 0)
  if (!/^\d{11}$/.test(pesel) || (10 - (sum % 10)) % 10 !== digits[10]) {
    throw new AppError('PESEL_INVALID', 'A PESEL is 11 digits with a valid check digit.', {
      field: 'pesel',
    })
  }
}

/** 8 random bytes, positive and without a leading zero byte: 16 hex digits, as KSeF serials are. */
function ksefLikeSerial(): string {
  const bytes = randomBytes(8)
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10
  return bytes.toString('hex').toUpperCase()
}
