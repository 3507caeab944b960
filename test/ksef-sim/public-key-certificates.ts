import { X509Certificate, generateKeyPairSync } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import type { CertificateAuthority } from './certificate-authority'
import { enrollmentDataToName } from './certificate-subject'
import { sha256Base64 } from './certificate-authority'
import { DAY } from './ksef-time'

export type PublicKeyUsage = 'KsefTokenEncryption' | 'SymmetricKeyEncryption'

export interface MfPublicKey {
  usage: PublicKeyUsage
  certificateDer: Buffer
  certificatePem: string
  publicKeyPem: string
  privateKey: KeyObject
  /** base64(SHA-256(certificate DER)) */
  certificateId: string
  /** base64(SHA-256(SubjectPublicKeyInfo DER)): what a client sends as publicKeyId. */
  publicKeyId: string
  validFromMs: number
  validToMs: number
  retired: boolean
}

/**
 * The Ministry's RSA-2048 encryption keys (GET /security/public-key-certificates): one for KSeF
 * tokens, one for invoice AES keys. Retired keys stay known only to answer 21470 precisely.
 */
export class PublicKeyCertificates {
  private readonly keys: MfPublicKey[] = []

  constructor(private readonly authority: CertificateAuthority) {}

  async generate(usage: PublicKeyUsage, nowMs: number): Promise<MfPublicKey> {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const spki = publicKey.export({ type: 'spki', format: 'der' })
    const validFromMs = nowMs - DAY
    const validToMs = nowMs + 2 * 365 * DAY
    const certificateDer = await this.authority.issue({
      subject: enrollmentDataToName({
        commonName: 'Ministerstwo Finansów (symulator KSeF)',
        organizationName: 'Ministerstwo Finansów',
        countryName: 'PL',
      }),
      publicKey: spki,
      notBefore: new Date(validFromMs),
      notAfter: new Date(validToMs),
      keyUsage: 'keyEncipherment',
    })
    const key: MfPublicKey = {
      usage,
      certificateDer,
      certificatePem: new X509Certificate(certificateDer).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKey,
      certificateId: sha256Base64(certificateDer),
      publicKeyId: sha256Base64(spki),
      validFromMs,
      validToMs,
      retired: false,
    }
    for (const existing of this.keys) if (existing.usage === usage) existing.retired = true
    this.keys.push(key)
    return key
  }

  current(): MfPublicKey[] {
    return this.keys.filter((key) => !key.retired)
  }

  active(usage: PublicKeyUsage): MfPublicKey {
    const key = this.current().find((candidate) => candidate.usage === usage)
    if (!key) throw new Error(`No ${usage} key`)
    return key
  }

  byPublicKeyId(publicKeyId: string): MfPublicKey | undefined {
    return this.keys.find((key) => key.publicKeyId === publicKeyId)
  }
}
