// XAdES-BES enveloped signature of an AuthTokenRequest, laid out as the official KSeF clients lay
// it out: ds:Signature Id="Signature" as the root's last child, a Reference to the whole document
// (enveloped + exclusive c14n) and one to #SignedProperties, SHA-256 digests, the signing
// certificate in KeyInfo, and SigningTime + SigningCertificate (v1) in SignedProperties.
//
// The signature is built as DOM nodes of the request's own document, and every digested or
// signed part is canonicalised by xml-crypto's ExclusiveCanonicalization straight from those
// nodes. SignedXml is not used: it reparses, clones and XPath-scans the document several times,
// which costs forty times an ECDSA signature (README, "Decisions").
import { createHash, sign, X509Certificate, type KeyObject } from 'node:crypto'
import { XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom'
import { ExclusiveCanonicalization } from 'xml-crypto'
import { systemClock, type Clock } from '../clock'
import { AppError } from '../../shared/ipc/errors'
import { parseAuthTokenRequest } from './auth-token-request'
import { issuerDistinguishedName } from './certificates'
import { assertKeyMatchesCertificate, assertSigningKey, type KeyAlgorithm } from './keys'

const namespaces = {
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xades: 'http://uri.etsi.org/01903/v1.3.2#',
  xmlns: 'http://www.w3.org/2000/xmlns/',
} as const
const algorithms = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
} as const
const signedPropertiesType = 'http://uri.etsi.org/01903#SignedProperties'

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
  const { document, root, summary } = parseAuthTokenRequest(xml)
  if (summary.signed) {
    throw new AppError(
      'AUTH_REQUEST_ALREADY_SIGNED',
      'The AuthTokenRequest is signed already; sign the unsigned file.',
    )
  }
  assertNoProcessingInstruction(document)
  // The algorithm follows the key: KSeF certificates are ECDSA-signed by MF even when the
  // subject key is RSA, so the certificate's own signature algorithm says nothing.
  const algorithm = assertSigningKey(credential.privateKey)
  const certificate = certificateFacts(credential.certificate)
  assertKeyMatchesCertificate(credential.privateKey, certificate.x509)
  const signingTime = new Date((options.clock ?? systemClock).now() - 60_000)

  // The enveloped-signature transform takes the signature out again, so the document's digest
  // is that of the root before the signature goes in.
  const documentDigest = digest(root)
  const add = elementAppender(document)
  const signature = add(root, 'ds:Signature', { 'xmlns:ds': namespaces.ds, Id: 'Signature' })
  const signedInfo = add(signature, 'ds:SignedInfo')
  add(signedInfo, 'ds:CanonicalizationMethod', { Algorithm: algorithms.excC14n })
  add(signedInfo, 'ds:SignatureMethod', {
    Algorithm: algorithm.type === 'ec' ? algorithms.ecdsaSha256 : algorithms.rsaSha256,
  })
  appendReference(
    add,
    signedInfo,
    { URI: '' },
    [algorithms.enveloped, algorithms.excC14n],
    documentDigest,
  )
  const signatureValue = add(signature, 'ds:SignatureValue')
  const keyInfo = add(add(signature, 'ds:KeyInfo'), 'ds:X509Data')
  add(keyInfo, 'ds:X509Certificate', {}, certificate.base64)
  const signedProperties = appendSignedProperties(
    add,
    add(signature, 'ds:Object'),
    certificate,
    signingTime,
  )
  appendReference(
    add,
    signedInfo,
    { URI: '#SignedProperties', Type: signedPropertiesType },
    [algorithms.excC14n],
    digest(signedProperties),
  )
  signatureValue.appendChild(
    document.createTextNode(signCanonical(signedInfo, credential.privateKey, algorithm)),
  )
  return serialize(document)
}

/**
 * The whole-document reference covers processing instructions, even outside the root, and
 * xml-crypto's canonicaliser cannot render them (it writes their data as text), so a signature
 * over one would not verify. The XML declaration looks like one to the parser but is none.
 */
function assertNoProcessingInstruction(document: Document): void {
  const pending: Node[] = [document]
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.nodeType === node.PROCESSING_INSTRUCTION_NODE && node.nodeName !== 'xml') {
      throw new AppError(
        'XML_PROCESSING_INSTRUCTION',
        `The AuthTokenRequest contains the processing instruction <?${node.nodeName} …?>; remove it and sign again.`,
      )
    }
    for (let child = node.firstChild; child; child = child.nextSibling) pending.push(child)
  }
}

const canonicalizer = new ExclusiveCanonicalization()
const canonical = (element: Element): string => canonicalizer.process(element, {})
const digest = (element: Element): string =>
  createHash('sha256').update(canonical(element)).digest('base64')

function signCanonical(signedInfo: Element, key: KeyObject, algorithm: KeyAlgorithm): string {
  const data = Buffer.from(canonical(signedInfo), 'utf8')
  // XML-DSig wants ECDSA values as raw r‖s (RFC 4050), not Node's default DER; KSeF rejects DER.
  const value =
    algorithm.type === 'ec'
      ? sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })
      : sign('sha256', data, key)
  return value.toString('base64')
}

type Attributes = Record<string, string>
type Append = ReturnType<typeof elementAppender>

function appendReference(
  add: Append,
  signedInfo: Element,
  attributes: Attributes,
  transforms: readonly string[],
  digestValue: string,
): void {
  const reference = add(signedInfo, 'ds:Reference', attributes)
  const transformList = add(reference, 'ds:Transforms')
  for (const transform of transforms) add(transformList, 'ds:Transform', { Algorithm: transform })
  add(reference, 'ds:DigestMethod', { Algorithm: algorithms.sha256 })
  add(reference, 'ds:DigestValue', {}, digestValue)
}

/** QualifyingProperties inside ds:Object; returns the SignedProperties the signature covers. */
function appendSignedProperties(
  add: Append,
  object: Element,
  certificate: CertificateFacts,
  signingTime: Date,
): Element {
  const qualifying = add(object, 'xades:QualifyingProperties', {
    'xmlns:xades': namespaces.xades,
    Target: '#Signature',
  })
  const signedProperties = add(qualifying, 'xades:SignedProperties', { Id: 'SignedProperties' })
  const properties = add(signedProperties, 'xades:SignedSignatureProperties')
  add(properties, 'xades:SigningTime', {}, signingTime.toISOString().replace(/\.\d{3}Z$/, 'Z'))
  const cert = add(add(properties, 'xades:SigningCertificate'), 'xades:Cert')
  const certDigest = add(cert, 'xades:CertDigest')
  add(certDigest, 'ds:DigestMethod', { Algorithm: algorithms.sha256 })
  add(certDigest, 'ds:DigestValue', {}, certificate.digest)
  const issuerSerial = add(cert, 'xades:IssuerSerial')
  add(issuerSerial, 'ds:X509IssuerName', {}, certificate.issuerName)
  add(issuerSerial, 'ds:X509SerialNumber', {}, certificate.serialDecimal)
  return signedProperties
}

/** Appends a ds: or xades: element with its attributes and text; returns it. */
function elementAppender(document: Document) {
  return (parent: Element, name: string, attributes: Attributes = {}, text?: string): Element => {
    const prefix = name.startsWith('xades:') ? 'xades' : 'ds'
    const element = document.createElementNS(namespaces[prefix], name)
    for (const [attribute, value] of Object.entries(attributes)) {
      if (attribute.startsWith('xmlns:')) element.setAttributeNS(namespaces.xmlns, attribute, value)
      else element.setAttribute(attribute, value)
    }
    if (text !== undefined) element.appendChild(document.createTextNode(text))
    parent.appendChild(element)
    return element
  }
}

/**
 * A carriage return reaches the DOM only as a character reference, and written raw it would read
 * back as a line feed (https://www.w3.org/TR/xml/#sec-line-ends), changing the signed text.
 */
const serialize = (document: Document): string =>
  new XMLSerializer().serializeToString(document).replace(/\r/g, '&#xD;')

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
