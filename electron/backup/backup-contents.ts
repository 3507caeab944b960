// What a backup holds, as the sealed file carries it (JSON, gzipped, then sealed: backup-file.ts):
// every company with its stored certificates (their files and sealed keys), tokens and wnioski o
// certyfikat (with the key kept for one not yet retrieved), every identity (its file and key) and
// assignment, and the preferences. Keys are stored here as the vault keeps them (unencrypted
// PKCS#8, which only the backup's passphrase seals); the app keeps no key passwords. Sessions,
// refresh tokens and authentication operations are left out: they belong to this computer's
// logins and run out within days.
import { z } from 'zod'
import { Company } from '../../shared/domain/company'
import { CertificateSummary, TokenSummary } from '../../shared/domain/credentials'
import { Identity, IdentityAssignment } from '../../shared/domain/identities'
import { EnrollmentSummary } from '../../shared/domain/ksef-certificates'
import { Preferences } from '../../shared/domain/preferences'
import { identityKeySecret } from '../identities/identity-repository'
import type { CertificateFiles } from '../vault/certificate-files'
import { enrollmentKeySecret } from '../vault/enrollment-repository'
import { certificateKeySecret, tokenSecret, type SecretStore } from '../vault/secret-store'
import type { SettingsDocument } from '../vault/settings-document'

const ById = z.record(z.string(), z.string())

export const BackupContents = z.strictObject({
  kind: z.literal('ksef-desk-backup'),
  createdAt: z.iso.datetime(),
  appVersion: z.string(),
  preferences: Preferences,
  companies: z.array(Company),
  certificates: z.array(CertificateSummary),
  tokens: z.array(TokenSummary),
  enrollments: z.array(EnrollmentSummary),
  identities: z.array(Identity),
  identityAssignments: z.array(IdentityAssignment),
  /** PEM by certificate or identity id. */
  certificateFiles: ById,
  /** The sealed values, by the id of what they belong to. */
  certificateKeys: ById,
  tokenSecrets: ById,
  identityKeys: ById,
  enrollmentKeys: ById,
})
export type BackupContents = z.infer<typeof BackupContents>

export interface BackupSources {
  secrets: SecretStore
  certificateFiles: CertificateFiles
}

/**
 * Everything of the document worth restoring elsewhere, with its files and secrets. A certificate
 * or identity whose file is gone from the data folder cannot log in and is left out; a secret that
 * is missing stays missing (the app then says the key or token must be loaded again).
 */
export async function collectBackup(
  document: SettingsDocument,
  sources: BackupSources,
  stamp: { createdAt: string; appVersion: string },
): Promise<BackupContents> {
  const certificateFiles: Record<string, string> = {}
  const readFile = async (id: string): Promise<boolean> => {
    try {
      certificateFiles[id] = await sources.certificateFiles.read(id)
      return true
    } catch {
      return false
    }
  }
  const secretsOf = async <T extends { id: string }>(
    records: readonly T[],
    name: (record: T) => string,
  ): Promise<Record<string, string>> => {
    const values: Record<string, string> = {}
    for (const record of records) {
      const value = await sources.secrets.get(name(record))
      if (value !== undefined) values[record.id] = value
    }
    return values
  }
  // Only what belongs to a company on the list: a record left by a company removed is not restored.
  const companyIds = new Set(document.companies.map((company) => company.id))
  const ofCompany = <T extends { companyId: string }>(records: readonly T[]) =>
    records.filter((record) => companyIds.has(record.companyId))
  const tokens = ofCompany(document.tokens)
  const enrollments = ofCompany(document.enrollments)
  const certificates: CertificateSummary[] = []
  for (const certificate of ofCompany(document.certificates)) {
    if (await readFile(certificate.id)) certificates.push(certificate)
  }
  const identities: Identity[] = []
  for (const identity of document.identities) {
    if (await readFile(identity.id)) identities.push(identity)
  }
  const identityIds = new Set(identities.map((identity) => identity.id))
  return {
    kind: 'ksef-desk-backup',
    ...stamp,
    preferences: document.preferences,
    companies: document.companies,
    certificates,
    tokens,
    enrollments,
    identities,
    identityAssignments: document.identityAssignments.filter((a) => identityIds.has(a.identityId)),
    certificateFiles,
    certificateKeys: await secretsOf(certificates, (c) => certificateKeySecret(c.companyId, c.id)),
    tokenSecrets: await secretsOf(tokens, (t) => tokenSecret(t.companyId, t.id)),
    identityKeys: await secretsOf(identities, (i) => identityKeySecret(i.id)),
    enrollmentKeys: await secretsOf(enrollments, (e) => enrollmentKeySecret(e.companyId, e.id)),
  }
}
