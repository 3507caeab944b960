// `overview`: the Pulpit's rows on a terminal — what logs each company in, how many days it has
// left, the last login or check — filtered as the window's tiles filter them.
import {
  dashboardFilter,
  dashboardTiles,
  type DashboardRow,
  type DashboardTile,
} from '../../shared/domain/dashboard'
import { credentialKindText, resultText } from '../dashboard/dashboard-csv'
import type { CliCommand } from './command'
import { dataFolderHelp, dataFolderOptions, dataFolderUsage, withDataFolder } from './data-folder'
import { environmentOptionName, optionalString, usageError } from './options'
import { textTable } from './text-table'

/** How --filter names each tile of the Pulpit. */
const filterNames: Record<DashboardTile, string> = {
  expiring60: 'expiring=60',
  expiring30: 'expiring=30',
  expiring7: 'expiring=7',
  failing: 'failing',
  tokenOnly: 'token-only',
  noCredential: 'no-credential',
  production: 'production',
}

const filterList = dashboardTiles.map((tile) => filterNames[tile]).join(', ')

/** --filter as a tile, or null when absent; anything else is refused with the list of filters. */
export function filterOf(given: string | undefined): DashboardTile | null {
  if (given === undefined) return null
  const tile = dashboardTiles.find((each) => filterNames[each] === given)
  if (tile === undefined) throw usageError(`--filter must be one of ${filterList}, not "${given}".`)
  return tile
}

const header = [
  'Identyfikator',
  'Środowisko',
  'Logowanie',
  'Dni do końca',
  'Koniec tokenów',
  'Ostatnie logowanie',
  'Wynik',
  'Kod KSeF',
  'Sesja do',
  'Nazwa',
]

const none = '—'
const minute = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`

function cells(row: DashboardRow): string[] {
  const { credential, last } = row
  return [
    row.identifier.value,
    environmentOptionName(row.environment),
    // Which identity: one logs in many companies.
    credential.kind === 'identity'
      ? `${credentialKindText.identity}: ${credential.label ?? ''}`
      : credentialKindText[credential.kind],
    credential.daysLeft === null ? none : String(credential.daysLeft),
    row.tokenSunsetDays === null ? none : String(row.tokenSunsetDays),
    last ? minute(last.at) : none,
    last ? resultText[last.result] : none,
    last?.ksef?.code ?? last?.errorCode ?? none,
    row.sessionUntil ? minute(row.sessionUntil) : none,
    row.name,
  ]
}

export const overviewTable = (rows: readonly DashboardRow[]): string =>
  textTable([header, ...rows.map(cells)])

const overview: CliCommand = {
  path: ['overview'],
  summary: "the Pulpit: every company's login credential, its days left, the last login",
  usage: `[--filter expiring=60|expiring=30|expiring=7|failing|token-only|no-credential|production] ${dataFolderUsage}`,
  help:
    'One row per company: the credential that logs it in (its own default Authentication\n' +
    'certificate, else the identity assigned to it, when that can log in; else its default token;\n' +
    'else none), days until that credential ends, days until KSeF tokens end (31.12.2026) for a\n' +
    'company keeping a token, the last login or Sprawdź token (when, result, KSeF code), and the\n' +
    'session now. --filter keeps the rows of one tile of\n' +
    'the Pulpit: expiring=N (ends in under N days), failing (the last login or check failed),\n' +
    'token-only, no-credential, production. --json prints the rows with the tiles and the months.\n\n' +
    dataFolderHelp,
  options: { filter: { type: 'string' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const tile = filterOf(optionalString(values, 'filter'))
    return withDataFolder(values, io, async ({ call }) => {
      const view = await call('dashboard:view', undefined)
      const rows = dashboardFilter(view.rows, tile)
      const filter = tile === null ? null : filterNames[tile]
      const summary =
        filter === null
          ? `${rows.length} companies.`
          : `${rows.length} of ${view.rows.length} companies (--filter ${filter}).`
      return {
        text: rows.length === 0 ? summary : `${overviewTable(rows)}\n\n${summary}`,
        json: { ...view, filter, rows },
      }
    })
  },
}

export const overviewCommands: CliCommand[] = [overview]
