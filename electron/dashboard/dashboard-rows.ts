import type { Company } from '../../shared/domain/company'
import type { CertificateSummary, TokenSummary } from '../../shared/domain/credentials'
import type { Identity, IdentityAssignment } from '../../shared/domain/identities'
import {
  daysUntil,
  expiryMonths,
  KsefCodeKindSchema,
  tileCounts,
  type DashboardCredential,
  type DashboardRow,
  type DashboardView,
  type LastActivity,
} from '../../shared/domain/dashboard'
import { loginCredentialOf, type LoginCredential } from '../../shared/domain/login-credential'
import { ksefTokenSunset } from '../../shared/domain/token-sunset'
import type { StoredOperation, StoredSession } from '../vault/auth-repository'
import type { SettingsDocument } from '../vault/settings-document'

/** What the Pulpit is built from: the stored lists of every company, read once. */
export interface DashboardSource {
  companies: readonly Company[]
  certificates: readonly CertificateSummary[]
  tokens: readonly TokenSummary[]
  identities: readonly Identity[]
  identityAssignments: readonly IdentityAssignment[]
  sessions: readonly StoredSession[]
  operations: readonly StoredOperation[]
  tokensAfter2026: boolean
}

export const dashboardSource = (document: SettingsDocument): DashboardSource => ({
  companies: document.companies,
  certificates: document.certificates,
  tokens: document.tokens,
  identities: document.identities,
  identityAssignments: document.identityAssignments,
  sessions: document.auth.sessions,
  operations: document.auth.operations,
  tokensAfter2026: document.preferences.tokensAfter2026,
})

function byCompany<T extends { companyId: string }>(records: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>()
  for (const record of records) {
    const list = grouped.get(record.companyId)
    if (list) list.push(record)
    else grouped.set(record.companyId, [record])
  }
  return grouped
}

/**
 * Every company's row, in one pass over each stored list (grouped by company first): with 2,000
 * companies the repositories' per-company look-ups would each scan the whole list again.
 */
export function dashboardRows(source: DashboardSource, now: number): DashboardRow[] {
  const certificates = byCompany(source.certificates)
  const tokens = byCompany(source.tokens)
  const operations = byCompany(source.operations)
  const sessions = new Map(source.sessions.map((session) => [session.companyId, session]))
  const identities = new Map(source.identities.map((identity) => [identity.id, identity]))
  const assigned = new Map(
    source.identityAssignments.map((a) => [a.companyId, identities.get(a.identityId)]),
  )
  const collator = new Intl.Collator('pl')
  return source.companies
    .map((company): DashboardRow => {
      const stored = {
        certificates: certificates.get(company.id) ?? [],
        tokens: tokens.get(company.id) ?? [],
        identity: assigned.get(company.id),
      }
      const defaultToken = stored.tokens.find((token) => token.isDefault)
      const session = sessions.get(company.id)
      return {
        companyId: company.id,
        name: company.name,
        identifier: company.identifier,
        environment: company.environment,
        credential: credentialOf(
          loginCredentialOf(company, stored, now, source.tokensAfter2026),
          now,
        ),
        tokenSunsetDays:
          defaultToken && !source.tokensAfter2026
            ? daysUntil(new Date(ksefTokenSunset).toISOString(), now)
            : null,
        last: lastActivity(operations.get(company.id) ?? [], defaultToken),
        sessionUntil:
          session && Date.parse(session.refreshTokenValidUntil) > now
            ? session.refreshTokenValidUntil
            : null,
      }
    })
    .sort((a, b) => collator.compare(a.name, b.name))
}

export function dashboardView(source: DashboardSource, now: number): DashboardView {
  const rows = dashboardRows(source, now)
  return {
    at: new Date(now).toISOString(),
    rows,
    tiles: tileCounts(rows),
    months: expiryMonths(rows, now),
  }
}

function credentialOf(credential: LoginCredential, now: number): DashboardCredential {
  switch (credential.kind) {
    case 'certificate':
      return {
        kind: 'certificate',
        label: credential.certificate.name,
        subject: credential.certificate.subject,
        expiresAt: credential.expiresAt,
        daysLeft: daysUntil(credential.expiresAt, now),
      }
    case 'identity':
      return {
        kind: 'identity',
        label: credential.identity.name,
        subject: credential.identity.subject,
        expiresAt: credential.expiresAt,
        daysLeft: daysUntil(credential.expiresAt, now),
      }
    case 'token':
      return {
        kind: 'token',
        label: credential.token.description || credential.token.masked,
        subject: null,
        expiresAt: credential.expiresAt,
        daysLeft: credential.expiresAt === null ? null : daysUntil(credential.expiresAt, now),
      }
    case 'none':
      return { kind: 'none', label: null, subject: null, expiresAt: null, daysLeft: null }
  }
}

/** The newer of the last login attempt and the default token's last Sprawdź token. */
function lastActivity(
  operations: readonly StoredOperation[],
  token: TokenSummary | undefined,
): LastActivity | null {
  const operation = operations.reduce<StoredOperation | undefined>(
    (newest, each) => (newest === undefined || each.startedAt > newest.startedAt ? each : newest),
    undefined,
  )
  const login = operation ? loginActivity(operation) : null
  const check = token?.lastCheck
  const checked: LastActivity | null = check
    ? {
        kind: 'tokenCheck',
        at: check.checkedAt,
        result: check.ok ? 'ok' : 'failed',
        ksef:
          check.ksefStatusCode === null
            ? null
            : { kind: 'authStatus', code: String(check.ksefStatusCode) },
        errorCode: check.errorCode,
      }
    : null
  if (login === null) return checked
  if (checked === null) return login
  return Date.parse(checked.at) > Date.parse(login.at) ? checked : login
}

function loginActivity(operation: StoredOperation): LastActivity {
  const base = { kind: 'login' as const, at: operation.startedAt }
  // Refused before KSeF numbered it: the app's error, with KSeF's code when KSeF answered.
  if (operation.refusal) {
    const { details } = operation.refusal
    const kind = KsefCodeKindSchema.safeParse(details['ksefCodeKind'])
    const code = details['ksefCode']
    return {
      ...base,
      result: 'failed',
      ksef:
        kind.success && (typeof code === 'string' || typeof code === 'number')
          ? { kind: kind.data, code: String(code) }
          : null,
      errorCode: operation.refusal.code,
    }
  }
  const { code } = operation.status
  return {
    ...base,
    result: code === 200 ? 'ok' : code === 100 ? 'pending' : 'failed',
    ksef: { kind: 'authStatus', code: String(code) },
    errorCode: null,
  }
}
