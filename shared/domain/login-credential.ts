import type { Company } from './company'
import {
  certificateStatusBarsLogin,
  tokenStatusBarsLogin,
  validAt,
  type CertificateSummary,
  type TokenSummary,
} from './credentials'
import { loginCertificateOf, type Identity } from './identities'
import { ksefTokenSunset, tokenPolicy } from './token-sunset'

/** What logs a company in today: the stored credential a one-click login would use, or none. */
export type LoginCredential =
  | { kind: 'certificate'; certificate: CertificateSummary; expiresAt: string }
  /** The identity assigned to the company (Tożsamości): a certificate of the office's. */
  | { kind: 'identity'; identity: Identity; expiresAt: string }
  /** expiresAt: the end of tokens (31.12.2026), or null when they were turned on after it. */
  | { kind: 'token'; token: TokenSummary; expiresAt: string | null }
  | { kind: 'none' }

/** One company's stored credentials, as the settings document holds them. */
export interface StoredCredentialsOf {
  certificates: readonly CertificateSummary[]
  tokens: readonly TokenSummary[]
  /** The identity assigned to the company, if any. */
  identity?: Identity | undefined
}

/**
 * The one rule of "what logs this company in", as the logins check it before KSeF is asked
 * (electron/auth/login-credentials.ts). The certificate login signs with loginCertificateOf's
 * choice: the company's own default Authentication certificate unless KSeF reported it revoked,
 * blocked or expired, else its assigned identity. That choice logs it in when it is for the
 * company's environment and valid now; else the default token does when tokens are allowed now,
 * it is for the company's environment and KSeF has not revoked it; else nothing does. A sealed
 * key or token that went missing is not known here.
 */
export function loginCredentialOf(
  company: Pick<Company, 'id' | 'environment'>,
  stored: StoredCredentialsOf,
  now: number,
  tokensAfter2026: boolean,
): LoginCredential {
  const choice = loginCertificateOf(company.id, stored.certificates, stored.identity, now)
  if (choice.kind === 'certificate') {
    const certificate = stored.certificates.find((c) => c.id === choice.certificateId)
    if (
      certificate &&
      certificate.environment === company.environment &&
      !certificateStatusBarsLogin(certificate.ksefStatus) &&
      validAt(certificate, now)
    )
      return { kind: 'certificate', certificate, expiresAt: certificate.validTo }
  }
  const { identity } = stored
  if (
    choice.kind === 'identity' &&
    identity &&
    identity.environments.includes(company.environment) &&
    !certificateStatusBarsLogin(identity.ksefStatus) &&
    validAt(identity, now)
  )
    return { kind: 'identity', identity, expiresAt: identity.validTo }
  const token = stored.tokens.find(
    (t) =>
      t.isDefault && t.environment === company.environment && !tokenStatusBarsLogin(t.ksefStatus),
  )
  if (token && tokenPolicy(now, tokensAfter2026).allowed) {
    const expiresAt = tokensAfter2026 ? null : new Date(ksefTokenSunset).toISOString()
    return { kind: 'token', token, expiresAt }
  }
  return { kind: 'none' }
}
