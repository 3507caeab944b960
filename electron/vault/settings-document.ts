import { z } from 'zod'
import { Company, Id } from '../../shared/domain/company'
import { CertificateSummary, TokenSummary } from '../../shared/domain/credentials'
import { Identity, IdentityAssignment } from '../../shared/domain/identities'
import { EnrollmentSummary } from '../../shared/domain/ksef-certificates'
import { Preferences, defaultPreferences } from '../../shared/domain/preferences'
import { AuthDocument, StoredChallenge, StoredOperation, StoredSession } from './auth-repository'

/**
 * A record the schema refused when the file was opened, kept in the file as it was read with the
 * reason, instead of the whole file being set aside for it. Nothing reads it back: it is there for
 * the user and support.
 */
export const QuarantinedRecord = z.object({
  /** Where it was: "companies", "auth.sessions", "preferences". */
  section: z.string(),
  reason: z.string(),
  quarantinedAt: z.string(),
  record: z.unknown(),
})
export type QuarantinedRecord = z.infer<typeof QuarantinedRecord>

/** Everything non-secret the app keeps on disk, in one JSON document. */
export const SettingsDocument = z.object({
  schemaVersion: z.literal(1).default(1),
  preferences: Preferences.default(defaultPreferences),
  companies: z.array(Company).default([]),
  certificates: z.array(CertificateSummary).default([]),
  tokens: z.array(TokenSummary).default([]),
  auth: AuthDocument.default(AuthDocument.parse({})),
  /** Wnioski o certyfikat kept from before they are sent until retrieved (or refused). */
  enrollments: z.array(EnrollmentSummary).default([]),
  /** Tożsamości: certificates stored once, and the companies each logs in. */
  identities: z.array(Identity).default([]),
  identityAssignments: z.array(IdentityAssignment).default([]),
  /**
   * The certificates of other subjects (stored with the user's consent before Tożsamości) were
   * moved to identities. A file of an earlier version lacks it; a document begun now has it.
   */
  identitiesMigrated: z.boolean().default(false),
  quarantine: z.array(QuarantinedRecord).default([]),
})
export type SettingsDocument = z.infer<typeof SettingsDocument>

export const emptySettings = (): SettingsDocument =>
  SettingsDocument.parse({ identitiesMigrated: true })

export type SalvagedSettings =
  | { readable: true; document: SettingsDocument; quarantined: QuarantinedRecord[] }
  | { readable: false; problem: string }

const lists = {
  companies: Company,
  certificates: CertificateSummary,
  tokens: TokenSummary,
  enrollments: EnrollmentSummary,
  identities: Identity,
  identityAssignments: IdentityAssignment,
} as const

const authLists = {
  sessions: StoredSession,
  operations: StoredOperation,
  challenges: StoredChallenge,
  autoMode: Id,
} as const

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const reasonOf = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
    .join('; ')

/**
 * Reads a parsed settings file record by record: one record the schema refuses (a bad UUID, a
 * field of a newer version) is quarantined alone and every other record kept. Only a file that is
 * not a settings document at all (not an object, another schemaVersion) is unreadable.
 */
export function salvageSettings(raw: unknown, now: string): SalvagedSettings {
  if (!isObject(raw)) return { readable: false, problem: 'not a JSON object' }
  if (raw['schemaVersion'] !== undefined && raw['schemaVersion'] !== 1) {
    return {
      readable: false,
      problem: `schemaVersion ${JSON.stringify(raw['schemaVersion'])}, this version reads 1`,
    }
  }
  // Nearly always every record reads: one parse of the whole document, three times quicker at
  // 2,000 companies than record by record (the office's cold start); only a refusal goes on below.
  const whole = SettingsDocument.safeParse(raw)
  if (whole.success) return { readable: true, document: whole.data, quarantined: [] }
  const quarantined: QuarantinedRecord[] = []
  const quarantine = (section: string, reason: string, record: unknown) =>
    quarantined.push({ section, reason, quarantinedAt: now, record })

  const list = <T>(section: string, value: unknown, schema: z.ZodType<T>): T[] => {
    if (value === undefined) return []
    if (!Array.isArray(value)) {
      quarantine(section, 'not a list', value)
      return []
    }
    return value.flatMap((record: unknown) => {
      const parsed = schema.safeParse(record)
      if (parsed.success) return [parsed.data]
      quarantine(section, reasonOf(parsed.error), record)
      return []
    })
  }

  let preferences = defaultPreferences
  if (raw['preferences'] !== undefined) {
    const parsed = Preferences.safeParse(raw['preferences'])
    if (parsed.success) preferences = parsed.data
    else quarantine('preferences', reasonOf(parsed.error), raw['preferences'])
  }

  let auth: unknown = raw['auth'] ?? {}
  if (!isObject(auth)) {
    quarantine('auth', 'not an object', auth)
    auth = {}
  }
  const authRecord = auth as Record<string, unknown>

  const kept = list('quarantine', raw['quarantine'], QuarantinedRecord)
  const document = SettingsDocument.parse({
    schemaVersion: 1,
    preferences,
    ...Object.fromEntries(
      Object.entries(lists).map(([section, schema]) => [
        section,
        list(section, raw[section], schema as z.ZodType),
      ]),
    ),
    auth: Object.fromEntries(
      Object.entries(authLists).map(([section, schema]) => [
        section,
        list(`auth.${section}`, authRecord[section], schema as z.ZodType),
      ]),
    ),
    identitiesMigrated: raw['identitiesMigrated'] === true,
    quarantine: kept,
  })
  return {
    readable: true,
    document: { ...document, quarantine: [...document.quarantine, ...quarantined] },
    quarantined,
  }
}
