import Tooltip from '@mui/material/Tooltip'
import type { GridColDef } from '@mui/x-data-grid'
import type { TFunction } from 'i18next'
import {
  DashboardCredentialKind,
  type DashboardRow,
  type LastActivity,
} from '../../../../shared/domain/dashboard'
import { environments } from '../../../../shared/domain/environment'
import type { Language } from '../../../../shared/domain/preferences'
import { explainKsefCode } from '../../../../shared/ksef/codes'
import { visibleText } from '../../../../shared/domain/visible-text'
import { formatDate, formatDateTime } from '../../format'

const none = '—'
const locales: Record<Language, string> = { pl: 'pl-PL', en: 'en-GB' }
// Made once: building a DateTimeFormat costs more than formatting with it, on every cell.
const shortFormats: Record<Language, Intl.DateTimeFormat> = {
  pl: new Intl.DateTimeFormat(locales.pl, { dateStyle: 'short', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat(locales.en, { dateStyle: 'short', timeStyle: 'short' }),
}
const formatShort = (iso: string, language: Language): string =>
  shortFormats[language].format(new Date(iso))

/**
 * A cell's text, whole on hover when the column is too narrow for it. A plain span styled once
 * by the grid (dashboard-cell-text): an sx per cell would be styled again at every render.
 */
function Text({ text, title, testId }: { text: string; title?: string; testId?: string }) {
  return (
    <span className="dashboard-cell-text" title={title ?? text} data-testid={testId}>
      {text}
    </span>
  )
}

function KsefCode({ last, language }: { last: LastActivity; language: Language }) {
  if (last.ksef === null) return <Text text={last.errorCode ?? none} />
  const explained = explainKsefCode(last.ksef.kind, last.ksef.code)[language]
  return (
    <Tooltip title={`${explained.title}. ${explained.explanation} ${explained.fix}`}>
      <span className="dashboard-ksef-code" tabIndex={0} data-testid="dashboard-ksef-code">
        {last.ksef.code}
      </span>
    </Tooltip>
  )
}

/**
 * Every column sorts and filters by a plain value (the valueGetter); the cell shows it in the
 * user's words. The rules (what logs in, the days) came from main.
 */
export function dashboardColumns(
  t: TFunction,
  language: Language,
  matchingSearch: (query: string) => ReadonlySet<string>,
): GridColDef<DashboardRow>[] {
  const days = (value: number | null) =>
    value === null ? none : value < 0 ? t('dashboard.ended') : t('dashboard.days', { count: value })
  const columns: GridColDef<DashboardRow>[] = [
    {
      field: 'name',
      headerName: t('dashboard.columns.name'),
      minWidth: 110,
      flex: 1.6,
      renderCell: ({ row }) => <Text text={visibleText(row.name)} testId="dashboard-name" />,
      // The search box (the grid's quick filter) asks the shared search: name or identifier.
      getApplyQuickFilterFn: (query: string) => {
        const matching = matchingSearch(query)
        return (_value, row) => matching.has(row.companyId)
      },
    },
    {
      field: 'identifier',
      headerName: t('dashboard.columns.identifier'),
      minWidth: 100,
      flex: 0.8,
      valueGetter: (_value, row) => row.identifier.value,
      renderCell: ({ row }) => <Text text={row.identifier.value} />,
    },
    {
      field: 'environment',
      headerName: t('dashboard.columns.environment'),
      type: 'singleSelect',
      minWidth: 110,
      flex: 0.9,
      valueOptions: environments.map((value) => ({ value, label: t(`environment.${value}`) })),
      renderCell: ({ row }) => <Text text={t(`environment.${row.environment}`)} />,
    },
    {
      field: 'credential',
      headerName: t('dashboard.columns.credential'),
      type: 'singleSelect',
      minWidth: 105,
      flex: 1.2,
      valueOptions: DashboardCredentialKind.options.map((value) => ({
        value,
        label: t(`dashboard.credential.${value}`),
      })),
      valueGetter: (_value, row) => row.credential.kind,
      renderCell: ({ row: { credential } }) => {
        const kind = t(`dashboard.credential.${credential.kind}`)
        const text = credential.label === null ? kind : `${kind}: ${visibleText(credential.label)}`
        // Whom the certificate names, on hover: an identity is one person's or the office's.
        return (
          <Text
            text={text}
            title={
              credential.subject === null ? text : `${text} (${visibleText(credential.subject)})`
            }
            testId={`dashboard-credential-${credential.kind}`}
          />
        )
      },
    },
    {
      field: 'daysLeft',
      headerName: t('dashboard.columns.daysLeft'),
      type: 'number',
      minWidth: 80,
      flex: 0.7,
      valueGetter: (_value, row) => row.credential.daysLeft,
      renderCell: ({ row }) => (
        <Text
          text={days(row.credential.daysLeft)}
          testId="dashboard-days-left"
          title={
            row.credential.expiresAt
              ? `${days(row.credential.daysLeft)}: ${t('dashboard.expiresAt', {
                  date: formatDateTime(row.credential.expiresAt, language),
                })}`
              : days(row.credential.daysLeft)
          }
        />
      ),
    },
    {
      field: 'tokenSunsetDays',
      headerName: t('dashboard.columns.tokenSunset'),
      type: 'number',
      minWidth: 80,
      flex: 0.7,
      renderCell: ({ row }) => <Text text={days(row.tokenSunsetDays)} />,
    },
    {
      field: 'lastAt',
      headerName: t('dashboard.columns.lastAt'),
      type: 'dateTime',
      valueFormatter: (value: Date | null) => (value ? shortFormats[language].format(value) : ''),
      minWidth: 115,
      flex: 1.1,
      valueGetter: (_value, row) => (row.last ? new Date(row.last.at) : null),
      renderCell: ({ row }) => (
        <Text
          text={row.last ? formatShort(row.last.at, language) : none}
          title={
            row.last
              ? `${formatShort(row.last.at, language)} (${t(`dashboard.lastKind.${row.last.kind}`)})`
              : none
          }
        />
      ),
    },
    {
      field: 'lastResult',
      headerName: t('dashboard.columns.lastResult'),
      type: 'singleSelect',
      minWidth: 80,
      flex: 0.7,
      valueOptions: (['ok', 'failed', 'pending'] as const).map((value) => ({
        value,
        label: t(`dashboard.result.${value}`),
      })),
      valueGetter: (_value, row) => row.last?.result ?? null,
      renderCell: ({ row }) => (
        <Text text={row.last ? t(`dashboard.result.${row.last.result}`) : none} />
      ),
    },
    {
      field: 'ksefCode',
      headerName: t('dashboard.columns.ksefCode'),
      minWidth: 70,
      flex: 0.6,
      valueGetter: (_value, row) => row.last?.ksef?.code ?? row.last?.errorCode ?? null,
      renderCell: ({ row }) => (row.last ? <KsefCode last={row.last} language={language} /> : none),
    },
    {
      field: 'session',
      headerName: t('dashboard.columns.session'),
      type: 'dateTime',
      valueFormatter: (value: Date | null) => (value ? shortFormats[language].format(value) : ''),
      minWidth: 80,
      flex: 0.8,
      valueGetter: (_value, row) => (row.sessionUntil ? new Date(row.sessionUntil) : null),
      renderCell: ({ row }) => (
        <Text
          text={
            row.sessionUntil
              ? t('dashboard.sessionUntil', { time: formatDate(row.sessionUntil, language) })
              : t('dashboard.noSession')
          }
        />
      ),
    },
  ]
  return columns.map((column) =>
    column.field === 'name' ? column : { ...column, getApplyQuickFilterFn: undefined },
  )
}
