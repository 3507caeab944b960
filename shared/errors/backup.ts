// Error codes of Kopia zapasowa: a backup file made, previewed and restored. Each names what is
// wrong; nothing in the data folder is changed when one is raised. No detail ever carries the
// passphrase or anything read from inside the sealed file.
import { z } from 'zod'
import { Count, Text, type DetailsSchema } from './details'

export const backupErrorCodes = [
  'BACKUP_PASSPHRASE_TOO_SHORT', // the passphrase that seals a new backup is shorter than the rule
  'BACKUP_PASSPHRASE_TOO_LONG', // … or longer
  'BACKUP_NOT_A_BACKUP', // the file is not a backup of this app at all
  'BACKUP_CORRUPT', // a backup of this app, but changed or damaged since it was made (one byte is enough)
  'BACKUP_WRONG_PASSPHRASE', // the backup is whole, and this is not its passphrase
  'BACKUP_NEWER_VERSION', // the backup was made by a newer version of the app, in a format this one does not read
  'BACKUP_PREVIEW_NOT_FOUND', // the preview a restore names is gone (used, replaced by another, or run out)
  'BACKUP_CONFLICT_UNRESOLVED', // companies already here (same identifier and environment) with no keep/replace chosen
  'BACKUP_RESOLUTION_UNKNOWN', // a keep/replace names no conflict of the preview
] as const

export type BackupErrorCode = (typeof backupErrorCodes)[number]

/** The details of each backup code, exactly: a field not listed here is not sent. */
export const backupErrorDetails = {
  BACKUP_PASSPHRASE_TOO_SHORT: z.object({ minLength: Count }),
  BACKUP_PASSPHRASE_TOO_LONG: z.object({ maxLength: Count }),
  BACKUP_NOT_A_BACKUP: z.object({}),
  BACKUP_CORRUPT: z.object({}),
  BACKUP_WRONG_PASSPHRASE: z.object({}),
  BACKUP_NEWER_VERSION: z.object({ formatVersion: Count, supportedVersion: Count }),
  BACKUP_PREVIEW_NOT_FOUND: z.object({}),
  // The companies' keys ("Nip:5265877635:Test"), comma-separated, and how many.
  BACKUP_CONFLICT_UNRESOLVED: z.object({ companyKeys: Text, count: Count }),
  BACKUP_RESOLUTION_UNKNOWN: z.object({ companyKey: Text }),
} satisfies Record<BackupErrorCode, DetailsSchema>
