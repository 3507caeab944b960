// `audit`: Dziennik zdarzeń on a terminal — the entries of audit.jsonl, the newest first, by
// company and time; --verify walks the chain and holds it to the vault's seal (exit 1 if broken).
import { AuditAction, AuditResult, auditListLimit, type AuditRow } from '../../shared/domain/audit'
import { AppError } from '../../shared/ipc/errors'
import { normalizeInternalId } from '../../shared/validation/internal-id'
import { normalizeNip } from '../../shared/validation/nip'
import { explainKsefCode } from '../../shared/ksef/codes'
import type { CliCommand } from './command'
import { dataFolderHelp, dataFolderOptions, dataFolderUsage, withDataFolder } from './data-folder'
import { oneOf, optionalString, usageError } from './options'
import { textTable } from './text-table'

const header = [
  'Wiersz',
  'Czas',
  'Zdarzenie',
  'Wynik',
  'Identyfikator',
  'Użytkownik',
  'Kod błędu',
  'Kod KSeF',
  'Uwagi',
  'Firma',
]

const resultText: Record<AuditResult, string> = {
  ok: 'udane',
  failed: 'nieudane',
  cancelled: 'anulowane',
}

const none = '—'
const second = (iso: string): string => `${iso.slice(0, 19).replace('T', ' ')} UTC`

function ksefCell(row: AuditRow): string {
  if (row.ksefCode === null) return none
  if (row.ksefCodeKind === null) return String(row.ksefCode)
  return `${row.ksefCode} (${explainKsefCode(row.ksefCodeKind, row.ksefCode).pl.title})`
}

const cells = (row: AuditRow): string[] => [
  String(row.line),
  second(row.time),
  row.action,
  resultText[row.result],
  row.company?.identifier || none,
  row.osUser,
  row.errorCode ?? none,
  ksefCell(row),
  row.note ?? none,
  row.company?.name || none,
]

export const auditTable = (rows: readonly AuditRow[]): string =>
  textTable([header, ...rows.map(cells)])

/** --company as the entries name a company: a NIP without its separators, or an InternalId. */
function identifierOf(given: string | undefined): string | undefined {
  if (given === undefined) return undefined
  const nip = normalizeNip(given)
  return /^\d{10}$/.test(nip) ? nip : normalizeInternalId(given)
}

function sinceOf(given: string | undefined): string | undefined {
  if (given === undefined) return undefined
  if (Number.isNaN(Date.parse(given)) || !/^\d{4}-\d{2}-\d{2}/.test(given)) {
    throw usageError(`--since must be a date or time (ISO 8601, e.g. 2026-12-01), not "${given}".`)
  }
  return new Date(given).toISOString()
}

function limitOf(given: string | undefined): number {
  if (given === undefined) return 500
  const limit = Number(given)
  if (!Number.isInteger(limit) || limit < 1 || limit > auditListLimit) {
    throw usageError(`--limit must be a whole number from 1 to ${auditListLimit}, not "${given}".`)
  }
  return limit
}

const audit: CliCommand = {
  path: ['audit'],
  summary: 'Dziennik zdarzeń: credential actions with their time, company, user and result',
  usage: `[--company N] [--since ISO] [--action A] [--result ok|failed|cancelled] [--limit N] [--verify] ${dataFolderUsage}`,
  help:
    'The entries of the audit log (audit.jsonl in the data folder), the newest first: imports,\n' +
    'exports, enrollments, revocations, tokens generated, defaults changed, identities assigned,\n' +
    'logins, logouts, checks, companies added or removed, bulk jobs, backups — with the time, the\n' +
    "company (NIP and name as they were), the OS user, the result, the error code and KSeF's code.\n" +
    '--company N (NIP or InternalId, a removed company too), --since ISO (e.g. 2026-12-01),\n' +
    '--action (e.g. auth.login), --result and --limit (default 500) narrow the list.\n' +
    "--verify walks the log's chain of hashes and holds its end to the seal kept in the sealed\n" +
    'vault: a line edited, removed, moved or cut off is named with its line number; exit status 1\n' +
    'then. --json prints the entries (or the verdict) as JSON.\n\n' +
    dataFolderHelp,
  options: {
    company: { type: 'string' },
    since: { type: 'string' },
    action: { type: 'string' },
    result: { type: 'string' },
    limit: { type: 'string' },
    verify: { type: 'boolean' },
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    if (values['verify'] === true) {
      const listing = ['company', 'since', 'action', 'result', 'limit'].find(
        (name) => values[name] !== undefined,
      )
      if (listing) throw usageError(`--verify checks the whole log: drop --${listing}.`)
      return withDataFolder(values, io, async ({ call }) => {
        const verdict = await call('audit:verify', undefined)
        if (verdict.problem) throw AppError.fromPayload(verdict.problem)
        return { text: `The audit log is whole: ${verdict.lines} lines, sealed.`, json: verdict }
      })
    }
    const action = optionalString(values, 'action')
    const result = optionalString(values, 'result')
    const identifier = identifierOf(optionalString(values, 'company'))
    const since = sinceOf(optionalString(values, 'since'))
    const filter = {
      ...(identifier === undefined ? {} : { identifier }),
      ...(since === undefined ? {} : { since }),
      ...(action === undefined ? {} : { action: oneOf(values, 'action', AuditAction.options) }),
      ...(result === undefined ? {} : { result: oneOf(values, 'result', AuditResult.options) }),
      limit: limitOf(optionalString(values, 'limit')),
    }
    return withDataFolder(values, io, async ({ call }) => {
      const { entries, matching } = await call('audit:list', filter)
      const summary =
        matching > entries.length
          ? `${entries.length} of ${matching} entries (the newest; --limit for more).`
          : `${entries.length} entries.`
      return {
        text: entries.length === 0 ? summary : `${auditTable(entries)}\n\n${summary}`,
        json: { entries, matching },
      }
    })
  },
}

export const auditCommands: CliCommand[] = [audit]
