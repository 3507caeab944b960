import { z } from 'zod'
import { CompanyIdentifier, Id } from './company'
import { CertificateSubjectIdentifier } from './credentials'
import { Environment } from './environment'

/** Kopia zapasowa: the passphrase that seals a backup, as the create dialog and the CLI check it. */
export const backupPassphraseRules = { minLength: 12, maxLength: 1024 } as const

export type BackupPassphraseProblem = 'BACKUP_PASSPHRASE_TOO_SHORT' | 'BACKUP_PASSPHRASE_TOO_LONG'

/** Characters as a person counts them (an emoji or "ł" is one), not UTF-16 units. */
export function backupPassphraseProblem(passphrase: string): BackupPassphraseProblem | null {
  const length = [...passphrase].length
  if (length < backupPassphraseRules.minLength) return 'BACKUP_PASSPHRASE_TOO_SHORT'
  if (length > backupPassphraseRules.maxLength) return 'BACKUP_PASSPHRASE_TOO_LONG'
  return null
}

/** A passphrase as the contract carries it: bounded, its rules judged in main. */
export const BackupPassphrase = z.string().max(4 * backupPassphraseRules.maxLength)

// A backup of an office of 2,000 companies with their certificates is a few megabytes.
const backupFileLimitBase64 = 70_000_000

/** The backup file the user picked in the page, at most 50 MiB. */
export const BackupFilePayload = z.object({
  name: z.string().max(255),
  base64: z
    .string()
    .superRefine((base64, ctx) => {
      if (base64.length > backupFileLimitBase64) {
        ctx.addIssue({
          code: 'custom',
          message: 'The file is larger than 50 MiB.',
          params: { appErrorCode: 'FILE_TOO_LARGE', details: { limit: '50 MiB' } },
          abort: true,
        })
      }
    })
    .pipe(z.base64()),
})
export type BackupFilePayload = z.infer<typeof BackupFilePayload>

/** What a restore does with a company that is here already: keep this one, or take the backup's. */
export const ConflictResolution = z.enum(['keep', 'replace'])
export type ConflictResolution = z.infer<typeof ConflictResolution>

/** The key of the preferences' row among the conflicts (a company key never reads like it). */
export const preferencesConflictKey = 'preferences'

/** A company is the same one here and in the backup when its identifier and environment are. */
export const backupCompanyKey = (company: {
  identifier: CompanyIdentifier
  environment: Environment
}): string => `${company.identifier.type}:${company.identifier.value}:${company.environment}`

export const BackupPreviewCompany = z.object({
  companyKey: z.string(),
  name: z.string(),
  identifier: CompanyIdentifier,
  environment: Environment,
  certificates: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  /** The identity it logs in with, by name. */
  identityName: z.string().nullable(),
  /** The company of the same identifier and environment already here, if one is. */
  existing: z.object({ id: Id, name: z.string() }).nullable(),
})
export type BackupPreviewCompany = z.infer<typeof BackupPreviewCompany>

export const BackupPreviewIdentity = z.object({
  name: z.string(),
  subjectIdentifier: CertificateSubjectIdentifier.nullable(),
  environments: z.array(Environment),
  validTo: z.iso.datetime(),
  /** The same certificate (by fingerprint) is stored here already: it is not stored twice. */
  alreadyHere: z.boolean(),
})
export type BackupPreviewIdentity = z.infer<typeof BackupPreviewIdentity>

/** What a backup holds, read with its passphrase; nothing is changed until backup:restore. */
export const BackupPreview = z.object({
  previewId: z.string(),
  fileName: z.string(),
  createdAt: z.iso.datetime(),
  appVersion: z.string(),
  companies: z.array(BackupPreviewCompany),
  identities: z.array(BackupPreviewIdentity),
  certificates: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  /** The backup's preferences (language, tokens after 2026) differ from these: keep or replace. */
  preferencesDiffer: z.boolean(),
  /** The keys that need keep or replace: companies here already, and `preferences` if they differ. */
  conflicts: z.array(z.string()),
})
export type BackupPreview = z.infer<typeof BackupPreview>

export const BackupRestoreResult = z.object({
  added: z.array(Id),
  replaced: z.array(Id),
  kept: z.array(Id),
  identitiesAdded: z.number().int().nonnegative(),
  certificates: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  preferences: z.enum(['kept', 'replaced', 'same']),
})
export type BackupRestoreResult = z.infer<typeof BackupRestoreResult>
