import 'reflect-metadata'
import { X509Certificate as NodeX509Certificate, createHash, webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { DAY } from './ksef-time'
import { newCertificateSerialNumber } from './reference-numbers'
import type { SimulatorMode } from './state'

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

// KSeF's real issuers (CIRFMF/ksef-api#437, #330): TEST and DEMO share one, production has its own.
const CA_SUBJECT_OF_MODE: Record<SimulatorMode, string> = {
  test: 'CN=TEST CCK KSeF, OU=National Revenue Administration, O=Ministry of Finance, C=PL',
  demo: 'CN=TEST CCK KSeF, OU=National Revenue Administration, O=Ministry of Finance, C=PL',
  prod: 'CN=CCK KSeF, OU=National Revenue Administration, O=Ministry of Finance, C=PL',
}

const ECDSA_P256: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' }
const SIGNING: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' }

export type KeyUsage = 'digitalSignature' | 'nonRepudiation' | 'keyEncipherment'

const KEY_USAGE_FLAGS: Record<KeyUsage, x509.KeyUsageFlags> = {
  digitalSignature: x509.KeyUsageFlags.digitalSignature,
  nonRepudiation: x509.KeyUsageFlags.nonRepudiation,
  keyEncipherment: x509.KeyUsageFlags.keyEncipherment,
}

export interface IssueRequest {
  subject: x509.Name
  /** SubjectPublicKeyInfo, DER. */
  publicKey: ArrayBuffer | Buffer
  notBefore: Date
  notAfter: Date
  keyUsage: KeyUsage
  serialNumber?: string
}

/**
 * A CA with a fresh ECDSA P-256 key per simulator instance, so a certificate from another
 * instance is as foreign here as a DEMO certificate is to production. Like the MF CA it signs
 * with ECDSA whatever the subject's key type.
 */
export class CertificateAuthority {
  private constructor(
    private readonly keys: webcrypto.CryptoKeyPair,
    readonly certificate: x509.X509Certificate,
    readonly nodeCertificate: NodeX509Certificate,
  ) {}

  static async create(mode: SimulatorMode, nowMs: number): Promise<CertificateAuthority> {
    const keys = await webcrypto.subtle.generateKey(ECDSA_P256, false, ['sign', 'verify'])
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: newCertificateSerialNumber(),
      name: CA_SUBJECT_OF_MODE[mode],
      notBefore: new Date(nowMs - 365 * DAY),
      notAfter: new Date(nowMs + 10 * 365 * DAY),
      keys,
      signingAlgorithm: SIGNING,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    })
    const der = Buffer.from(certificate.rawData)
    return new CertificateAuthority(keys, certificate, new NodeX509Certificate(der))
  }

  get certificatePem(): string {
    return this.certificate.toString('pem')
  }

  get subject(): string {
    return this.certificate.subject
  }

  async issue(request: IssueRequest): Promise<Buffer> {
    const publicKey = new x509.PublicKey(request.publicKey)
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: request.serialNumber ?? newCertificateSerialNumber(),
      subject: request.subject,
      issuer: this.certificate.subjectName,
      notBefore: request.notBefore,
      notAfter: request.notAfter,
      publicKey,
      signingKey: this.keys.privateKey,
      signingAlgorithm: SIGNING,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(KEY_USAGE_FLAGS[request.keyUsage], true),
        await x509.SubjectKeyIdentifierExtension.create(publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(this.certificate),
      ],
    })
    return Buffer.from(certificate.rawData)
  }

  /** True when this CA issued the certificate: issuer name matches and the signature verifies. */
  issued(certificate: NodeX509Certificate): boolean {
    return (
      certificate.checkIssued(this.nodeCertificate) &&
      certificate.verify(this.nodeCertificate.publicKey)
    )
  }
}

export function sha256Base64(data: Buffer): string {
  return createHash('sha256').update(data).digest('base64')
}
