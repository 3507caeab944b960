import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Company } from '../../shared/domain/company'
import type { CertificateSummary, TokenSummary } from '../../shared/domain/credentials'
import { SettingsDocument } from '../../electron/vault/settings-document'
import type { StoredOperation, StoredSession } from '../../electron/vault/auth-repository'
import { seededCompanies } from './company-seed'

export interface DataFolderSeedOptions {
  companies: number
  /** "Now" of the seeded office: certificates expire, sessions run and logins happened around it. */
  at?: string
}

export interface SeededDataFolder {
  /** The document written to settings.json, as the app reads it back. */
  document: SettingsDocument
  settingsPath: string
}

const dayMs = 24 * 60 * 60_000
const idOf = (prefix: string, n: number) =>
  `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`
const iso = (ms: number) => new Date(ms).toISOString()

/**
 * An accounting office's data folder, written as files (no clicks, no services): the settings
 * file of `companies` companies with their stored credentials and some login history, the same in
 * every run. For each company n (0-based):
 * - n % 4 !== 3: a default Authentication certificate, valid until `at` + (n % 400) − 20 days
 *   (some expired, many within 7/30/60 days); n % 8 === 1 adds a second, non-default one;
 * - n % 3 === 0: a default token (n % 30 === 0: its last Sprawdź token failed with 415);
 * - n % 5 === 0: a successful login (status 200) a day before `at`; n % 10 === 5 failed (450);
 * - n % 7 === 0: a session refreshable until `at` + 6 days.
 * Companies with n % 12 === 11 have neither certificate nor token. Only summaries are written:
 * no certificate files and no secrets, so nothing here logs in to KSeF.
 */
export function seedDataFolder(folder: string, options: DataFolderSeedOptions): SeededDataFolder {
  const document = seededSettings(options)
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const settingsPath = join(folder, 'settings.json')
  writeFileSync(settingsPath, `${JSON.stringify(document, undefined, '\t')}\n`, { mode: 0o600 })
  return { document, settingsPath }
}

/** The settings document seedDataFolder writes, for tests that need no files. */
export function seededSettings(options: DataFolderSeedOptions): SettingsDocument {
  const at = options.at ?? '2026-11-21T09:00:00.000Z'
  const now = Date.parse(at)
  const companies: Company[] = seededCompanies(options.companies, at)
  const certificates: CertificateSummary[] = []
  const tokens: TokenSummary[] = []
  const operations: StoredOperation[] = []
  const sessions: StoredSession[] = []
  companies.forEach((company, n) => {
    const nip = company.identifier.value
    const hasCertificate = n % 4 !== 3 && n % 12 !== 11
    if (hasCertificate) {
      const certificate = (
        id: string,
        isDefault: boolean,
        validTo: number,
      ): CertificateSummary => ({
        id,
        companyId: company.id,
        name: `Certyfikat ${nip}`,
        kind: 'Authentication',
        serialNumber: `01${String(n).padStart(14, '0')}${isDefault ? 'A' : 'B'}`,
        subject: `CN=Klient ${n + 1}, 2.5.4.97=VATPL-${nip}`,
        subjectIdentifier: { type: 'Nip', value: nip },
        issuer: 'CN=KSeF Test CA',
        issuerKind: 'ksef',
        environment: company.environment,
        validFrom: iso(validTo - 730 * dayMs),
        validTo: iso(validTo),
        fingerprintSha256: String(n).padStart(64, '0'),
        keyAlgorithm: 'ECDSA P-256',
        origin: 'enrolled',
        addedAt: at,
        isDefault,
        ksefStatus: 'Active',
        ksefCheckedAt: at,
      })
      certificates.push(certificate(idOf('10000000', n), true, now + ((n % 400) - 20) * dayMs))
      if (n % 8 === 1) {
        certificates.push(certificate(idOf('11000000', n), false, now + 700 * dayMs))
      }
    }
    if (n % 3 === 0 && n % 12 !== 11) {
      tokens.push({
        id: idOf('20000000', n),
        companyId: company.id,
        masked: `…${String(n).padStart(4, '0')}`,
        referenceNumber: `20261101-EC-${String(n).padStart(10, '0')}-01`,
        context: { type: 'Nip', value: nip },
        description: 'Token biura',
        environment: company.environment,
        addedAt: at,
        isDefault: true,
        origin: 'pasted',
        permissions: ['InvoiceRead', 'InvoiceWrite'],
        ksefStatus: 'Active',
        ksefCheckedAt: at,
        lastCheck:
          n % 30 === 0
            ? { checkedAt: at, ok: false, errorCode: 'KSEF_AUTH_FAILED', ksefStatusCode: 415 }
            : null,
      })
    }
    if (n % 5 === 0) {
      const failed = n % 10 === 5
      operations.push({
        companyId: company.id,
        referenceNumber: `20261120-AU-${String(n).padStart(10, '0')}-01`,
        method: hasCertificate ? 'certificate' : 'token',
        startedAt: iso(now - dayMs),
        status: failed
          ? { code: 450, description: 'Uwierzytelnianie zakończone niepowodzeniem', details: [] }
          : { code: 200, description: 'Uwierzytelnianie zakończone sukcesem', details: [] },
        redeemed: !failed,
        usableUntil: iso(now - dayMs + 15 * 60_000),
        credentialId: null,
        refusal: null,
      })
    }
    if (n % 7 === 0) {
      sessions.push({
        companyId: company.id,
        referenceNumber: `20261121-AU-${String(n).padStart(10, '0')}-01`,
        method: 'certificate',
        startedAt: iso(now - 60 * 60_000),
        accessTokenValidUntil: iso(now + 15 * 60_000),
        refreshTokenValidUntil: iso(now + 6 * dayMs),
        credentialId: null,
      })
    }
  })
  return SettingsDocument.parse({ companies, certificates, tokens, auth: { sessions, operations } })
}
