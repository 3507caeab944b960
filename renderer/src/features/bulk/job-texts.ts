import type { TFunction } from 'i18next'
import type { BulkOutcome, BulkRow } from '../../../../shared/domain/bulk'
import type { Language } from '../../../../shared/domain/preferences'
import { explainKsefCode } from '../../../../shared/ksef/codes'
import { errorText } from '../../errors'
import { formatDate, formatDateTime } from '../../format'

/** What was done for a company, in the user's words. */
export function outcomeText(t: TFunction, outcome: BulkOutcome, language: Language): string {
  switch (outcome.kind) {
    case 'checked':
      return t('jobs.outcome.checked', { credential: t(`jobs.credential.${outcome.credential}`) })
    case 'loggedIn':
      return outcome.sessionUntil === null
        ? t('jobs.outcome.loggedIn', { credential: t(`jobs.credential.${outcome.credential}`) })
        : t('jobs.outcome.loggedInUntil', {
            credential: t(`jobs.credential.${outcome.credential}`),
            until: formatDateTime(outcome.sessionUntil, language),
          })
    case 'loggedOut':
      return t('jobs.outcome.loggedOut')
    case 'tokenGenerated':
      return t('jobs.outcome.tokenGenerated', {
        masked: outcome.masked,
        referenceNumber: outcome.referenceNumber,
      })
    case 'tokensRevoked':
      return t('jobs.outcome.tokensRevoked', { count: outcome.referenceNumbers.length })
    case 'certificateRenewed':
      return t(
        outcome.identityId === null
          ? 'jobs.outcome.certificateRenewed'
          : 'jobs.outcome.identityRenewed',
        {
          serialNumber: outcome.serialNumber,
          validTo: outcome.validTo === null ? '—' : formatDate(outcome.validTo, language),
        },
      )
    case 'migrated':
      return t(outcome.tokenRevoked ? 'jobs.outcome.migratedRevoked' : 'jobs.outcome.migrated', {
        serialNumber: outcome.serialNumber,
      })
    case 'skipped':
      return t(`jobs.skipped.${outcome.reason}`)
  }
}

/** A row's result: what was done, or why it failed with the KSeF code's meaning. */
export function rowResultText(t: TFunction, row: BulkRow, language: Language): string {
  if (row.state === 'failed') {
    const failure = errorText(t, row.error)
    const explained = row.ksef ? explainKsefCode(row.ksef.kind, row.ksef.code)[language] : undefined
    const done = row.outcome
      ? ` ${t('jobs.doneBefore', { what: outcomeText(t, row.outcome, language) })}`
      : ''
    return explained
      ? `${failure} ${t('ksef.code', { code: row.ksef?.code })}: ${explained.title}.${done}`
      : `${failure}${done}`
  }
  if (row.outcome) return outcomeText(t, row.outcome, language)
  return row.state === 'cancelled' ? t('jobs.untouched') : ''
}

/** "about 3 min", from the limiter's estimate. */
export function estimateText(t: TFunction, ms: number): string {
  const seconds = Math.ceil(ms / 1000)
  return seconds < 90
    ? t('jobs.estimateSeconds', { count: seconds })
    : t('jobs.estimateMinutes', { count: Math.round(seconds / 60) })
}
