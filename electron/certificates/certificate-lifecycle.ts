// The life of a KSeF certificate as the Certyfikaty tab and the CLI see it: MF public keys,
// limits, enrollment to retrieval, the reconciled list, revocation and renewal. It depends on
// the company's session (CompanySession), not on how the login got it.
import type { Company } from '../../shared/domain/company'
import type { Environment } from '../../shared/domain/environment'
import type {
  CertificateLimits,
  CertificateListing,
  CertificateRevocationReason,
  EnrollmentDraft,
  EnrollmentResult,
  EnrollmentSummary,
  PublicKeyCertificates,
} from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'
import { CertificateEnrollments } from './enrollments'
import { certificateListing, queryAllCertificates } from './listing'
import type { CertificateLifecyclePorts } from './ports'
import { PublicKeyCache } from './public-keys'
import { revokeKsefCertificate } from './revocation'
import { anySessionToken, signatureSessionToken } from './signature-session'

export class CertificateLifecycle {
  readonly #ports: CertificateLifecyclePorts
  readonly #publicKeys: PublicKeyCache
  readonly #enrollments: CertificateEnrollments

  constructor(ports: CertificateLifecyclePorts) {
    this.#ports = ports
    this.#publicKeys = new PublicKeyCache(ports)
    this.#enrollments = new CertificateEnrollments(ports)
  }

  publicKeys(environment: Environment, refresh: boolean): Promise<PublicKeyCertificates> {
    return this.#publicKeys.get(environment, refresh)
  }

  async limits(companyId: string): Promise<CertificateLimits> {
    const company = this.#company(companyId)
    const accessToken = await anySessionToken(this.#ports.session, companyId)
    return this.#ports.clients
      .forEnvironment(company.environment)
      .certificates.getCertificateLimits(accessToken)
  }

  enroll(companyId: string, draft: EnrollmentDraft, wait: boolean): Promise<EnrollmentResult> {
    return this.#enrollments.enroll(this.#company(companyId), draft, wait)
  }

  enrollmentStatus(companyId: string, enrollmentId: string): Promise<EnrollmentSummary> {
    return this.#enrollments.status(this.#company(companyId), enrollmentId)
  }

  retrieve(companyId: string, enrollmentId: string): Promise<EnrollmentResult> {
    return this.#enrollments.retrieve(this.#company(companyId), enrollmentId)
  }

  /** Usuń wniosek: a refused, gone, retrieved or never sent enrollment leaves the list. */
  async forgetEnrollment(companyId: string, enrollmentId: string): Promise<CertificateListing> {
    const company = this.#company(companyId)
    await this.#enrollments.forget(company, enrollmentId)
    return certificateListing(this.#ports, company, false)
  }

  /**
   * Odnów: a successor with the same name, type and kind of key, made the default once
   * retrieved. Its enrollment names the old certificate in `renews`, for the offer to revoke it.
   */
  async renew(companyId: string, certificateId: string, wait: boolean): Promise<EnrollmentResult> {
    const company = this.#company(companyId)
    const old = this.#ports.credentials.certificate(companyId, certificateId)
    if (!old) {
      throw new AppError('CERT_NOT_FOUND', 'This certificate is no longer stored for the company.')
    }
    if (old.issuerKind !== 'ksef') {
      throw new AppError(
        'CERT_RENEW_NOT_KSEF',
        'Only a certificate issued by KSeF can be renewed; request a new one instead.',
        { issuerKind: old.issuerKind },
      )
    }
    // The name KSeF keeps, for a certificate brought from elsewhere (stored under its CN).
    const accessToken = await signatureSessionToken(this.#ports.session, companyId, 'enroll')
    const [listed] = await queryAllCertificates(
      this.#ports.clients.forEnvironment(company.environment),
      accessToken,
      { certificateSerialNumber: old.serialNumber },
    )
    return this.#enrollments.enroll(
      company,
      {
        name: old.origin === 'enrolled' ? old.name : (listed?.name ?? old.name),
        kind: old.kind,
        keyType: old.keyAlgorithm.startsWith('RSA') ? 'RSA' : 'EC',
        validFrom: null,
        makeDefault: true,
      },
      wait,
      old.id,
    )
  }

  listing(companyId: string, fromKsef: boolean): Promise<CertificateListing> {
    return certificateListing(this.#ports, this.#company(companyId), fromKsef)
  }

  /** Revokes in KSeF, then lists again from KSeF; the notices say where a default went. */
  async revoke(
    companyId: string,
    serialNumber: string,
    reason: CertificateRevocationReason,
  ): Promise<CertificateListing> {
    const company = this.#company(companyId)
    const handOffs = await revokeKsefCertificate(this.#ports, company, serialNumber, reason)
    return certificateListing(this.#ports, company, true, handOffs)
  }

  /** The company is removed: its enrollments go (their keys go with the company's secrets). */
  forgetCompany(companyId: string): void {
    this.#ports.enrollments.removeCompany(companyId)
  }

  #company(companyId: string): Company {
    const company = this.#ports.companies.find(companyId)
    if (!company) throw new AppError('COMPANY_NOT_FOUND', 'This company is no longer on the list.')
    return company
  }
}
