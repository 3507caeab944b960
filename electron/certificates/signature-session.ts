import { enrollmentSession } from '../../shared/domain/enrollment-session'
import { AppError } from '../../shared/ipc/errors'
import type { CompanySession } from './ports'

/** Any session of the company: reading limits and the KSeF list works after every kind of login. */
export function anySessionToken(session: CompanySession, companyId: string): Promise<string> {
  if (!session.method(companyId)) {
    return Promise.reject(new AppError('AUTH_NOT_LOGGED_IN', 'This company is not logged in.'))
  }
  return session.accessToken(companyId)
}

/**
 * A session obtained by a signature (a certificate or a signed request): KSeF enrolls and revokes
 * only for the subject who signed, and refuses a KSeF-token session (25001/25002, 403). Said here,
 * before anything is sent.
 */
export function signatureSessionToken(
  session: CompanySession,
  companyId: string,
  purpose: 'enroll' | 'revoke',
): Promise<string> {
  const method = session.method(companyId)
  const allowed = enrollmentSession(method ? { method } : null)
  if (allowed === 'none') {
    return Promise.reject(new AppError('AUTH_NOT_LOGGED_IN', 'This company is not logged in.'))
  }
  if (allowed === 'token') {
    return Promise.reject(
      purpose === 'enroll'
        ? new AppError(
            'CERT_ENROLL_NEEDS_SIGNATURE',
            'KSeF issues certificates only in a session obtained with a signature; this company is logged in with a KSeF token. Log in with a certificate or a signed request first.',
            { loginMethod: method },
          )
        : new AppError(
            'CERT_REVOKE_NEEDS_SIGNATURE',
            'KSeF revokes certificates only in a session obtained with a signature; this company is logged in with a KSeF token. Log in with a certificate or a signed request first.',
            { loginMethod: method },
          ),
    )
  }
  return session.accessToken(companyId)
}
