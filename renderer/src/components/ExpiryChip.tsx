import Chip from '@mui/material/Chip'
import { useTranslation } from 'react-i18next'
import { expiryState } from '../../../shared/domain/expiry'

/** Valid until a date, flagged when it runs out within a month or has run out. */
export function ExpiryChip({ validTo, now }: { validTo: string; now: number }) {
  const { t } = useTranslation()
  const expiry = expiryState(validTo, now)
  if (expiry.state === 'valid') return null
  return expiry.state === 'expired' ? (
    <Chip size="small" color="error" label={t('expiry.expired')} data-testid="expiry-chip" />
  ) : (
    <Chip
      size="small"
      color="warning"
      label={t('expiry.expiresIn', { count: expiry.daysLeft })}
      data-testid="expiry-chip"
    />
  )
}
