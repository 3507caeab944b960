// An issued KSeF certificate meets the key sealed for its enrollment: checked as an import would be,
// then stored as the company's certificate.
import { createPrivateKey } from 'node:crypto'
import type { Company } from '../../shared/domain/company'
import type { CertificateSummary } from '../../shared/domain/credentials'
import type { EnrollmentSummary } from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'
import { checkCertificateForCompany, storeCertificate } from '../credentials/certificate-import'
import type { CertificateInfo } from '../crypto/certificates'
import { assertKeyMatchesCertificate } from '../crypto/keys'
import type { CertificateLifecyclePorts } from './ports'

export async function storeEnrolledCertificate(
  ports: CertificateLifecyclePorts,
  company: Company,
  enrollment: EnrollmentSummary,
  certificate: CertificateInfo,
  keyName: string,
): Promise<CertificateSummary> {
  const pem = await ports.secrets.get(keyName)
  if (!pem) {
    throw new AppError(
      'CERT_ENROLLMENT_KEY_MISSING',
      'The private key kept for this enrollment is missing: the certificate cannot be used. Revoke it and request a new one.',
      { serialNumber: certificate.serialNumber },
    )
  }
  const privateKey = createPrivateKey(pem)
  assertKeyMatchesCertificate(privateKey, certificate.der)
  if (certificate.usage !== enrollment.kind) {
    throw new AppError(
      'CERT_ENROLLMENT_WRONG_TYPE',
      `KSeF issued a certificate whose key usage makes it ${certificate.usage ?? 'of no KSeF type'}, not ${enrollment.kind} as requested; it was not stored.`,
      { requested: enrollment.kind, issued: certificate.usage },
    )
  }
  // Asked to be valid from a later date ("ważny od"): stored now, and logs in from then on.
  const validFrom = Date.parse(certificate.validFrom)
  const summary = checkCertificateForCompany(certificate, {
    company,
    clock: { now: () => Math.max(ports.clock.now(), validFrom) },
    // KSeF issues to the subject who signed in to this company's context: it has permissions here.
    allowOtherSubject: true,
    existing: ports.credentials.certificates(company.id),
  })
  return storeCertificate(
    ports,
    { ...summary, name: enrollment.name, kind: enrollment.kind },
    { certificate, privateKey },
    'enrolled',
    enrollment.makeDefault,
  )
}
