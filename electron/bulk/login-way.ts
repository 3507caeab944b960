import type { BulkCredential } from '../../shared/domain/bulk'
import type { Company } from '../../shared/domain/company'
import { loginCertificateOf } from '../../shared/domain/identities'
import { loginCredentialOf } from '../../shared/domain/login-credential'
import type { Clock } from '../clock'
import type { IdentityRepository } from '../identities/identity-repository'
import type { CredentialRepository } from '../vault/credential-repository'
import type { PreferencesRepository } from '../vault/preferences-repository'

export interface LoginWayDeps {
  credentials: Pick<CredentialRepository, 'certificates' | 'tokens'>
  identities: Pick<IdentityRepository, 'assignedTo'>
  preferences: Pick<PreferencesRepository, 'get'>
  clock: Clock
}

/** How a bulk login or check signs the company in: with a certificate (its own or its identity's) or its token. */
export interface LoginWay {
  method: 'certificate' | 'token'
  credential: BulkCredential
}

/**
 * What logs the company in, as the Pulpit says (loginCredentialOf) with its identity: its own
 * default certificate while it can log in, else its identity, else its default token while
 * tokens may be used. When none of them can, the certificate it has (or else the token) is
 * tried, so that the login refuses with the reason (CERT_EXPIRED, TOKEN_REVOKED …).
 */
export function loginWayOf(company: Company, deps: LoginWayDeps): LoginWay {
  const certificates = deps.credentials.certificates(company.id)
  const tokens = deps.credentials.tokens(company.id)
  const identity = deps.identities.assignedTo(company.id)
  const now = deps.clock.now()
  const usable = loginCredentialOf(
    company,
    { certificates, tokens },
    now,
    deps.preferences.get().tokensAfter2026,
  )
  const certificate = loginCertificateOf(company.id, certificates, identity, now)
  if (usable.kind === 'certificate') return { method: 'certificate', credential: 'certificate' }
  if (certificate.kind === 'identity') return { method: 'certificate', credential: 'identity' }
  if (usable.kind === 'token') return { method: 'token', credential: 'token' }
  if (certificate.kind === 'certificate')
    return { method: 'certificate', credential: 'certificate' }
  if (tokens.some((token) => token.isDefault)) return { method: 'token', credential: 'token' }
  return { method: 'certificate', credential: 'certificate' }
}
