// Error codes of the Dziennik zdarzeń (audit.jsonl): a line that could not be written, and what
// Sprawdź spójność (`ksef-desk audit --verify`) finds wrong with the chain. `line` is the
// 1-based line number in the file; `lines` how many lines the file holds.
import { z } from 'zod'
import { Count, Text, type DetailsSchema } from './details'

export const auditErrorCodes = [
  'AUDIT_WRITE_FAILED', // an entry could not be written to the log (disk, permission, vault)
  'AUDIT_LINE_MALFORMED', // a line is not an entry of the log (not JSON, a field off, no hash)
  'AUDIT_LINE_EDITED', // a line's contents no longer match its own hash
  'AUDIT_LINE_MISSING', // a line does not follow the one before it: a line removed or moved
  'AUDIT_TRUNCATED', // the file ends before the last entry sealed in the vault
  'AUDIT_HEAD_MISMATCH', // the sealed last entry is not the file's: lines replaced and hashed anew
  'AUDIT_UNSEALED', // lines after the last sealed entry (an interrupted write, or added by hand)
  'AUDIT_HEAD_MISSING', // the file holds entries but the vault holds no seal of the last one
] as const

export type AuditErrorCode = (typeof auditErrorCodes)[number]

/** The details of each audit code, exactly: a field not listed here is not sent. */
export const auditErrorDetails = {
  // The file system's code (ENOSPC, EACCES) or the vault's error code.
  AUDIT_WRITE_FAILED: z.object({ path: Text, cause: Text }),
  AUDIT_LINE_MALFORMED: z.object({ line: Count, lines: Count }),
  AUDIT_LINE_EDITED: z.object({ line: Count, lines: Count }),
  AUDIT_LINE_MISSING: z.object({ line: Count, lines: Count }),
  // sealedLines: how many lines the vault's seal says the file held.
  AUDIT_TRUNCATED: z.object({ lines: Count, sealedLines: Count }),
  AUDIT_HEAD_MISMATCH: z.object({ line: Count, lines: Count }),
  // line: the first line not sealed.
  AUDIT_UNSEALED: z.object({ line: Count, lines: Count }),
  AUDIT_HEAD_MISSING: z.object({ lines: Count }),
} satisfies Record<AuditErrorCode, DetailsSchema>
