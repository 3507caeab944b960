// Unieważnij: KSeF revokes for good (one-shot, never repeated). The stored copy is marked Revoked
// at once, and a default hands itself on as on removal.
import type { Company } from '../../shared/domain/company'
import type { CertificateRevocationReason } from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'
import { isKsefError } from '../ksef/errors'
import type { CertificateHandOff } from '../vault/credential-repository'
import type { CertificateLifecyclePorts } from './ports'
import { signatureSessionToken } from './signature-session'

export async function revokeKsefCertificate(
  ports: CertificateLifecyclePorts,
  company: Company,
  serialNumber: string,
  reason: CertificateRevocationReason,
): Promise<CertificateHandOff[]> {
  const accessToken = await signatureSessionToken(ports.session, company.id, 'revoke')
  const stored = ports.credentials
    .certificates(company.id)
    .find((c) => c.serialNumber.toUpperCase() === serialNumber.toUpperCase())
  try {
    await ports.clients
      .forEnvironment(company.environment)
      .certificates.revokeCertificate(accessToken, serialNumber, reason)
  } catch (error) {
    // KSeF answers 25008 alike for a serial it does not know and for another subject's
    // certificate; one stored here that KSeF issued is known, so it is another subject's.
    if (
      isKsefError(error) &&
      error.ksef?.kind === 'exception' &&
      Number(error.ksef.code) === 25008 &&
      stored?.issuerKind === 'ksef'
    ) {
      const owner = stored.subjectIdentifier
        ? `${stored.subjectIdentifier.type} ${stored.subjectIdentifier.value}`
        : stored.subject
      throw new AppError(
        'CERT_REVOKE_OTHER_SUBJECT',
        `Certificate ${stored.serialNumber} was issued to ${owner}, not to the subject logged in: only its owner can revoke it.`,
        {
          serialNumber: stored.serialNumber,
          subject: stored.subject,
          ksefCodeKind: 'exception',
          ksefCode: 25008,
        },
      )
    }
    throw error
  }
  ports.log.info('certificate revoked', { companyId: company.id, reason })
  const handOffs = ports.credentials.recordKsefCertificateStatuses(
    company.id,
    [{ serialNumber, status: 'Revoked' }],
    new Date(ports.clock.now()).toISOString(),
  )
  ports.events.emit('certificates:changed', { companyId: company.id })
  return handOffs
}
