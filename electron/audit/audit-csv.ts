import type { AuditResult, AuditRow } from '../../shared/domain/audit'
import { explainKsefCode } from '../../shared/ksef/codes'
import { asFile, line } from '../companies/csv-export'

const header = [
  'wiersz',
  'czas',
  'zdarzenie',
  'wynik',
  'firma',
  'nip',
  'użytkownik',
  'kod błędu',
  'kod KSeF',
  'znaczenie kodu KSeF',
  'zadanie',
  'uwagi',
  'hash',
] as const

const resultText: Record<AuditResult, string> = {
  ok: 'udane',
  failed: 'nieudane',
  cancelled: 'anulowane',
}

const ksefMeaning = (row: AuditRow): string =>
  row.ksefCode === null || row.ksefCodeKind === null
    ? ''
    : explainKsefCode(row.ksefCodeKind, row.ksefCode).pl.title

/** Dziennik zdarzeń's entries as a CSV file, in the order given (the view's: the newest first). */
export function auditCsv(rows: readonly AuditRow[]): Buffer {
  return asFile([
    line(header),
    ...rows.map((row) =>
      line([
        String(row.line),
        row.time,
        row.action,
        resultText[row.result],
        row.company?.name ?? '',
        row.company?.identifier ?? '',
        row.osUser,
        row.errorCode ?? '',
        row.ksefCode === null ? '' : String(row.ksefCode),
        ksefMeaning(row),
        row.jobId ?? '',
        row.note ?? '',
        row.hash,
      ]),
    ),
  ])
}
