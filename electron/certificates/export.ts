// Eksportuj: a certificate and its key out of the vault, as the MF web app writes them — .crt (PEM)
// with .key (encrypted PKCS#8), or one .p12 — through the file-saving port, so the key goes from
// the vault to the file without passing the page. A certificate with no key here gives its .crt.
import { createPrivateKey, type KeyObject } from 'node:crypto'
import type { Company } from '../../shared/domain/company'
import type { CertificateExportResult, ExportFormat } from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'
import type { KsefClients } from '../auth/ksef-clients'
import { readCertificate, type CertificateInfo } from '../crypto/certificates'
import { assertExportPassword, exportEncryptedKey, keyMatchesCertificate } from '../crypto/keys'
import { exportPkcs12 } from '../crypto/pkcs12'
import { fileNameStem } from '../files/file-names'
import type { FileSaver, FileToSave } from '../files/file-saver'
import type { Logger } from '../log'
import type { CertificateFiles } from '../vault/certificate-files'
import type { CompanyRepository } from '../vault/company-repository'
import type { CredentialRepository } from '../vault/credential-repository'
import { certificateKeySecret, type SecretStore } from '../vault/secret-store'
import type { CompanySession } from './ports'
import { anySessionToken } from './signature-session'

export interface CertificateExportPorts {
  companies: CompanyRepository
  credentials: CredentialRepository
  certificateFiles: CertificateFiles
  secrets: SecretStore
  session: CompanySession
  clients: KsefClients
  files: FileSaver
  log: Logger
}

export interface ExportRequest {
  companyId: string
  /** A stored certificate's id, or `ksef:SERIAL` for a certificate only KSeF has. */
  certificateId: string
  format: ExportFormat
  password: string
}

interface Exportable {
  name: string
  certificate: CertificateInfo
  /** Null when no key is kept here for it. */
  privateKey: KeyObject | null
}

const privateFile = 0o600

export class CertificateExport {
  constructor(private readonly ports: CertificateExportPorts) {}

  async export(request: ExportRequest): Promise<CertificateExportResult> {
    const company = this.ports.companies.find(request.companyId)
    if (!company) throw new AppError('COMPANY_NOT_FOUND', 'This company is no longer on the list.')
    const exportable = request.certificateId.startsWith('ksef:')
      ? await this.#fromKsef(company, request.certificateId.slice('ksef:'.length))
      : await this.#stored(company, request.certificateId)
    const stem = fileNameStem(exportable.name, exportable.certificate.serialNumber)
    const files = await filesOf(exportable, stem, request)
    const saved = await this.ports.files.save(files)
    const certificateOnly = exportable.privateKey === null
    this.ports.log.info('certificate exported', {
      companyId: company.id,
      certificateId: request.certificateId,
      format: certificateOnly ? 'crt' : request.format,
      saved: saved.every((file) => file.saved),
    })
    return { files: saved, certificateOnly }
  }

  async #stored(company: Company, certificateId: string): Promise<Exportable> {
    const summary = this.ports.credentials.certificate(company.id, certificateId)
    if (!summary) {
      throw new AppError('CERT_NOT_FOUND', 'This certificate is no longer stored for the company.')
    }
    const certificate = readCertificate(await this.ports.certificateFiles.read(certificateId))
    const keyPem = await this.ports.secrets.get(certificateKeySecret(company.id, certificateId))
    const privateKey = keyPem === undefined ? null : createPrivateKey(keyPem)
    if (privateKey && !keyMatchesCertificate(privateKey, certificate.der)) {
      throw new AppError(
        'KEY_CERT_MISMATCH',
        'The key kept for this certificate does not belong to it; nothing was exported.',
      )
    }
    return { name: summary.name, certificate, privateKey }
  }

  /** A certificate only KSeF has: read from KSeF by its serial number, in the company's session. */
  async #fromKsef(company: Company, serialNumber: string): Promise<Exportable> {
    const accessToken = await anySessionToken(this.ports.session, company.id)
    const { certificates } = await this.ports.clients
      .forEnvironment(company.environment)
      .certificates.retrieveCertificates(accessToken, [serialNumber])
    const found = certificates.find(
      (c) => c.certificateSerialNumber.toUpperCase() === serialNumber.toUpperCase(),
    )
    if (!found) {
      throw new AppError(
        'CERT_NOT_IN_KSEF',
        `KSeF returned no certificate with the serial number ${serialNumber}.`,
        { serialNumber },
      )
    }
    return {
      name: found.certificateName,
      certificate: readCertificate(Buffer.from(found.certificate, 'base64')),
      privateKey: null,
    }
  }
}

async function filesOf(
  exportable: Exportable,
  stem: string,
  request: ExportRequest,
): Promise<FileToSave[]> {
  const certificateFile: FileToSave = {
    name: `${stem}.crt`,
    bytes: Buffer.from(exportable.certificate.pem, 'utf8'),
  }
  const { privateKey } = exportable
  // Without a key the password protects nothing, so it is not asked to meet the rules.
  if (!privateKey) return [certificateFile]
  assertExportPassword(request.password)
  if (request.format === 'pem') {
    return [
      certificateFile,
      {
        name: `${stem}.key`,
        bytes: Buffer.from(exportEncryptedKey(privateKey, request.password), 'utf8'),
        mode: privateFile,
      },
    ]
  }
  const p12 = await exportPkcs12({
    certificate: exportable.certificate.der,
    privateKey,
    password: request.password,
    friendlyName: exportable.name,
  })
  return [{ name: `${stem}.p12`, bytes: p12, mode: privateFile }]
}
