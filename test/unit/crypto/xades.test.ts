import { createHash, generateKeyPairSync, subtle, verify, X509Certificate } from 'node:crypto'
import { DOMParser, type Element } from '@xmldom/xmldom'
import { SignedXml } from 'xml-crypto'
import { describe, expect, it } from 'vitest'
import { buildAuthTokenRequest } from '../../../electron/crypto/auth-token-request'
import { x509 } from '../../../electron/crypto/webcrypto'
import { signAuthTokenRequest } from '../../../electron/crypto/xades'
import { fixedClock, personCredential } from './credentials'

const ds = 'http://www.w3.org/2000/09/xmldsig#'
const xades = 'http://uri.etsi.org/01903/v1.3.2#'
const request = buildAuthTokenRequest({
  challenge: '20250625-CR-20F5EE4000-DA48AE4124-46',
  context: { type: 'Nip', value: '5265877635' },
})

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml')
const one = (doc: ReturnType<typeof parse>, ns: string, name: string): Element => {
  const element = doc.getElementsByTagNameNS(ns, name)[0]
  if (!element) throw new Error(`no ${name}`)
  return element
}

function checkWithXmlCrypto(signed: string, certificate: Buffer): boolean {
  const verifier = new SignedXml({ publicCert: new X509Certificate(certificate).toString() })
  verifier.SignatureAlgorithms['http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256'] = class {
    getSignature(): string {
      throw new Error('verify only')
    }
    verifySignature(material: string, key: string, value: string): boolean {
      return verify(
        'sha256',
        Buffer.from(material),
        { key, dsaEncoding: 'ieee-p1363' },
        Buffer.from(value, 'base64'),
      )
    }
    getAlgorithmName(): string {
      return 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256'
    }
  }
  verifier.loadSignature(one(parse(signed), ds, 'Signature'))
  return verifier.checkSignature(signed)
}

describe('signAuthTokenRequest', () => {
  it.each([
    ['ec', 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256'],
    ['rsa', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'],
  ] as const)('signs with an %s key in the official layout', async (keyType, signatureMethod) => {
    const { certificate, privateKey } = await personCredential(keyType)
    const signed = signAuthTokenRequest(request, { certificate, privateKey }, { clock: fixedClock })

    // The unsigned bytes stay as they were; the signature is the root's last child.
    expect(signed.startsWith(request.slice(0, request.lastIndexOf('</AuthTokenRequest>')))).toBe(
      true,
    )
    const doc = parse(signed)
    const signature = one(doc, ds, 'Signature')
    expect(signature.getAttribute('Id')).toBe('Signature')
    expect(signature.parentNode).toBe(doc.documentElement)
    expect(doc.documentElement?.lastChild).toBe(signature)

    expect(one(doc, ds, 'SignatureMethod').getAttribute('Algorithm')).toBe(signatureMethod)
    expect(one(doc, ds, 'CanonicalizationMethod').getAttribute('Algorithm')).toBe(
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    )
    const references = Array.from(doc.getElementsByTagNameNS(ds, 'Reference'))
    expect(references.map((r) => [r.getAttribute('URI'), r.getAttribute('Type') || null])).toEqual([
      ['', null],
      ['#SignedProperties', 'http://uri.etsi.org/01903#SignedProperties'],
    ])
    const transforms = (reference: Element) =>
      Array.from(reference.getElementsByTagNameNS(ds, 'Transform')).map((t) =>
        t.getAttribute('Algorithm'),
      )
    expect(transforms(references[0]!)).toEqual([
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ])
    expect(transforms(references[1]!)).toEqual(['http://www.w3.org/2001/10/xml-exc-c14n#'])
    for (const digest of Array.from(doc.getElementsByTagNameNS(ds, 'DigestMethod'))) {
      expect(digest.getAttribute('Algorithm')).toBe('http://www.w3.org/2001/04/xmlenc#sha256')
    }

    expect(one(doc, ds, 'X509Certificate').textContent).toBe(certificate.toString('base64'))
    expect(one(doc, xades, 'QualifyingProperties').getAttribute('Target')).toBe('#Signature')
    expect(one(doc, xades, 'SignedProperties').getAttribute('Id')).toBe('SignedProperties')
    expect(one(doc, xades, 'SigningTime').textContent).toBe('2026-03-16T09:29:00Z')
    const certDigest = one(doc, xades, 'CertDigest')
    expect(certDigest.getElementsByTagNameNS(ds, 'DigestValue')[0]?.textContent).toBe(
      createHash('sha256').update(certificate).digest('base64'),
    )
    const x509Certificate = new X509Certificate(certificate)
    expect(one(doc, ds, 'X509SerialNumber').textContent).toBe(
      BigInt(`0x${x509Certificate.serialNumber}`).toString(),
    )
    expect(one(doc, ds, 'X509IssuerName').textContent).toBe(
      'C=PL, CN=Jan Kowalski, 2.5.4.5=TINPL-5265877635, 2.5.4.4=Kowalski, 2.5.4.42=Jan',
    )

    const signatureValue = Buffer.from(one(doc, ds, 'SignatureValue').textContent ?? '', 'base64')
    expect(signatureValue.length).toBe(keyType === 'ec' ? 64 : 256)
    expect(checkWithXmlCrypto(signed, certificate)).toBe(true)
  })

  it('chooses the algorithm from the key, not from the certificate signature', async () => {
    // A KSeF certificate for an RSA key is signed by the MF CA with ECDSA.
    const ca = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])
    const subject = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: '01F20A5D352AE590',
      issuer: 'CN=KSeF CA, C=PL',
      subject: 'CN=Jan Kowalski, C=PL',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2028-01-01T00:00:00Z'),
      signingKey: ca.privateKey,
      publicKey: await subtle.importKey(
        'spki',
        subject.publicKey.export({ format: 'der', type: 'spki' }),
        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        true,
        ['verify'],
      ),
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    })
    const der = Buffer.from(certificate.rawData)
    expect(new X509Certificate(der).publicKey.asymmetricKeyType).toBe('rsa')
    const signed = signAuthTokenRequest(request, {
      certificate: der,
      privateKey: subject.privateKey,
    })
    expect(one(parse(signed), ds, 'SignatureMethod').getAttribute('Algorithm')).toBe(
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    )
    // RFC 4514 order: the last RDN of the ASN.1 sequence first.
    expect(one(parse(signed), ds, 'X509IssuerName').textContent).toBe('C=PL, CN=KSeF CA')
  })

  it('describes the DER of a PEM certificate, and each certificate by its own facts', async () => {
    const first = await personCredential('ec')
    const second = await personCredential('ec', '1111111111')
    for (const credential of [first, second, first]) {
      const signed = signAuthTokenRequest(request, {
        certificate: Buffer.from(credential.certificatePem),
        privateKey: credential.privateKey,
      })
      const doc = parse(signed)
      expect(one(doc, ds, 'X509Certificate').textContent).toBe(
        credential.certificate.toString('base64'),
      )
      expect(
        one(doc, xades, 'CertDigest').getElementsByTagNameNS(ds, 'DigestValue')[0]?.textContent,
      ).toBe(createHash('sha256').update(credential.certificate).digest('base64'))
    }
  })

  it('takes the signing time from the clock, one minute back', async () => {
    const { certificate, privateKey } = await personCredential('ec')
    const signed = signAuthTokenRequest(
      request,
      { certificate, privateKey },
      { clock: { now: () => Date.UTC(2026, 0, 1) } },
    )
    expect(one(parse(signed), xades, 'SigningTime').textContent).toBe('2025-12-31T23:59:00Z')
  })

  it('refuses a key of another certificate', async () => {
    const { certificate } = await personCredential('ec')
    const { privateKey } = await personCredential('ec', '1111111111')
    expect(() => signAuthTokenRequest(request, { certificate, privateKey })).toThrow(
      expect.objectContaining({ code: 'KEY_CERT_MISMATCH' }),
    )
  })

  it('refuses an RSA key shorter than 2048 bits', async () => {
    const { certificate } = await personCredential('rsa')
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
    expect(() => signAuthTokenRequest(request, { certificate, privateKey })).toThrow(
      expect.objectContaining({ code: 'KEY_TOO_WEAK' }),
    )
  })

  it('refuses to sign twice, and refuses what is not an AuthTokenRequest', async () => {
    const credential = await personCredential('ec')
    const once = signAuthTokenRequest(request, credential)
    expect(() => signAuthTokenRequest(once, credential)).toThrow(
      expect.objectContaining({ code: 'AUTH_REQUEST_ALREADY_SIGNED' }),
    )
    expect(() => signAuthTokenRequest('<Invoice/>', credential)).toThrow(
      expect.objectContaining({ code: 'XML_UNREADABLE' }),
    )
  })

  it.each([
    ['after the root', request.replace('</AuthTokenRequest>', '</AuthTokenRequest><?erp done?>')],
    ['inside the root', request.replace('<Challenge>', '<?erp id="7"?><Challenge>')],
  ])('refuses a processing instruction %s, which it could not canonicalise', async (_, xml) => {
    const credential = await personCredential('ec')
    expect(() => signAuthTokenRequest(xml, credential)).toThrow(
      expect.objectContaining({
        code: 'XML_PROCESSING_INSTRUCTION',
        message:
          'The AuthTokenRequest contains the processing instruction <?erp …?>; remove it and sign again.',
      }),
    )
  })

  it('keeps the private key out of the document', async () => {
    const { certificate, privateKey } = await personCredential('ec')
    const signed = signAuthTokenRequest(request, { certificate, privateKey })
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')
    expect(signed).not.toContain(pkcs8.slice(40, 80))
  })
})
