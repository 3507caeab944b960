import Tooltip from '@mui/material/Tooltip'
import type { GridColDef } from '@mui/x-data-grid'
import type { TFunction } from 'i18next'
import type { AuditRow } from '../../../../shared/domain/audit'
import { LoginMethod } from '../../../../shared/domain/auth'
import type { Language } from '../../../../shared/domain/preferences'
import { explainKsefCode } from '../../../../shared/ksef/codes'
import { codeText } from '../../errors'
import { formatDateTime } from '../../format'

const none = '—'

/**
 * What went wrong: KSeF's code with its meaning, the whole explanation and the app's error code on
 * hover; without a KSeF code, the app's error in words, its code on hover.
 */
function Problem({ row, language, t }: { row: AuditRow; language: Language; t: TFunction }) {
  if (row.ksefCode !== null && row.ksefCodeKind !== null) {
    const explained = explainKsefCode(row.ksefCodeKind, row.ksefCode)[language]
    const code = row.errorCode === null ? '' : `${row.errorCode}: `
    return (
      <Tooltip title={`${code}${explained.title}. ${explained.explanation} ${explained.fix}`}>
        <span
          className="audit-cell-text audit-explained"
          tabIndex={0}
          data-testid="audit-ksef-code"
        >
          {row.ksefCode} — {explained.title}
        </span>
      </Tooltip>
    )
  }
  if (row.errorCode === null) {
    return (
      <span className="audit-cell-text">{row.ksefCode === null ? none : String(row.ksefCode)}</span>
    )
  }
  const words = codeText(t, row.errorCode)
  return (
    <Tooltip title={`${row.errorCode}: ${words}`}>
      <span className="audit-cell-text audit-explained" tabIndex={0} data-testid="audit-error">
        {words}
      </span>
    </Tooltip>
  )
}

/** The company as the entry knew it: its name and NIP (a removed one keeps them). */
const companyText = (t: TFunction, row: AuditRow): string => {
  if (row.company === null) return none
  const name = row.company.name === '' ? t('audit.unknownCompany') : row.company.name
  return row.company.identifier === '' ? name : `${name} (${row.company.identifier})`
}

const loginMethods: readonly string[] = LoginMethod.options

/** A note in the user's words: a login's method is named, anything else shown as recorded. */
const noteText = (t: TFunction, row: AuditRow): string | null =>
  row.action === 'auth.login' && row.note !== null && loginMethods.includes(row.note)
    ? t(`audit.loginMethods.${row.note}`)
    : row.note

/** Every column sorts and filters by a plain value; the cell shows it in the user's words. */
export function auditColumns(t: TFunction, language: Language): GridColDef<AuditRow>[] {
  return [
    { field: 'line', headerName: t('audit.columns.line'), type: 'number', width: 70 },
    {
      field: 'time',
      headerName: t('audit.columns.time'),
      width: 160,
      valueFormatter: (value: string) => formatDateTime(value, language),
    },
    {
      field: 'action',
      headerName: t('audit.columns.action'),
      flex: 1,
      minWidth: 210,
      valueGetter: (_value, row) => t(`audit.actions.${row.action}`),
    },
    {
      field: 'result',
      headerName: t('audit.columns.result'),
      width: 100,
      valueGetter: (_value, row) => t(`audit.results.${row.result}`),
      cellClassName: (params) => `audit-result-${params.row.result}`,
    },
    {
      field: 'company',
      headerName: t('audit.columns.company'),
      flex: 1,
      minWidth: 250,
      valueGetter: (_value, row) => companyText(t, row),
    },
    { field: 'osUser', headerName: t('audit.columns.osUser'), width: 110 },
    {
      field: 'problem',
      headerName: t('audit.columns.problem'),
      flex: 1,
      minWidth: 190,
      valueGetter: (_value, row) =>
        [row.ksefCode, row.errorCode].filter((v) => v !== null).join(' '),
      renderCell: (params) => <Problem row={params.row} language={language} t={t} />,
    },
    {
      field: 'note',
      headerName: t('audit.columns.note'),
      flex: 1,
      minWidth: 120,
      valueGetter: (_value, row) =>
        [noteText(t, row), row.jobId && t('audit.job', { id: row.jobId })]
          .filter(Boolean)
          .join(' · ') || none,
    },
  ]
}
