import CheckCircleIcon from '@mui/icons-material/CheckCircle'
import ErrorIcon from '@mui/icons-material/Error'
import KeyOffIcon from '@mui/icons-material/KeyOff'
import WarningAmberIcon from '@mui/icons-material/WarningAmber'
import Stack from '@mui/material/Stack'
import Tooltip from '@mui/material/Tooltip'
import { useTranslation } from 'react-i18next'
import { isLoggedIn, type CompanyStatus } from '../../../../shared/domain/company-status'
import { expiryState } from '../../../../shared/domain/expiry'
import { formatDateTime } from '../../format'
import { useApp } from '../../store/app'

/** At a glance: logged in, a certificate running out, the last login refused, a token that failed its check. */
export function CompanyBadges({ status, now }: { status: CompanyStatus | undefined; now: number }) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  if (!status) return null
  const loggedIn = isLoggedIn(status, now)
  const expiry = status.certificateValidTo ? expiryState(status.certificateValidTo, now) : undefined
  return (
    <Stack
      direction="row"
      spacing={0.25}
      sx={{ alignItems: 'center' }}
      data-testid="company-badges"
    >
      {loggedIn && status.sessionRefreshableUntil && (
        <Tooltip
          title={t('badges.loggedIn', {
            time: formatDateTime(status.sessionRefreshableUntil, language),
          })}
        >
          <CheckCircleIcon color="success" fontSize="small" data-testid="badge-logged-in" />
        </Tooltip>
      )}
      {expiry && expiry.state !== 'valid' && (
        <Tooltip
          title={
            expiry.state === 'expired'
              ? t('badges.certificateExpired')
              : t('badges.certificateExpiring', { count: expiry.daysLeft })
          }
        >
          <WarningAmberIcon
            color={expiry.state === 'expired' ? 'error' : 'warning'}
            fontSize="small"
            data-testid="badge-expiry"
          />
        </Tooltip>
      )}
      {status.tokenCheckFailure && (
        <Tooltip
          title={t('badges.tokenCheckFailed', {
            time: formatDateTime(status.tokenCheckFailure.checkedAt, language),
            code:
              status.tokenCheckFailure.ksefStatusCode !== null
                ? `KSeF ${status.tokenCheckFailure.ksefStatusCode}`
                : status.tokenCheckFailure.errorCode,
          })}
        >
          <KeyOffIcon color="error" fontSize="small" data-testid="badge-token-check" />
        </Tooltip>
      )}
      {status.lastFailureStatus !== null && (
        <Tooltip title={t('badges.lastLoginFailed', { code: status.lastFailureStatus })}>
          <ErrorIcon color="error" fontSize="small" data-testid="badge-failed" />
        </Tooltip>
      )}
    </Stack>
  )
}
