import type {
  BulkCredential,
  BulkJob,
  BulkOutcome,
  BulkRowState,
  BulkSkipReason,
} from '../../shared/domain/bulk'
import { asFile, line } from '../companies/csv-export'

const header = [
  'nazwa',
  'nip',
  'stan',
  'wynik',
  'kod błędu',
  'kod KSeF',
  'komunikat',
  'rozpoczęto',
  'zakończono',
] as const

const stateText: Record<BulkRowState, string> = {
  waiting: 'oczekuje',
  working: 'w toku',
  done: 'gotowe',
  failed: 'błąd',
  skipped: 'pominięto',
  cancelled: 'anulowano',
}

const credentialText: Record<BulkCredential, string> = {
  certificate: 'certyfikat',
  identity: 'tożsamość',
  token: 'token',
}

const skipText: Record<BulkSkipReason, string> = {
  notLoggedIn: 'nie była zalogowana',
  noMatchingTokens: 'brak pasujących tokenów',
  notExpiring: 'certyfikat nie wygasa w podanym czasie',
  noCertificate: 'nie loguje się certyfikatem',
}

/** What was done, in the words of the job's table. Never a secret: facts and reference numbers. */
export function outcomeText(outcome: BulkOutcome | null): string {
  if (outcome === null) return ''
  switch (outcome.kind) {
    case 'checked':
      return `loguje się (${credentialText[outcome.credential]})`
    case 'loggedIn':
      return `zalogowano (${credentialText[outcome.credential]})`
    case 'loggedOut':
      return 'wylogowano'
    case 'tokenGenerated':
      return `wygenerowano token ${outcome.referenceNumber}`
    case 'tokensRevoked':
      return `dezaktywowano tokeny: ${outcome.referenceNumbers.join(', ')}`
    case 'certificateRenewed':
      return `odnowiono certyfikat ${outcome.serialNumber}`
    case 'migrated':
      return `certyfikat ${outcome.serialNumber}${outcome.tokenRevoked ? ', token dezaktywowany' : ''}`
    case 'skipped':
      return skipText[outcome.reason]
  }
}

/** The job's rows as a CSV file, in the job's order. */
export function bulkJobCsv(job: BulkJob): Buffer {
  return asFile([
    line(header),
    ...job.rows.map((row) =>
      line([
        row.name,
        row.identifier,
        stateText[row.state],
        outcomeText(row.outcome),
        row.error?.code ?? '',
        row.ksef?.code ?? '',
        row.error?.message ?? '',
        row.startedAt ?? '',
        row.finishedAt ?? '',
      ]),
    ),
  ])
}
