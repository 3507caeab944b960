import type { AuditAction, AuditCompany, AuditKsefCodeKind } from '../../shared/domain/audit'
import { AuditKsefCodeKind as KsefCodeKind } from '../../shared/domain/audit'
import type { Channel } from '../../shared/ipc/contract'
import type { AppError } from '../../shared/ipc/errors'
import { isKsefError } from '../ksef/errors'
import type { AuditLog } from './audit-log'

/** What a call left to record: its parsed input, and its output or its refusal. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: AppError }

interface AuditedChannel {
  action: AuditAction
  /** The companies the call acted on: one entry each (none: one entry without a company). */
  companies?: (input: Record<string, unknown>, value: unknown) => string[]
  note?: (input: Record<string, unknown>, value: unknown) => string | undefined
  /** A session's start or end: KSeF's refusal of it is an entry too (isEntry). */
  attempt?: true
}

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

const ofCompany = (input: Record<string, unknown>) => [text(input['companyId'])].filter(isString)
const isString = (value: unknown): value is string => typeof value === 'string'
const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter(isString) : [])

const byReference = (input: Record<string, unknown>) => text(input['referenceNumber'])
const identityName = (_input: Record<string, unknown>, value: unknown) => text(field(value, 'name'))

const single = (action: AuditAction, note?: AuditedChannel['note']): AuditedChannel => ({
  action,
  companies: ofCompany,
  ...(note ? { note } : {}),
})

const attempt = (channel: AuditedChannel): AuditedChannel => ({ ...channel, attempt: true })
const login = (method: string) => attempt(single('auth.login', () => method))

/**
 * The credential actions the window and the CLI take, by channel: dispatch records each call to
 * one of these, done or refused. Reads (lists, statuses) are not actions and are not here.
 */
const auditedChannels: Partial<Record<Channel, AuditedChannel>> = {
  'companies:add': {
    action: 'company.add',
    companies: (_input, value) => ids([field(value, 'id')]),
  },
  'companies:update': { action: 'company.update', companies: (input) => ids([input['id']]) },
  'companies:remove': { action: 'company.remove', companies: (input) => ids([input['id']]) },
  'companies:import': {
    action: 'company.import',
    companies: (_input, value) => ids(asArray(field(value, 'added')).map((c) => field(c, 'id'))),
  },
  'certificates:import': single('certificate.import'),
  'certificates:createTest': single('certificate.createTest'),
  'certificates:remove': single('certificate.remove'),
  'certificates:export': single('certificate.export'),
  'certificates:enroll': single('certificate.enroll'),
  'certificates:retrieve': single('certificate.retrieve'),
  'certificates:renew': single('certificate.renew'),
  'certificates:revoke': single('certificate.revoke', (input) => text(input['serialNumber'])),
  'certificates:setDefault': single('certificate.default'),
  'tokens:add': single('token.add'),
  'tokens:remove': single('token.remove'),
  'tokens:setDefault': single('token.default'),
  'tokens:generate': single('token.generate', (_input, value) =>
    text(field(value, 'referenceNumber')),
  ),
  'tokens:revoke': single('token.revoke', byReference),
  'tokens:check': attempt(single('token.check')),
  'identities:import': { action: 'identity.import', note: identityName },
  'identities:remove': {
    action: 'identity.remove',
    companies: (_input, value) => ids(field(value, 'companyIds')),
  },
  'identities:assign': {
    action: 'identity.assign',
    companies: (input) => ids(input['companyIds']),
    note: identityName,
  },
  'identities:unassign': {
    action: 'identity.unassign',
    companies: (input) => ids(input['companyIds']),
    note: identityName,
  },
  'identities:renew': { action: 'identity.renew', note: identityName },
  'auth:loginWithCertificate': login('certificate'),
  'auth:loginWithToken': login('token'),
  'auth:submitSignedRequest': login('signedRequest'),
  'auth:redeem': attempt(single('auth.login', byReference)),
  'auth:logout': attempt(single('auth.logout')),
  'auth:revokeSession': attempt(single('auth.revokeSession', byReference)),
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/**
 * A refusal that is an entry. A session's start and end (and Sprawdź token, a login of its own)
 * refused by KSeF, or not answered: a failed login is what an audit looks for. Any call that
 * failed midway (INTERNAL) or after its work (INVALID_OUTPUT). Every other refusal did nothing
 * and changes nothing, the data folder's vault included: the app's own (a wrong password, a
 * short description, no session) and KSeF's to a change it was asked for.
 */
function isEntry(audited: AuditedChannel, error: AppError): boolean {
  if (error.code === 'INTERNAL' || error.code === 'INVALID_OUTPUT') return true
  const askedKsef =
    isKsefError(error) || (typeof error.details === 'object' && 'httpStatus' in error.details)
  return audited.attempt === true && askedKsef
}

/**
 * Before a call runs: whether it is an action the log records and, if so, what to record once it
 * ends (done, or refused as an entry), resolving once that is written. The companies its input
 * names are looked up now, so one the call removes keeps its name.
 */
export function auditCall(
  audit: AuditLog,
  channel: Channel,
  input: unknown,
): ((outcome: Outcome) => Promise<void>) | undefined {
  const audited = auditedChannels[channel]
  if (!audited) return undefined
  const given =
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {}
  const before = new Map<string, AuditCompany>(
    (audited.companies?.(given, undefined) ?? []).map((id) => [id, audit.companyOf(id)]),
  )
  return async (outcome) => {
    if (!outcome.ok && !isEntry(audited, outcome.error)) return
    const value = outcome.ok ? outcome.value : undefined
    const companies = audited.companies?.(given, value) ?? []
    const note = audited.note?.(given, value)
    const failure = outcome.ok ? {} : failureOf(outcome.error)
    const base = {
      action: audited.action,
      result: outcome.ok ? 'ok' : 'failed',
      ...failure,
      ...(note ? { note } : {}),
    } as const
    if (companies.length === 0) audit.record(base)
    for (const companyId of companies) audit.record({ ...base, companyId }, before.get(companyId))
    // The answer goes back once its entry is on the disk and sealed.
    await audit.flush()
  }
}

/** The AppError's code and, where KSeF gave one, KSeF's code from the details (ksefRefusalDetails). */
function failureOf(error: AppError): {
  errorCode: string
  ksefCode?: number | string
  ksefCodeKind?: AuditKsefCodeKind
} {
  const code = field(error.details, 'ksefCode')
  const kind = KsefCodeKind.safeParse(field(error.details, 'ksefCodeKind'))
  return {
    errorCode: error.code,
    ...(typeof code === 'number' || typeof code === 'string' ? { ksefCode: code } : {}),
    ...(kind.success ? { ksefCodeKind: kind.data } : {}),
  }
}
