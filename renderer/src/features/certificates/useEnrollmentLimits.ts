import { useEffect, useState } from 'react'
import type { SessionSummary } from '../../../../shared/domain/auth'
import type { CertificateLimits } from '../../../../shared/domain/ksef-certificates'
import { useCertificates } from '../../store/certificates'

interface Read {
  /** The session the answer belongs to: a new login reads the limits again. */
  session: string
  limits?: CertificateLimits
  error?: unknown
}

/** The company's enrollment limits, read from KSeF as soon as it has a session (again after a login). */
export function useEnrollmentLimits(companyId: string, session: SessionSummary | null) {
  const readLimits = useCertificates((state) => state.limits)
  const [read, setRead] = useState<Read>()
  const reference = session?.referenceNumber
  useEffect(() => {
    if (!reference) return
    let current = true
    readLimits(companyId).then(
      (limits) => current && setRead({ session: reference, limits }),
      (error: unknown) => current && setRead({ session: reference, error }),
    )
    return () => {
      current = false
    }
  }, [companyId, reference, readLimits])
  const answered = reference !== undefined && read?.session === reference
  return {
    limits: answered ? read.limits : undefined,
    error: answered ? read.error : undefined,
    loading: reference !== undefined && !answered,
  }
}
