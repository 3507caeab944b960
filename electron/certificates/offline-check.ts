// Sprawdź certyfikat trybu Offline: what an Offline certificate stored here is worth for offline
// invoices — its type by key usage, its validity, whether its key fits, what KSeF says of it — and
// a sample KOD II link signed with it, with the QR code printed on an offline invoice.
import { createPrivateKey } from 'node:crypto'
import QRCode from 'qrcode'
import type { KsefCertificateStatus } from '../../shared/domain/credentials'
import type { Company } from '../../shared/domain/company'
import type { OfflineCheckResult } from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'
import type { KsefClients } from '../auth/ksef-clients'
import { contextOf } from '../auth/company-lookup'
import type { Clock } from '../clock'
import { certificateValidity, readCertificate } from '../crypto/certificates'
import { keyMatchesCertificate } from '../crypto/keys'
import { certificateVerificationLink } from '../crypto/qr-links'
import { companyNip } from '../credentials/certificate-import'
import type { Logger } from '../log'
import type { CertificateFiles } from '../vault/certificate-files'
import type { CompanyRepository } from '../vault/company-repository'
import type { CredentialRepository } from '../vault/credential-repository'
import { certificateKeySecret, type SecretStore } from '../vault/secret-store'
import type { CompanySession } from './ports'

export interface OfflineCheckPorts {
  companies: CompanyRepository
  credentials: CredentialRepository
  certificateFiles: CertificateFiles
  secrets: SecretStore
  session: CompanySession
  clients: KsefClients
  clock: Clock
  log: Logger
}

/** The invoice the sample link speaks of: fixed, so the same certificate gives the same link data. */
export const sampleInvoice = Buffer.from(
  'KSeF Desk: przykładowa faktura do sprawdzenia certyfikatu trybu Offline',
  'utf8',
)

const validityNames = {
  valid: 'valid',
  expired: 'expired',
  'not-yet-valid': 'notYetValid',
} as const

/** The QR symbol of a link as a PNG: error correction M and the standard four-module quiet zone. */
export function qrCodePng(link: string): Promise<Buffer> {
  return QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6 })
}

export class OfflineCheck {
  constructor(private readonly ports: OfflineCheckPorts) {}

  async check(companyId: string, certificateId: string): Promise<OfflineCheckResult> {
    const company = this.ports.companies.find(companyId)
    if (!company) throw new AppError('COMPANY_NOT_FOUND', 'This company is no longer on the list.')
    const summary = this.ports.credentials.certificate(companyId, certificateId)
    if (!summary) {
      throw new AppError('CERT_NOT_FOUND', 'This certificate is no longer stored for the company.')
    }
    if (summary.kind !== 'Offline') {
      throw new AppError(
        'OFFLINE_CHECK_NOT_OFFLINE',
        'This is an Authentication certificate: it logs in to KSeF and must not sign KOD II links. Check a certificate of the Offline type.',
        { kind: summary.kind },
      )
    }
    const certificate = readCertificate(await this.ports.certificateFiles.read(certificateId))
    const keyPem = await this.ports.secrets.get(certificateKeySecret(companyId, certificateId))
    if (keyPem === undefined) {
      throw new AppError(
        'CERT_KEY_MISSING',
        'The private key of this certificate is not on this computer: it cannot sign a KOD II link.',
      )
    }
    const privateKey = createPrivateKey(keyPem)
    const link = certificateVerificationLink({
      environment: company.environment,
      context: contextOf(company),
      sellerNip: companyNip(company),
      certificateSerial: summary.serialNumber,
      invoice: sampleInvoice,
      privateKey,
    })
    return {
      certificateId,
      serialNumber: summary.serialNumber,
      kindByKeyUsage: certificate.usage,
      validity: validityNames[certificateValidity(certificate, this.ports.clock)],
      validFrom: certificate.validFrom,
      validTo: certificate.validTo,
      keyFits: keyMatchesCertificate(privateKey, certificate.der),
      ksefStatus: await this.#ksefStatus(company, summary.serialNumber),
      link,
      qrPngBase64: (await qrCodePng(link)).toString('base64'),
    }
  }

  /**
   * KSeF's word on the certificate when the company has a session; null without one, and when
   * KSeF cannot be asked now (the local checks still stand, the failure goes to the log).
   */
  async #ksefStatus(company: Company, serialNumber: string): Promise<KsefCertificateStatus | null> {
    if (!this.ports.session.method(company.id)) return null
    try {
      const accessToken = await this.ports.session.accessToken(company.id)
      const { certificates } = await this.ports.clients
        .forEnvironment(company.environment)
        .certificates.queryCertificates(accessToken, { certificateSerialNumber: serialNumber })
      const listed = certificates.find(
        (c) => c.certificateSerialNumber.toUpperCase() === serialNumber.toUpperCase(),
      )
      return listed?.status ?? null
    } catch (error) {
      this.ports.log.info('offline check: KSeF status not read', {
        companyId: company.id,
        code: error instanceof AppError ? error.code : 'INTERNAL',
      })
      return null
    }
  }
}
