import Chip from '@mui/material/Chip'
import { useTranslation } from 'react-i18next'
import { expiryWarning } from '../../../shared/domain/expiry'

const colors = { 60: 'info', 30: 'warning', 7: 'error' } as const

/** Valid until a date, flagged 60, 30 and 7 days before its end (each more urgently) and after. */
export function ExpiryChip({ validTo, now }: { validTo: string; now: number }) {
  const { t } = useTranslation()
  const warning = expiryWarning(validTo, now)
  if (!warning) return null
  return warning.level === 'expired' ? (
    <Chip size="small" color="error" label={t('expiry.expired')} data-testid="expiry-chip" />
  ) : (
    <Chip
      size="small"
      variant={warning.level === 60 ? 'outlined' : 'filled'}
      color={colors[warning.level]}
      label={t('expiry.expiresIn', { count: warning.daysLeft })}
      data-testid="expiry-chip"
      data-level={warning.level}
    />
  )
}
