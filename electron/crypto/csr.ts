// Certificate requests for KSeF enrollment: a fresh key pair (EC P-256 by default, RSA 2048 on
// request) and a PKCS#10 whose subject copies /certificates/enrollments/data exactly, or KSeF
// rejects it with 25003.
import { KeyObject, subtle, type webcrypto } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '../../shared/ipc/errors'
import { attributeOids, subjectName, type SubjectAttribute } from './subject-names'
import { x509 } from './webcrypto'

const optionalText = z.string().nullish()

/** The body of GET /certificates/enrollments/data; givenName may come as a list (docs) or a string (contract). */
export const EnrollmentData = z.object({
  commonName: z.string().min(1),
  countryName: z.string().regex(/^[A-Z]{2}$/),
  givenName: z.union([z.string(), z.array(z.string())]).nullish(),
  surname: optionalText,
  serialNumber: optionalText,
  uniqueIdentifier: optionalText,
  organizationName: optionalText,
  organizationIdentifier: optionalText,
})
export type EnrollmentData = z.infer<typeof EnrollmentData>

export type KeyType = 'ec' | 'rsa'

export interface CertificateRequest {
  /** PKCS#10 DER; KSeF wants it base64-encoded, without PEM armour. */
  csr: Buffer
  csrBase64: string
  privateKey: KeyObject
  subject: SubjectAttribute[]
}

/** The subject of the request, in the official client's order: CN, SN, GN, O, orgId, C, serialNumber, uniqueId. */
export function enrollmentSubject(data: EnrollmentData): SubjectAttribute[] {
  const givenNames =
    data.givenName == null ? [] : Array.isArray(data.givenName) ? data.givenName : [data.givenName]
  const attribute = (oid: string, value: string | null | undefined): SubjectAttribute[] =>
    value == null || value === '' ? [] : [{ oid, value }]
  return [
    ...attribute(attributeOids.commonName, data.commonName),
    ...attribute(attributeOids.surname, data.surname),
    ...givenNames.flatMap((name) => attribute(attributeOids.givenName, name)),
    ...attribute(attributeOids.organizationName, data.organizationName),
    ...attribute(attributeOids.organizationIdentifier, data.organizationIdentifier),
    ...attribute(attributeOids.countryName, data.countryName),
    ...attribute(attributeOids.serialNumber, data.serialNumber),
    ...attribute(attributeOids.uniqueIdentifier, data.uniqueIdentifier),
  ]
}

export function parseEnrollmentData(data: unknown): EnrollmentData {
  const parsed = EnrollmentData.safeParse(data)
  if (!parsed.success) {
    throw new AppError(
      'ENROLLMENT_DATA_INVALID',
      'The enrollment data must hold at least commonName and a two-letter countryName.',
      { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
    )
  }
  return parsed.data
}

export async function createCsr(
  data: EnrollmentData,
  options: { keyType?: KeyType } = {},
): Promise<CertificateRequest> {
  const subject = enrollmentSubject(parseEnrollmentData(data))
  const name = subjectName(subject, 'ENROLLMENT_DATA_INVALID')
  const { keys, signingAlgorithm } = await generateKeyPair(options.keyType ?? 'ec')
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys,
    signingAlgorithm,
  })
  const csr = Buffer.from(request.rawData)
  return {
    csr,
    csrBase64: csr.toString('base64'),
    privateKey: KeyObject.from(keys.privateKey),
    subject,
  }
}

export interface GeneratedKeyPair {
  keys: webcrypto.CryptoKeyPair
  signingAlgorithm: webcrypto.EcdsaParams | webcrypto.RsaHashedKeyGenParams
}

export async function generateKeyPair(keyType: KeyType): Promise<GeneratedKeyPair> {
  if (keyType === 'ec') {
    const keys = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])
    return { keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } }
  }
  const algorithm = {
    name: 'RSASSA-PKCS1-v1_5',
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256',
  }
  const keys = await subtle.generateKey(algorithm, true, ['sign', 'verify'])
  return { keys, signingAlgorithm: algorithm }
}
