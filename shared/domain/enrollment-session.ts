import type { SessionSummary } from './auth'

/**
 * What a company's session allows for Wniosek o certyfikat: KSeF copies the enrollment data from
 * the certificate that signed the login, so a KSeF-token session (or none) cannot enroll (25001,
 * 25002). Said before anything is sent.
 */
export type EnrollmentSession = 'signature' | 'token' | 'none'

export function enrollmentSession(
  session: Pick<SessionSummary, 'method'> | null | undefined,
): EnrollmentSession {
  if (!session) return 'none'
  return session.method === 'token' ? 'token' : 'signature'
}
