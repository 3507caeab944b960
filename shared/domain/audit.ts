import { z } from 'zod'
import { AppErrorPayload } from '../ipc/errors'
import { KsefCodeKindSchema } from './dashboard'

/** Every credential action the Dziennik zdarzeń records, from the window, the CLI or a bulk job. */
export const AuditAction = z.enum([
  'company.add',
  'company.update',
  'company.remove',
  'company.import',
  'certificate.import',
  'certificate.createTest',
  'certificate.remove',
  'certificate.export',
  'certificate.enroll',
  'certificate.retrieve',
  'certificate.renew',
  'certificate.revoke',
  'certificate.default',
  'token.add',
  'token.remove',
  'token.default',
  'token.generate',
  'token.revoke',
  'token.check',
  'identity.import',
  'identity.remove',
  'identity.assign',
  'identity.unassign',
  'identity.renew',
  'auth.login',
  'auth.logout',
  'auth.check',
  'auth.revokeSession',
  'bulk.start',
  'bulk.cancel',
  'migration.requests',
  'migration.signed',
  'backup.create',
  'backup.restore',
])
export type AuditAction = z.infer<typeof AuditAction>

export const AuditResult = z.enum(['ok', 'failed', 'cancelled'])
export type AuditResult = z.infer<typeof AuditResult>

/** KSeF's kind of code (shared/ksef/codes.ts explains each): which table `ksefCode` is looked up in. */
export const AuditKsefCodeKind = KsefCodeKindSchema
export type AuditKsefCodeKind = z.infer<typeof AuditKsefCodeKind>

/** What a service tells the log; the log adds the time, the OS user and the chain hash. */
export const AuditEvent = z.strictObject({
  action: AuditAction,
  result: AuditResult,
  companyId: z.string().optional(),
  /** The AppError code of a failure (e.g. AUTH_FAILED), never its message. */
  errorCode: z.string().optional(),
  /** KSeF's own code (exception code, auth status, HTTP status) where KSeF gave one. */
  ksefCode: z.union([z.number().int(), z.string()]).optional(),
  /** Which of KSeF's tables `ksefCode` is explained by (an error's details carry it). */
  ksefCodeKind: AuditKsefCodeKind.optional(),
  /** The bulk job an action ran in. */
  jobId: z.string().optional(),
  /** A short non-secret note (a certificate serial, a token reference number, a count). */
  note: z.string().max(500).optional(),
})
export type AuditEvent = z.infer<typeof AuditEvent>

/** The company as the log knew it when the action was recorded (a removed one keeps its name). */
export const AuditCompany = z.strictObject({
  id: z.string(),
  /** The NIP, or the InternalId of a company KSeF knows by one. */
  identifier: z.string(),
  name: z.string(),
})
export type AuditCompany = z.infer<typeof AuditCompany>

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/)

/** One line of audit.jsonl without its own hash: the hash is taken over exactly these bytes. */
export const AuditEntry = z.strictObject({
  /** 1 for the first line of the file, then one more for each line. */
  line: z.number().int().positive(),
  time: z.iso.datetime(),
  action: AuditAction,
  result: AuditResult,
  company: AuditCompany.nullable(),
  osUser: z.string(),
  errorCode: z.string().nullable(),
  ksefCodeKind: AuditKsefCodeKind.nullable(),
  ksefCode: z.union([z.number().int(), z.string()]).nullable(),
  jobId: z.string().nullable(),
  note: z.string().nullable(),
  /** The hash of the line before (64 zeros before the first). */
  prev: Sha256,
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** An entry as the window and the CLI get it: its own hash too. */
export const AuditRow = AuditEntry.extend({ hash: Sha256 })
export type AuditRow = z.infer<typeof AuditRow>

export const auditListLimit = 5000

/** Dziennik zdarzeń's filter; the newest entries first, at most `limit`. */
export const AuditFilter = z.strictObject({
  companyId: z.string().max(64).optional(),
  /** The company's NIP or InternalId as the entries name it: a removed company's too. */
  identifier: z.string().max(64).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  action: AuditAction.optional(),
  result: AuditResult.optional(),
  limit: z.number().int().positive().max(auditListLimit).default(500),
})
export type AuditFilter = z.infer<typeof AuditFilter>

export const AuditListing = z.strictObject({
  entries: z.array(AuditRow),
  /** How many entries match the filter (more than `entries` when the limit cut them). */
  matching: z.number().int().nonnegative(),
})
export type AuditListing = z.infer<typeof AuditListing>

/** Sprawdź spójność: the chain walked from the first line and held to the vault's seal. */
export const AuditVerdict = z.strictObject({
  ok: z.boolean(),
  /** How many lines the file holds. */
  lines: z.number().int().nonnegative(),
  /** The first problem found (AUDIT_LINE_EDITED and the others of shared/errors/audit.ts). */
  problem: AppErrorPayload.nullable(),
})
export type AuditVerdict = z.infer<typeof AuditVerdict>
