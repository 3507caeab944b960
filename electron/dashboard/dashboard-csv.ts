import type {
  DashboardCredentialKind,
  DashboardRow,
  LastActivity,
} from '../../shared/domain/dashboard'
import { asFile, line } from '../companies/csv-export'
import { environmentCsvName } from '../companies/csv-columns'

const header = [
  'nazwa',
  'nip',
  'środowisko',
  'logowanie',
  'poświadczenie',
  'ważne do',
  'dni do końca',
  'koniec tokenów (dni)',
  'ostatnie logowanie lub sprawdzenie',
  'wynik',
  'kod KSeF',
  'kod błędu',
  'sesja do',
] as const

/** The Polish words of the CSV and of `ksef-desk overview` for what logs a company in. */
export const credentialKindText: Record<DashboardCredentialKind, string> = {
  certificate: 'certyfikat',
  identity: 'tożsamość',
  token: 'token',
  none: 'brak',
}
/** …and for how the last login or check ended. */
export const resultText: Record<LastActivity['result'], string> = {
  ok: 'udane',
  failed: 'nieudane',
  pending: 'w toku',
}

const number = (value: number | null): string => (value === null ? '' : String(value))

/**
 * The Pulpit's rows as a CSV file, in the order given (the view's, after its filter and sort): the
 * first three columns are those `companies import` reads, so the file also makes a company list.
 */
export function dashboardCsv(rows: readonly DashboardRow[]): Buffer {
  return asFile([
    line(header),
    ...rows.map((row) =>
      line([
        row.name,
        row.identifier.value,
        environmentCsvName[row.environment],
        credentialKindText[row.credential.kind],
        row.credential.label ?? '',
        row.credential.expiresAt ?? '',
        number(row.credential.daysLeft),
        number(row.tokenSunsetDays),
        row.last?.at ?? '',
        row.last ? resultText[row.last.result] : '',
        row.last?.ksef?.code ?? '',
        row.last?.errorCode ?? '',
        row.sessionUntil ?? '',
      ]),
    ),
  ])
}
