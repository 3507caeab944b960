import {
  X509Certificate,
  createHash,
  createPublicKey,
  verify as verifySignature,
  constants,
} from 'node:crypto'
import type { KeyLike, KeyObject } from 'node:crypto'
import type { Document, Element } from '@xmldom/xmldom'
import { SignedXml } from 'xml-crypto'
import type { HashAlgorithm, SignatureAlgorithm } from 'xml-crypto'
import { sameIssuerName } from './distinguished-names'
import { parseKsefTimestamp, MINUTE } from './ksef-time'
import type { SimulatorMode } from './state'
import { DSIG_NS, XADES_NS, childrenNamed, descendantsNamed, simpleText } from './xml-dom'

/**
 * An independent check of a XAdES-BES enveloped signature as KSeF accepts it
 * (CIRFMF/ksef-docs auth/podpis-xades.md): the references' digests and the signature value (via
 * xml-crypto's canonicalisation, with the algorithms registered here), plus the XAdES parts
 * xml-crypto does not look at: the SignedProperties reference type, SigningTime, and
 * SigningCertificate's CertDigest/IssuerSerial against the KeyInfo certificate.
 */

export type XadesFailure = { ok: false; code: 9101 | 9102 | 9103 | 9105 | 21115; details: string[] }
export interface XadesSuccess {
  ok: true
  certificate: X509Certificate
  certificateDer: Buffer
  signingTimeMs: number
}

const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties'
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature'

export const FAILED_VERIFICATION = 'Podpis zweryfikowany negatywnie.'
export const PROFILE_MISMATCH = 'Format podpisu niezgodny z akceptowanymi profilami XAdES.'
export const UNSUPPORTED_ALGORITHM =
  'Podpis złożony z użyciem niewspieranego algorytmu kryptograficznego.'

const CANONICALIZATIONS = new Set([
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
])
const TRANSFORMS = new Set([...CANONICALIZATIONS, ENVELOPED])

const DIGESTS: Record<string, { hash: string; weak: boolean }> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': { hash: 'sha1', weak: true },
  'http://www.w3.org/2001/04/xmlenc#sha256': { hash: 'sha256', weak: false },
  'http://www.w3.org/2001/04/xmldsig-more#sha384': { hash: 'sha384', weak: false },
  'http://www.w3.org/2001/04/xmlenc#sha512': { hash: 'sha512', weak: false },
}

type KeyKind = 'rsa' | 'ec'
interface SignatureMethod {
  hash: string
  key: KeyKind
  pss: boolean
  weak: boolean
}

const SIGNATURE_METHODS: Record<string, SignatureMethod> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': {
    hash: 'sha1',
    key: 'rsa',
    pss: false,
    weak: true,
  },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': {
    hash: 'sha256',
    key: 'rsa',
    pss: false,
    weak: false,
  },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': {
    hash: 'sha384',
    key: 'rsa',
    pss: false,
    weak: false,
  },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': {
    hash: 'sha512',
    key: 'rsa',
    pss: false,
    weak: false,
  },
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1': {
    hash: 'sha256',
    key: 'rsa',
    pss: true,
    weak: false,
  },
  'http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1': {
    hash: 'sha384',
    key: 'rsa',
    pss: true,
    weak: false,
  },
  'http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1': {
    hash: 'sha512',
    key: 'rsa',
    pss: true,
    weak: false,
  },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1': {
    hash: 'sha1',
    key: 'ec',
    pss: false,
    weak: true,
  },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': {
    hash: 'sha256',
    key: 'ec',
    pss: false,
    weak: false,
  },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': {
    hash: 'sha384',
    key: 'ec',
    pss: false,
    weak: false,
  },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': {
    hash: 'sha512',
    key: 'ec',
    pss: false,
    weak: false,
  },
}

const HASH_LENGTHS: Record<string, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 }

function signatureAlgorithmClass(
  uri: string,
  method: SignatureMethod,
): new () => SignatureAlgorithm {
  class VerifyOnly {
    getAlgorithmName(): string {
      return uri
    }
    getSignature(): string {
      throw new Error('The simulator only verifies signatures.')
    }
    verifySignature(material: string, key: KeyLike, signatureValue: string): boolean {
      try {
        const publicKey = createPublicKey(key)
        const signature = Buffer.from(signatureValue, 'base64')
        const data = Buffer.from(material, 'utf8')
        if (method.key === 'ec') {
          // XMLDSig ECDSA values are r‖s (RFC 4050 / xmldsig-core1 §6.4.3), never DER.
          return verifySignature(
            method.hash,
            data,
            { key: publicKey, dsaEncoding: 'ieee-p1363' },
            signature,
          )
        }
        if (method.pss) {
          return verifySignature(
            method.hash,
            data,
            {
              key: publicKey,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: HASH_LENGTHS[method.hash],
            },
            signature,
          )
        }
        return verifySignature(
          method.hash,
          data,
          { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
          signature,
        )
      } catch {
        return false
      }
    }
  }
  return VerifyOnly
}

function hashAlgorithmClass(uri: string, hash: string): new () => HashAlgorithm {
  class Digest {
    getAlgorithmName(): string {
      return uri
    }
    getHash(xml: string): string {
      return createHash(hash).update(xml, 'utf8').digest('base64')
    }
  }
  return Digest
}

function fail(code: XadesFailure['code'], ...details: string[]): XadesFailure {
  return { ok: false, code, details }
}

function textOf(element: Element | undefined): string {
  return element ? (simpleText(element) ?? '').replace(/\s+/g, '') : ''
}

function keyKindOf(key: KeyObject): KeyKind | undefined {
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return 'rsa'
  if (key.asymmetricKeyType === 'ec') return 'ec'
  return undefined
}

/** xsd:integer (decimal) serial number of a certificate, from node's hex representation. */
function decimalSerial(certificate: X509Certificate): string {
  return BigInt(`0x${certificate.serialNumber}`).toString(10)
}

interface ReferenceInfo {
  uri: string
  type: string | null
  transforms: string[]
  digestMethod: string
}

function readReferences(signedInfo: Element): ReferenceInfo[] {
  return childrenNamed(signedInfo, DSIG_NS, 'Reference').map((reference) => {
    const transformsElement = childrenNamed(reference, DSIG_NS, 'Transforms')[0]
    const transforms = transformsElement
      ? childrenNamed(transformsElement, DSIG_NS, 'Transform').map(
          (t) => t.getAttribute('Algorithm') ?? '',
        )
      : []
    return {
      uri: reference.getAttribute('URI') ?? '',
      type: reference.getAttribute('Type'),
      transforms,
      digestMethod:
        childrenNamed(reference, DSIG_NS, 'DigestMethod')[0]?.getAttribute('Algorithm') ?? '',
    }
  })
}

function elementsWithId(document: Document, id: string): Element[] {
  const found: Element[] = []
  const walk = (element: Element): void => {
    for (const attribute of ['Id', 'ID', 'id'])
      if (element.getAttribute(attribute) === id) found.push(element)
    for (let node = element.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 1) walk(node as Element)
    }
  }
  if (document.documentElement) walk(document.documentElement)
  return found
}

export function verifyXadesSignature(
  xml: string,
  document: Document,
  options: { mode: SimulatorMode; now: number },
): XadesSuccess | XadesFailure {
  const root = document.documentElement
  if (!root) return fail(9101)
  const signatures = descendantsNamed(document, DSIG_NS, 'Signature')
  if (root.namespaceURI === DSIG_NS && root.localName === 'Signature') signatures.unshift(root)
  if (signatures.length === 0) return fail(9102)
  if (signatures.length > 1) return fail(9103)
  const signature = signatures[0] as Element
  if (signature.parentNode !== root) {
    // Enveloping signatures are valid for KSeF but not reproduced; detached ones are rejected.
    return fail(
      9105,
      PROFILE_MISMATCH,
      'Podpis musi być podpisem otoczonym (enveloped) w elemencie AuthTokenRequest.',
    )
  }

  const signedInfo = childrenNamed(signature, DSIG_NS, 'SignedInfo')
  if (signedInfo.length !== 1 || !signedInfo[0])
    return fail(9105, PROFILE_MISMATCH, 'Brak elementu SignedInfo.')
  const canonicalization =
    childrenNamed(signedInfo[0], DSIG_NS, 'CanonicalizationMethod')[0]?.getAttribute('Algorithm') ??
    ''
  if (!CANONICALIZATIONS.has(canonicalization)) {
    return fail(
      9105,
      UNSUPPORTED_ALGORITHM,
      `Nieobsługiwana metoda kanonikalizacji: ${canonicalization}.`,
    )
  }
  const signatureMethodUri =
    childrenNamed(signedInfo[0], DSIG_NS, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? ''
  const signatureMethod = SIGNATURE_METHODS[signatureMethodUri]
  if (!signatureMethod)
    return fail(
      9105,
      UNSUPPORTED_ALGORITHM,
      `Nieobsługiwany algorytm podpisu: ${signatureMethodUri}.`,
    )

  // KeyInfo: the signer's certificate, the first X509Certificate.
  const keyInfo = childrenNamed(signature, DSIG_NS, 'KeyInfo')[0]
  const certificateElement = keyInfo
    ? descendantsNamed(keyInfo, DSIG_NS, 'X509Certificate')[0]
    : undefined
  if (!certificateElement)
    return fail(9105, PROFILE_MISMATCH, 'Brak certyfikatu w KeyInfo/X509Data/X509Certificate.')
  const certificateDer = Buffer.from(textOf(certificateElement), 'base64')
  let certificate: X509Certificate
  try {
    certificate = new X509Certificate(certificateDer)
  } catch {
    return fail(21115, 'Nie można odczytać certyfikatu z KeyInfo.')
  }
  const keyKind = keyKindOf(certificate.publicKey)
  const keyDetails = certificate.publicKey.asymmetricKeyDetails
  if (keyKind === 'rsa' && (keyDetails?.modulusLength ?? 0) < 2048) {
    return fail(21115, 'Klucz RSA certyfikatu jest krótszy niż 2048 bitów.')
  }
  if (
    keyKind === 'ec' &&
    !['prime256v1', 'secp384r1', 'secp521r1'].includes(keyDetails?.namedCurve ?? '')
  ) {
    return fail(21115, 'Krzywa klucza EC certyfikatu nie jest obsługiwana.')
  }
  if (!keyKind) return fail(21115, 'Nieobsługiwany typ klucza certyfikatu.')
  if (keyKind !== signatureMethod.key) {
    return fail(
      9105,
      FAILED_VERIFICATION,
      `Algorytm podpisu ${signatureMethodUri} nie pasuje do klucza certyfikatu.`,
    )
  }

  const references = readReferences(signedInfo[0])
  const weakDigest = references.some((reference) => DIGESTS[reference.digestMethod]?.weak)
  // DEMO and production refuse SHA-1; TEST let it through (CIRFMF/ksef-client-csharp#215).
  if (options.mode !== 'test' && (signatureMethod.weak || weakDigest))
    return fail(9105, UNSUPPORTED_ALGORITHM)
  for (const reference of references) {
    if (!DIGESTS[reference.digestMethod]) {
      return fail(
        9105,
        UNSUPPORTED_ALGORITHM,
        `Nieobsługiwana funkcja skrótu: ${reference.digestMethod}.`,
      )
    }
    const unsupported = reference.transforms.find((transform) => !TRANSFORMS.has(transform))
    if (unsupported)
      return fail(9105, PROFILE_MISMATCH, `Nieobsługiwana transformacja: ${unsupported}.`)
    if (reference.uri !== '' && !reference.uri.startsWith('#')) {
      return fail(9105, PROFILE_MISMATCH, 'Podpis zewnętrzny (detached) nie jest akceptowany.')
    }
  }
  if (
    !references.some(
      (reference) => reference.uri === '' && reference.transforms.includes(ENVELOPED),
    )
  ) {
    return fail(
      9101,
      'Podpis nie obejmuje dokumentu AuthTokenRequest (brak referencji URI="" z transformacją enveloped-signature).',
    )
  }

  // XAdES: QualifyingProperties/SignedProperties, signed through a typed reference.
  const qualifying = childrenNamed(signature, DSIG_NS, 'Object').flatMap((object) =>
    childrenNamed(object, XADES_NS, 'QualifyingProperties'),
  )[0]
  const signedProperties = qualifying
    ? childrenNamed(qualifying, XADES_NS, 'SignedProperties')[0]
    : undefined
  if (!qualifying || !signedProperties) {
    return fail(
      9105,
      PROFILE_MISMATCH,
      'Brak elementu xades:QualifyingProperties/xades:SignedProperties.',
    )
  }
  const signatureId = signature.getAttribute('Id')
  if (!signatureId || qualifying.getAttribute('Target') !== `#${signatureId}`) {
    return fail(
      9105,
      PROFILE_MISMATCH,
      'Atrybut Target elementu QualifyingProperties nie wskazuje na podpis.',
    )
  }
  const propertiesId = signedProperties.getAttribute('Id')
  const propertiesReference = propertiesId
    ? references.find((reference) => reference.uri === `#${propertiesId}`)
    : undefined
  if (!propertiesId || !propertiesReference) {
    return fail(9105, PROFILE_MISMATCH, 'Element SignedProperties nie jest objęty podpisem.')
  }
  if (propertiesReference.type !== SIGNED_PROPERTIES_TYPE) {
    return fail(
      9105,
      PROFILE_MISMATCH,
      `Referencja do SignedProperties musi mieć Type="${SIGNED_PROPERTIES_TYPE}".`,
    )
  }
  if (elementsWithId(document, propertiesId).length !== 1) {
    return fail(
      9105,
      PROFILE_MISMATCH,
      `Identyfikator ${propertiesId} nie jest unikalny w dokumencie.`,
    )
  }

  const signatureProperties = childrenNamed(
    signedProperties,
    XADES_NS,
    'SignedSignatureProperties',
  )[0]
  const signingTimeText = signatureProperties
    ? textOf(childrenNamed(signatureProperties, XADES_NS, 'SigningTime')[0])
    : ''
  const signingTimeMs = parseKsefTimestamp(signingTimeText)
  if (!signatureProperties || signingTimeMs === undefined) {
    return fail(9105, PROFILE_MISMATCH, 'Brak lub nieprawidłowy element SigningTime.')
  }
  if (signingTimeMs > options.now + 5 * MINUTE) {
    return fail(9105, PROFILE_MISMATCH, 'Czas złożenia podpisu (SigningTime) jest z przyszłości.')
  }
  const signingCertificate =
    childrenNamed(signatureProperties, XADES_NS, 'SigningCertificate')[0] ??
    childrenNamed(signatureProperties, XADES_NS, 'SigningCertificateV2')[0]
  const cert = signingCertificate
    ? childrenNamed(signingCertificate, XADES_NS, 'Cert')[0]
    : undefined
  const certDigest = cert ? childrenNamed(cert, XADES_NS, 'CertDigest')[0] : undefined
  if (!cert || !certDigest)
    return fail(9105, PROFILE_MISMATCH, 'Brak elementu SigningCertificate/Cert/CertDigest.')
  const certDigestMethod =
    DIGESTS[childrenNamed(certDigest, DSIG_NS, 'DigestMethod')[0]?.getAttribute('Algorithm') ?? '']
  if (!certDigestMethod)
    return fail(9105, UNSUPPORTED_ALGORITHM, 'Nieobsługiwana funkcja skrótu w CertDigest.')
  const expectedCertDigest = createHash(certDigestMethod.hash)
    .update(certificateDer)
    .digest('base64')
  if (textOf(childrenNamed(certDigest, DSIG_NS, 'DigestValue')[0]) !== expectedCertDigest) {
    return fail(
      9105,
      FAILED_VERIFICATION,
      'Skrót certyfikatu w SigningCertificate nie zgadza się z certyfikatem w KeyInfo.',
    )
  }
  const issuerSerial = childrenNamed(cert, XADES_NS, 'IssuerSerial')[0]
  if (issuerSerial) {
    const serial = textOf(childrenNamed(issuerSerial, DSIG_NS, 'X509SerialNumber')[0])
    if (serial !== decimalSerial(certificate)) {
      return fail(
        9105,
        FAILED_VERIFICATION,
        'Numer seryjny w IssuerSerial nie zgadza się z certyfikatem w KeyInfo.',
      )
    }
    const issuerName = childrenNamed(issuerSerial, DSIG_NS, 'X509IssuerName')[0]
    if (!sameIssuerName(issuerName ? (simpleText(issuerName) ?? '') : '', certificateDer)) {
      return fail(
        9105,
        FAILED_VERIFICATION,
        'Nazwa wystawcy w IssuerSerial nie zgadza się z certyfikatem w KeyInfo.',
      )
    }
  }

  // The cryptography: reference digests, then SignatureValue over the canonical SignedInfo.
  const pem = certificate.toString()
  const verifier = new SignedXml({ publicCert: pem, getCertFromKeyInfo: () => pem })
  verifier.SignatureAlgorithms = Object.fromEntries(
    Object.entries(SIGNATURE_METHODS).map(([uri, method]) => [
      uri,
      signatureAlgorithmClass(uri, method),
    ]),
  )
  verifier.HashAlgorithms = Object.fromEntries(
    Object.entries(DIGESTS).map(([uri, { hash }]) => [uri, hashAlgorithmClass(uri, hash)]),
  )
  try {
    verifier.loadSignature(signature)
    const valid = verifier.checkSignature(xml)
    if (!valid) {
      const broken = verifier.getReferences().find((reference) => reference.validationError)
      const uri = broken?.uri === '' ? 'dokument' : (broken?.uri ?? '?')
      return fail(
        9105,
        `Nieprawidłowa wartość skrótu dla referencji wskazującej na element ${uri}.`,
      )
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (message.startsWith('invalid signature: the signature value'))
      return fail(9105, FAILED_VERIFICATION)
    return fail(9105, FAILED_VERIFICATION, message)
  }
  return { ok: true, certificate, certificateDer, signingTimeMs }
}
