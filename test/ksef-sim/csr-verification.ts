import 'reflect-metadata'
import { createPublicKey } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import type { NameAttribute } from './certificate-subject'
import { nameAttributes } from './certificate-subject'

export type CsrFailure = { ok: false; code: 25004 | 25010 | 25011; details: string[] }
export interface CsrInspection {
  ok: true
  subject: x509.Name
  subjectAttributes: NameAttribute[]
  /** SubjectPublicKeyInfo, DER. */
  publicKeyDer: Buffer
}

// POST /certificates/enrollments: RSA PKCS#1 v1.5, RSA-PSS or ECDSA, with SHA-1/256/384/512.
const ALLOWED_SIGNATURES = new Set([
  '1.2.840.113549.1.1.5',
  '1.2.840.113549.1.1.11',
  '1.2.840.113549.1.1.12',
  '1.2.840.113549.1.1.13',
  '1.2.840.113549.1.1.10',
  '1.2.840.10045.4.1',
  '1.2.840.10045.4.3.2',
  '1.2.840.10045.4.3.3',
  '1.2.840.10045.4.3.4',
])
const ALLOWED_PSS_HASHES = new Set([
  '1.3.14.3.2.26',
  '2.16.840.1.101.3.4.2.1',
  '2.16.840.1.101.3.4.2.2',
  '2.16.840.1.101.3.4.2.3',
])

function fail(code: CsrFailure['code'], ...details: string[]): CsrFailure {
  return { ok: false, code, details }
}

/** Checks a PKCS#10 request the way KSeF does before it accepts an enrollment. */
export async function inspectCsr(der: Buffer): Promise<CsrInspection | CsrFailure> {
  if (der.length === 0 || der[0] !== 0x30)
    return fail(25004, 'CSR musi być strukturą PKCS#10 w kodowaniu DER.')
  let structure: pkijs.CertificationRequest
  let request: x509.Pkcs10CertificateRequest
  try {
    const asn = asn1js.fromBER(new Uint8Array(der))
    if (asn.offset === -1 || asn.offset !== der.length)
      throw new Error('not a single DER structure')
    structure = new pkijs.CertificationRequest({ schema: asn.result })
    request = new x509.Pkcs10CertificateRequest(new Uint8Array(der))
  } catch {
    return fail(25004, 'Nie można odczytać CSR.')
  }

  const publicKeyDer = Buffer.from(request.publicKey.rawData)
  let keyType: string | undefined
  let modulusLength: number | undefined
  let namedCurve: string | undefined
  try {
    const key = createPublicKey({ key: publicKeyDer, format: 'der', type: 'spki' })
    keyType = key.asymmetricKeyType
    modulusLength = key.asymmetricKeyDetails?.modulusLength
    namedCurve = key.asymmetricKeyDetails?.namedCurve
  } catch {
    return fail(25010, 'Nieobsługiwany klucz publiczny.')
  }
  const rsa2048 = keyType === 'rsa' && modulusLength === 2048
  const ecP256 = keyType === 'ec' && namedCurve === 'prime256v1'
  if (!rsa2048 && !ecP256) {
    const found =
      keyType === 'rsa'
        ? `RSA ${modulusLength ?? '?'}`
        : keyType === 'ec'
          ? `EC ${namedCurve ?? '?'}`
          : (keyType ?? '?')
    return fail(25010, `Dozwolone są klucze RSA 2048 i EC P-256; przekazano ${found}.`)
  }

  const signatureOid = structure.signatureAlgorithm.algorithmId
  if (!ALLOWED_SIGNATURES.has(signatureOid))
    return fail(25011, `Algorytm podpisu ${signatureOid} nie jest dozwolony.`)
  if (signatureOid === '1.2.840.113549.1.1.10') {
    const params = new pkijs.RSASSAPSSParams({
      schema: structure.signatureAlgorithm.algorithmParams,
    })
    if (!ALLOWED_PSS_HASHES.has(params.hashAlgorithm.algorithmId)) {
      return fail(25011, `Funkcja skrótu ${params.hashAlgorithm.algorithmId} nie jest dozwolona.`)
    }
  }
  if ((keyType === 'ec') !== signatureOid.startsWith('1.2.840.10045.4.')) {
    return fail(25011, 'Algorytm podpisu nie pasuje do typu klucza.')
  }

  let verified = false
  try {
    verified = await request.verify()
  } catch {
    verified = false
  }
  if (!verified) return fail(25004, 'Podpis CSR jest nieprawidłowy.')
  return {
    ok: true,
    subject: request.subjectName,
    subjectAttributes: nameAttributes(request.subjectName),
    publicKeyDer,
  }
}
