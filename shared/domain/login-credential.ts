import type { Company } from './company'
import {
  certificateStatusBarsLogin,
  tokenStatusBarsLogin,
  type CertificateSummary,
  type TokenSummary,
} from './credentials'
import { ksefTokenSunset, tokenPolicy } from './token-sunset'

/** What logs a company in today: the stored credential a one-click login would use, or none. */
export type LoginCredential =
  | { kind: 'certificate'; certificate: CertificateSummary; expiresAt: string }
  /** expiresAt: the end of tokens (31.12.2026), or null when they were turned on after it. */
  | { kind: 'token'; token: TokenSummary; expiresAt: string | null }
  | { kind: 'none' }

/** One company's stored credentials, as the settings document holds them. */
export interface StoredCredentialsOf {
  certificates: readonly CertificateSummary[]
  tokens: readonly TokenSummary[]
}

/**
 * The one rule of "what logs this company in", as the logins check it before KSeF is asked
 * (electron/auth/login-credentials.ts): the default Authentication certificate when it is for
 * the company's environment, valid now and not revoked, blocked or expired in KSeF; else the
 * default token when tokens are allowed now, it is for the company's environment and KSeF has
 * not revoked it; else none. A sealed key or token that went missing is not known here.
 */
export function loginCredentialOf(
  company: Pick<Company, 'environment'>,
  stored: StoredCredentialsOf,
  now: number,
  tokensAfter2026: boolean,
): LoginCredential {
  const certificate = stored.certificates.find(
    (c) =>
      c.kind === 'Authentication' &&
      c.isDefault &&
      c.environment === company.environment &&
      !certificateStatusBarsLogin(c.ksefStatus) &&
      Date.parse(c.validFrom) <= now &&
      now < Date.parse(c.validTo),
  )
  if (certificate) return { kind: 'certificate', certificate, expiresAt: certificate.validTo }
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
