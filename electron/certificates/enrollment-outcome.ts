// What an enrollment's status means for what comes next: still pending, refused for good, and the
// error a refusal becomes.
import type { EnrollmentSummary } from '../../shared/domain/ksef-certificates'
import { emptyFacts, isKsefError, KsefError } from '../ksef/errors'

/** 400, 500 and 550 end an enrollment for good: no certificate will come of it. */
export const isRefused = (enrollment: EnrollmentSummary): boolean =>
  enrollment.status !== null && enrollment.status.code >= 300

export const isPending = (enrollment: EnrollmentSummary): boolean =>
  enrollment.certificateId === null && !isRefused(enrollment) && enrollment.serialNumber === null

/** 400, 500 or 550: what KSeF said, as the KSeF code the UI explains (shared/ksef/codes.ts). */
export function rejected(enrollment: EnrollmentSummary): KsefError {
  const status = enrollment.status
  const code = status?.code ?? 0
  return new KsefError(
    'CERT_ENROLLMENT_REJECTED',
    `KSeF rejected the certificate enrollment (status ${code}${status?.description ? `: ${status.description}` : ''}); its private key was deleted.`,
    {
      ...emptyFacts({
        method: 'GET',
        path: `/certificates/enrollments/${enrollment.referenceNumber ?? ''}`,
      }),
      ksef: { kind: 'enrollmentStatus', code },
      description: status?.description ?? null,
      ksefDetails: status?.details ?? [],
    },
  )
}

export const statusCodeOf = (error: unknown): { statusCode?: number } =>
  isKsefError(error) && error.ksef?.kind === 'enrollmentStatus'
    ? { statusCode: Number(error.ksef.code) }
    : {}
