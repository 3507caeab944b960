// XAdES-BES enveloped signature of an AuthTokenRequest, laid out as the official KSeF clients lay
// it out: ds:Signature Id="Signature" as the root's last child, a Reference to the whole document
// (enveloped + exclusive c14n) and one to #SignedProperties, SHA-256 digests, the signing
// certificate in KeyInfo, and SigningTime + SigningCertificate (v1) in SignedProperties.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  KeyObject,
  sign,
  verify,
  X509Certificate,
  type BinaryLike,
  type KeyLike,
} from 'node:crypto'
import { SignedXml, type SignatureAlgorithm } from 'xml-crypto'
import { systemClock, type Clock } from '../clock'
import { AppError } from '../../shared/ipc/errors'
import { readAuthTokenRequest } from './auth-token-request'
import { issuerDistinguishedName } from './certificates'
import { assertKeyMatchesCertificate, assertSigningKey } from './keys'

const algorithms = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
} as const
const xadesNamespace = 'http://uri.etsi.org/01903/v1.3.2#'
const signedPropertiesType = 'http://uri.etsi.org/01903#SignedProperties'

/**
 * XML-DSig wants ECDSA signature values as raw r‖s (RFC 4050), not the DER that Node and
 * xml-crypto produce by default; KSeF rejects DER.
 */
class EcdsaSha256 implements SignatureAlgorithm {
  getSignature(signedInfo: BinaryLike, privateKey: KeyLike): string {
    const key = privateKey instanceof KeyObject ? privateKey : createPrivateKey(privateKey)
    return sign('sha256', toBuffer(signedInfo), { key, dsaEncoding: 'ieee-p1363' }).toString(
      'base64',
    )
  }

  verifySignature(material: string, publicKey: KeyLike, signatureValue: string): boolean {
    const key = publicKey instanceof KeyObject ? publicKey : createPublicKey(publicKey)
    return verify(
      'sha256',
      Buffer.from(material, 'utf8'),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signatureValue, 'base64'),
    )
  }

  getAlgorithmName(): string {
    return algorithms.ecdsaSha256
  }
}

const toBuffer = (data: BinaryLike): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : Buffer.from(data.buffer, data.byteOffset, data.byteLength)

export interface SigningCredential {
  /** The signing certificate, DER or PEM. */
  certificate: Buffer
  privateKey: KeyObject
}

export interface SignOptions {
  clock?: Clock
}

/**
 * The signed document. Send these exact bytes: any re-serialisation breaks the digests.
 */
export function signAuthTokenRequest(
  xml: string,
  credential: SigningCredential,
  options: SignOptions = {},
): string {
  const request = readAuthTokenRequest(xml)
  if (request.signed) {
    throw new AppError(
      'AUTH_REQUEST_ALREADY_SIGNED',
      'The AuthTokenRequest is signed already; sign the unsigned file.',
    )
  }
  // The algorithm follows the key: KSeF certificates are ECDSA-signed by MF even when the
  // subject key is RSA, so the certificate's own signature algorithm says nothing.
  const algorithm = assertSigningKey(credential.privateKey)
  const certificate = certificateFacts(credential.certificate)
  assertKeyMatchesCertificate(credential.privateKey, certificate.x509)
  const signingTime = new Date((options.clock ?? systemClock).now() - 60_000)

  const signer = new SignedXml({
    privateKey: credential.privateKey,
    signatureAlgorithm: algorithm.type === 'ec' ? algorithms.ecdsaSha256 : algorithms.rsaSha256,
    canonicalizationAlgorithm: algorithms.excC14n,
    objects: [{ content: qualifyingProperties(certificate, signingTime) }],
    getKeyInfoContent: ({ prefix } = {}) => {
      const p = prefix ? `${prefix}:` : ''
      return `<${p}X509Data><${p}X509Certificate>${certificate.base64}</${p}X509Certificate></${p}X509Data>`
    },
  })
  signer.SignatureAlgorithms[algorithms.ecdsaSha256] = EcdsaSha256
  signer.addReference({
    xpath: '/*',
    isEmptyUri: true,
    transforms: [algorithms.enveloped, algorithms.excC14n],
    digestAlgorithm: algorithms.sha256,
  })
  signer.addReference({
    xpath: "//*[@Id='SignedProperties']",
    transforms: [algorithms.excC14n],
    digestAlgorithm: algorithms.sha256,
    type: signedPropertiesType,
  })
  signer.computeSignature(xml, {
    prefix: 'ds',
    attrs: { Id: 'Signature' },
    location: { reference: '/*', action: 'append' },
  })
  return signer.getSignedXml()
}

interface CertificateFacts {
  x509: X509Certificate
  base64: string
  digest: string
  issuerName: string
  serialDecimal: string
}

// What SignedProperties says about a certificate, kept by the SHA-256 of the bytes given:
// logging in company after company re-signs with the same few certificates, and parsing the
// issuer name costs more than the rest of the signature.
const factsByInput = new Map<string, CertificateFacts>()
const factsKept = 32

function certificateFacts(certificate: Buffer): CertificateFacts {
  const key = createHash('sha256').update(certificate).digest('base64')
  const known = factsByInput.get(key)
  if (known) return known
  // The input may be PEM; every fact below is about the DER.
  const x509 = new X509Certificate(certificate)
  const der = Buffer.from(x509.raw)
  const facts: CertificateFacts = {
    x509,
    base64: der.toString('base64'),
    digest: createHash('sha256').update(der).digest('base64'),
    issuerName: issuerDistinguishedName(der),
    serialDecimal: BigInt(`0x${x509.serialNumber}`).toString(10),
  }
  if (factsByInput.size >= factsKept) {
    const oldest = factsByInput.keys().next().value
    if (oldest !== undefined) factsByInput.delete(oldest)
  }
  factsByInput.set(key, facts)
  return facts
}

function qualifyingProperties(certificate: CertificateFacts, signingTime: Date): string {
  return (
    `<xades:QualifyingProperties xmlns:xades="${xadesNamespace}" Target="#Signature">` +
    '<xades:SignedProperties Id="SignedProperties">' +
    '<xades:SignedSignatureProperties>' +
    `<xades:SigningTime>${signingTime.toISOString().replace(/\.\d{3}Z$/, 'Z')}</xades:SigningTime>` +
    '<xades:SigningCertificate><xades:Cert>' +
    `<xades:CertDigest><ds:DigestMethod Algorithm="${algorithms.sha256}"/><ds:DigestValue>${certificate.digest}</ds:DigestValue></xades:CertDigest>` +
    '<xades:IssuerSerial>' +
    `<ds:X509IssuerName>${escapeText(certificate.issuerName)}</ds:X509IssuerName>` +
    `<ds:X509SerialNumber>${certificate.serialDecimal}</ds:X509SerialNumber>` +
    '</xades:IssuerSerial>' +
    '</xades:Cert></xades:SigningCertificate>' +
    '</xades:SignedSignatureProperties>' +
    '</xades:SignedProperties>' +
    '</xades:QualifyingProperties>'
  )
}

const escapeText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
