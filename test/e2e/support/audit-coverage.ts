// The Dziennik zdarzeń held to what the page did: when an e2e app closes, every credential action
// the page asked for and main carried out (and every login KSeF refused) must be a line of
// audit.jsonl, with its company; each company of a bulk job that ran must be a line of that job;
// the chain must verify against the vault's seal; and no secret the page handed to main (a
// token, a password, a key) may be in the file. The table of actions below is the test's own,
// written from what each call does, not read from the app's: a call the app forgets to log shows.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { auditFileName } from '../../../electron/audit/audit-file'
import type { HandlerContext } from '../../../electron/handlers/context'
import type { AuditAction, AuditEntry } from '../../../shared/domain/audit'
import type { DispatchedCall } from '../../bridge/app-server'

const actionOfChannel: Record<string, AuditAction> = {
  'companies:add': 'company.add',
  'companies:update': 'company.update',
  'companies:remove': 'company.remove',
  'companies:import': 'company.import',
  'certificates:import': 'certificate.import',
  'certificates:createTest': 'certificate.createTest',
  'certificates:remove': 'certificate.remove',
  'certificates:export': 'certificate.export',
  'certificates:enroll': 'certificate.enroll',
  'certificates:retrieve': 'certificate.retrieve',
  'certificates:renew': 'certificate.renew',
  'certificates:revoke': 'certificate.revoke',
  'certificates:setDefault': 'certificate.default',
  'tokens:add': 'token.add',
  'tokens:remove': 'token.remove',
  'tokens:setDefault': 'token.default',
  'tokens:generate': 'token.generate',
  'tokens:revoke': 'token.revoke',
  'tokens:check': 'token.check',
  'identities:import': 'identity.import',
  'identities:remove': 'identity.remove',
  'identities:assign': 'identity.assign',
  'identities:unassign': 'identity.unassign',
  'identities:renew': 'identity.renew',
  'auth:loginWithCertificate': 'auth.login',
  'auth:loginWithToken': 'auth.login',
  'auth:submitSignedRequest': 'auth.login',
  'auth:redeem': 'auth.login',
  'auth:logout': 'auth.logout',
  'auth:revokeSession': 'auth.revokeSession',
  'bulk:start': 'bulk.start',
  'bulk:cancel': 'bulk.cancel',
  'migration:requests': 'migration.requests',
  'migration:signed': 'migration.signed',
  'backup:create': 'backup.create',
  'backup:restore': 'backup.restore',
}

/** Logins and logouts: KSeF's refusal of one is a line too (failed, with the app's code). */
const attempts = new Set([
  'auth:loginWithCertificate',
  'auth:loginWithToken',
  'auth:submitSignedRequest',
  'auth:redeem',
  'auth:logout',
  'auth:revokeSession',
  'tokens:check',
])

/**
 * The fields that carry a secret into main or out of it: a token, a password, a passphrase, and
 * the key files (their base64 content).
 */
const secretFields = new Set(['token', 'password', 'passphrase', 'key', 'pkcs12'])

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

/** The companies a call names: its input's companyId or companyIds, a new company's id. */
function companiesOf(call: DispatchedCall): string[] {
  const input = isRecord(call.input) ? call.input : {}
  const named = [
    ...strings([input['companyId']]),
    ...strings(input['companyIds']),
    ...(call.channel === 'companies:remove' || call.channel === 'companies:update'
      ? strings([input['id']])
      : []),
  ]
  const value = call.answer.ok ? call.answer.value : undefined
  if (call.channel === 'companies:add' && isRecord(value)) named.push(...strings([value['id']]))
  return named
}

/** The secrets a value carries in its secret fields, however deep the fields are. */
function secretsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(secretsIn)
  if (!isRecord(value)) return []
  return Object.entries(value).flatMap(([name, field]) => {
    if (!secretFields.has(name)) return secretsIn(field)
    if (typeof field === 'string') return field.length >= 8 ? [field] : []
    return isRecord(field) ? strings([field['base64']]) : []
  })
}

interface Expected {
  /** null: a company's line of a bulk job, under the job's own action. */
  action: AuditAction | null
  result: 'ok' | 'failed'
  companyId: string | null
  jobId: string | null
  why: string
}

function expectedOfCall(call: DispatchedCall): Expected[] {
  const action = actionOfChannel[call.channel]
  if (!action) return []
  const { answer } = call
  let result: 'ok' | 'failed'
  if (answer.ok) result = 'ok'
  else {
    const details = isRecord(answer.error.details) ? answer.error.details : {}
    const ksefRefused = 'ksefCode' in details || 'httpStatus' in details
    if (!attempts.has(call.channel) || !ksefRefused) return []
    result = 'failed'
  }
  const companies = companiesOf(call)
  const why = `${call.channel} (${result})`
  if (companies.length === 0) return [{ action, result, companyId: null, jobId: null, why }]
  return companies.map((companyId) => ({ action, result, companyId, jobId: null, why }))
}

/** The job each started bulk job (and each migration batch) ran as. */
function jobsOf(calls: readonly DispatchedCall[]): string[] {
  return calls.flatMap((call) => {
    if (!call.answer.ok || !isRecord(call.answer.value)) return []
    if (call.channel === 'bulk:start') return strings([call.answer.value['id']])
    if (call.channel === 'migration:signed') return strings([call.answer.value['jobId']])
    return []
  })
}

function readEntries(dataFolder: string): { text: string; entries: AuditEntry[] } {
  let text = ''
  try {
    text = readFileSync(join(dataFolder, auditFileName), 'utf8')
  } catch {
    return { text, entries: [] }
  }
  const entries = text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as AuditEntry)
  return { text, entries }
}

/**
 * Holds the data folder's audit log to the calls the page made; throws with what is missing.
 * Runs while the app is still open (the jobs are asked of it, the chain verified against its seal).
 */
export async function expectAuditCoversCalls(
  ctx: HandlerContext,
  dataFolder: string,
  calls: readonly DispatchedCall[],
): Promise<void> {
  await ctx.audit.flush()
  const expected = calls.flatMap(expectedOfCall)
  for (const jobId of jobsOf(calls)) {
    const job = await ctx.bulk.finished(jobId)
    for (const row of job.rows) {
      if (row.state !== 'done' && row.state !== 'failed') continue
      if (row.outcome?.kind === 'skipped') continue
      expected.push({
        action: null,
        result: row.state === 'done' ? 'ok' : 'failed',
        companyId: row.companyId,
        jobId,
        why: `job ${job.action}, ${row.identifier} ${row.state}`,
      })
    }
  }
  await ctx.audit.flush()
  const { text, entries } = readEntries(dataFolder)
  const unused = [...entries]
  const missing = expected.flatMap((want) => {
    const at = unused.findIndex(
      (entry) =>
        (want.action === null ? entry.jobId === want.jobId : entry.action === want.action) &&
        entry.result === want.result &&
        (want.companyId === null || entry.company?.id === want.companyId),
    )
    if (at < 0) return [want.why]
    unused.splice(at, 1)
    return []
  })
  expect(missing, 'actions of the page missing from the Dziennik zdarzeń').toEqual([])
  expect(await ctx.audit.verify()).toMatchObject({ ok: true, lines: entries.length })
  const secrets = [
    ...new Set(
      calls.flatMap((call) => [
        ...secretsIn(call.input),
        ...(call.answer.ok ? secretsIn(call.answer.value) : []),
      ]),
    ),
  ]
  expect(secrets.filter((secret) => text.includes(secret))).toEqual([])
}
