import type { CertificateLimits } from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'

/** Before anything is made or sent: a refusal names the limit that holds. */
export function assertCanRequest(limits: CertificateLimits): void {
  if (limits.canRequest) return
  const details = {
    enrollmentLimit: limits.enrollment.limit,
    enrollmentRemaining: limits.enrollment.remaining,
    certificateLimit: limits.certificate.limit,
    certificateRemaining: limits.certificate.remaining,
  }
  if (limits.enrollment.remaining <= 0) {
    throw new AppError(
      'CERT_ENROLLMENT_LIMIT_REACHED',
      `The subject has used all ${limits.enrollment.limit} certificate enrollments KSeF allows; nothing was sent.`,
      details,
    )
  }
  if (limits.certificate.remaining <= 0) {
    throw new AppError(
      'CERT_ACTIVE_LIMIT_REACHED',
      `The subject holds the ${limits.certificate.limit} active certificates KSeF allows: revoke one you no longer use. Nothing was sent.`,
      details,
    )
  }
  throw new AppError(
    'CERT_ENROLLMENT_NOT_ALLOWED',
    'KSeF does not allow a certificate enrollment for this subject now; nothing was sent.',
    details,
  )
}
