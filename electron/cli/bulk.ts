// `bulk check|login|logout|generate-tokens|revoke-tokens|renew-certificates`: one action on many
// companies, as the Pulpit's selection runs it — a job of the app's own, the rate limiter sharing
// KSeF's windows between the companies. A line per company as it finishes, a summary at the end.
import type {
  BulkActionInput,
  BulkJob,
  BulkRow,
  BulkSelection,
  TokenRevocationMatch,
} from '../../shared/domain/bulk'
import type { Company } from '../../shared/domain/company'
import { TokenPermission } from '../../shared/domain/credentials'
import { nipsOfText } from '../../shared/domain/identities'
import { outcomeText } from '../bulk/bulk-csv'
import type { CliCommand, CliOutput, OptionSpec, OptionValues } from './command'
import { dataFolderHelp, dataFolderOptions, dataFolderUsage, withDataFolder } from './data-folder'
import type { CliIo } from './io'
import { contractValues, optionValueName, optionalString, usageError } from './options'
import { filterOf } from './overview'

const selectionOptions = {
  companies: { type: 'string' },
  filter: { type: 'string' },
} as const satisfies OptionSpec

const selectionUsage =
  '--companies all|NIP,NIP,... | --filter expiring=60|expiring=30|expiring=7|failing|token-only|no-credential|production'

const selectionHelp =
  'Which companies: --companies all, or NIPs separated by commas (a NIP on the list in several\n' +
  'environments names each of them), or --filter with a tile of the Pulpit (as `overview`).\n' +
  'The job runs as the window runs it: KSeF’s limits shared between the companies, a 429 waited\n' +
  'out, a KSeF failure (a 5xx) of a one-shot call recorded and not repeated. One line per company\n' +
  'as it finishes (with --json: one JSON object a line), then the summary (with --json, a line\n' +
  'with "summary": true); the job is kept in the data folder with its results, as the window’s\n' +
  'Zadania show them. Exit status 1 when any company failed or the job did not finish.\n\n'

/** --companies or --filter, read before the data folder opens: a usage error comes first. */
function selectionOf(
  values: OptionValues,
): { nips: string[] | 'all' } | { selection: BulkSelection } {
  const companies = optionalString(values, 'companies')
  const filter = optionalString(values, 'filter')
  if ((companies === undefined) === (filter === undefined)) {
    throw usageError('Give either --companies all|NIP,NIP,... or --filter, not both nor neither.')
  }
  if (filter !== undefined) {
    const tile = filterOf(filter)
    if (tile === null) throw usageError('--filter needs a value.')
    return { selection: { kind: 'tile', tile } }
  }
  if (companies === 'all') return { nips: 'all' }
  const nips = nipsOfText(companies ?? '')
  if (nips.length === 0) throw usageError('--companies takes all, or NIPs separated by commas.')
  return { nips }
}

/** The companies the NIPs name; a NIP that names none is refused before anything starts. */
function namedSelection(companies: readonly Company[], nips: readonly string[]): BulkSelection {
  const named = companies.filter((c) => nips.includes(c.identifier.value))
  const unknown = nips.filter((nip) => !named.some((c) => c.identifier.value === nip))
  if (unknown.length > 0) {
    throw usageError(`No company on the list has the identifier ${unknown.join(', ')}.`)
  }
  return { kind: 'ids', companyIds: named.map((c) => c.id) }
}

const stateWords: Record<BulkRow['state'], string> = {
  waiting: 'waiting',
  working: 'working',
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
}

function rowLine(row: BulkRow, json: boolean): string {
  if (json) {
    return `${JSON.stringify({
      companyId: row.companyId,
      identifier: row.identifier,
      name: row.name,
      state: row.state,
      outcome: row.outcome,
      errorCode: row.error?.code ?? null,
      ksefCode: row.ksef?.code ?? null,
      message: row.error?.message ?? null,
    })}\n`
  }
  const what =
    row.state === 'failed'
      ? `${row.error?.code ?? ''}${row.ksef ? ` (KSeF ${row.ksef.code})` : ''}: ${row.error?.message ?? ''}`
      : outcomeText(row.outcome)
  return `${row.identifier}  ${stateWords[row.state]}  ${what}  ${row.name}\n`
}

function summaryOf(job: BulkJob) {
  const { counts } = job
  return {
    text: `${job.action}: ${counts.done} done, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.cancelled} not started, of ${counts.total} (job ${job.id}, ${job.state}).`,
    json: { summary: true, jobId: job.id, action: job.action, state: job.state, counts },
    jsonLine: true,
    failed: counts.failed > 0 || job.state !== 'done',
  }
}

/** Runs the job and prints each company's line as it finishes, then the summary. */
async function runBulk(
  values: OptionValues,
  io: CliIo,
  action: BulkActionInput,
): Promise<CliOutput> {
  const chosen = selectionOf(values)
  const json = values['json'] === true
  return withDataFolder(values, io, async ({ ctx, call }) => {
    const selection =
      'selection' in chosen
        ? chosen.selection
        : chosen.nips === 'all'
          ? ({ kind: 'all' } as const)
          : namedSelection(await call('companies:list', undefined), chosen.nips)
    const started = await call('bulk:start', { action, selection })
    const printed = new Set<string>()
    const print = (row: BulkRow) => {
      if (printed.has(row.companyId)) return
      printed.add(row.companyId)
      io.stdout(rowLine(row, json))
    }
    const stop = ctx.bulk.watch(started.id, print)
    const job = await ctx.bulk.finished(started.id)
    stop()
    // A row that finished before the watch began (one skipped at once) is printed now.
    for (const row of job.rows) if (row.state !== 'waiting') print(row)
    return summaryOf(job)
  })
}

function bulkCommand(
  name: string,
  summary: string,
  help: string,
  options: OptionSpec,
  usage: string,
  action: (values: OptionValues) => BulkActionInput,
): CliCommand {
  return {
    path: ['bulk', name],
    summary,
    usage: `${selectionUsage}${usage ? ` ${usage}` : ''} ${dataFolderUsage}`,
    help: `${help}\n\n${selectionHelp}${dataFolderHelp}`,
    options: { ...selectionOptions, ...options, ...dataFolderOptions },
    positionals: { min: 0, max: 0 },
    run({ values }, io) {
      return runBulk(values, io, action(values))
    },
  }
}

function permissionsOf(values: OptionValues): TokenPermission[] {
  const permissions = contractValues(values, 'permissions', TokenPermission.options)
  if (permissions.length === 0) throw usageError('--permissions is required.')
  return permissions
}

function matchOf(values: OptionValues): TokenRevocationMatch {
  const author = optionalString(values, 'author')
  const description = optionalString(values, 'description')
  const all = values['all'] === true
  if ([author !== undefined, description !== undefined, all].filter(Boolean).length !== 1) {
    throw usageError('Give one of --author NIP|PESEL, --description TEXT or --all.')
  }
  if (author !== undefined) return { by: 'author', author }
  if (description !== undefined) return { by: 'description', description }
  return { by: 'all' }
}

function withinDaysOf(values: OptionValues): number {
  const given = optionalString(values, 'within-days') ?? '30'
  const days = Number(given)
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw usageError(`--within-days takes a whole number of days from 1 to 366, not "${given}".`)
  }
  return days
}

export const bulkCommands: CliCommand[] = [
  bulkCommand(
    'check',
    'Sprawdź poświadczenia: a real login and logout of each company',
    'Sprawdź poświadczenia: each company logs in with what logs it in (its default certificate,\n' +
      'its identity, or its default token) and the session is ended at once. KSeF’s Active status\n' +
      'is no proof: a revoked token ends in 450, a lost permission in 415, an expired certificate\n' +
      'is refused before KSeF is asked. A session the company has is neither used nor ended.',
    {},
    '',
    () => ({ action: 'check' }),
  ),
  bulkCommand(
    'login',
    'Zaloguj: each company logs in and keeps its session',
    'Zaloguj: each company logs in with what logs it in, as `login` does, and keeps the session.',
    {},
    '',
    () => ({ action: 'login' }),
  ),
  bulkCommand(
    'logout',
    'Wyloguj: the session of each company ends in KSeF',
    'Wyloguj: KSeF ends the session of each company; one not logged in is skipped.',
    {},
    '',
    () => ({ action: 'logout' }),
  ),
  bulkCommand(
    'generate-tokens',
    'Generuj token: a KSeF token for each company, sealed as its token, none shown',
    'Generuj token: the same permissions and description for each company (a company not logged in\n' +
      'logs in first); each token is sealed in the data folder as the company’s token and never\n' +
      `printed. --permissions, comma-separated: ${TokenPermission.options.map(optionValueName).join(', ')}.\n` +
      '--description: 5 to 256 characters. --make-default: each becomes the default token.',
    {
      permissions: { type: 'string' },
      description: { type: 'string' },
      'make-default': { type: 'boolean' },
    },
    '--permissions P,P --description TEXT [--make-default]',
    (values) => ({
      action: 'generateTokens',
      permissions: permissionsOf(values),
      description: optionalString(values, 'description') ?? '',
      makeDefault: values['make-default'] === true,
    }),
  ),
  bulkCommand(
    'revoke-tokens',
    'Dezaktywuj tokeny: the tokens of each company by author, by description, or all',
    'Dezaktywuj tokeny: each company’s active and pending tokens that KSeF lists with the author\n' +
      '(--author NIP|PESEL), whose description contains the text (--description TEXT, 3 characters\n' +
      'at least), or all of them (--all); each revoked once. A company with none is skipped.',
    { author: { type: 'string' }, description: { type: 'string' }, all: { type: 'boolean' } },
    '--author NIP|--description TEXT|--all',
    (values) => ({ action: 'revokeTokens', match: matchOf(values) }),
  ),
  bulkCommand(
    'renew-certificates',
    'Odnów certyfikaty: the certificates that log companies in, ending within N days',
    'Odnów certyfikaty: for each company whose own KSeF certificate logs it in and ends in under\n' +
      '--within-days N days (30 unless given), a successor with the same name and kind of key is\n' +
      'enrolled in a session of that certificate and becomes the default. Others are skipped.',
    { 'within-days': { type: 'string' } },
    '[--within-days N]',
    (values) => ({ action: 'renewCertificates', withinDays: withinDaysOf(values) }),
  ),
]
