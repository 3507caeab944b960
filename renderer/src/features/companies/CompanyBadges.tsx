import CheckCircleIcon from '@mui/icons-material/CheckCircle'
import ErrorIcon from '@mui/icons-material/Error'
import KeyOffIcon from '@mui/icons-material/KeyOff'
import WarningAmberIcon from '@mui/icons-material/WarningAmber'
import type { ReactElement } from 'react'
import type { TFunction } from 'i18next'
import { isLoggedIn, type CompanyStatus } from '../../../../shared/domain/company-status'
import { expiryState } from '../../../../shared/domain/expiry'
import { formatDateTime } from '../../format'
import { useApp } from '../../store/app'

type Tone = 'success' | 'warning' | 'error'

// Plain styles: a keystroke in a list of 2,000 mounts a dozen rows, and emotion would serialise
// every badge's sx again. The word takes the row's text colour, readable when selected too.
const badgeStyle = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: 2,
  whiteSpace: 'nowrap',
  fontSize: '0.75rem',
  lineHeight: 1.4,
  fontWeight: 600,
} as const
const iconStyle = { fontSize: 16 } as const

/**
 * An icon in the badge's colour and a short word in the text's (readable on a selected row too),
 * never the icon alone: the whole sentence is in its title (the tooltip).
 */
function Badge(props: {
  icon: ReactElement
  word: string
  sentence: string
  tone: Tone
  testId: string
}) {
  return (
    // The sentence as the browser's own tooltip: a row of 2,000 mounts in a keystroke, and a
    // Tooltip per badge costs more than the row itself.
    <span
      title={props.sentence}
      data-testid={props.testId}
      data-tone={props.tone}
      style={badgeStyle}
    >
      {props.icon}
      {props.word}
    </span>
  )
}

/** At a glance: logged in, a certificate running out, the last login refused, a token that failed its check. */
export function CompanyBadges({
  status,
  now,
  t,
}: {
  status: CompanyStatus | undefined
  now: number
  /** The list's own: useTranslation in each of the rows a keystroke mounts would cost more than they. */
  t: TFunction
}) {
  const language = useApp((state) => state.language)
  if (!status) return null
  const loggedIn = isLoggedIn(status, now)
  const expiry = status.certificateValidTo ? expiryState(status.certificateValidTo, now) : undefined
  const tokenFailure = status.tokenCheckFailure
  const badges = [
    loggedIn && status.sessionRefreshableUntil && (
      <Badge
        key="logged-in"
        testId="badge-logged-in"
        tone="success"
        icon={<CheckCircleIcon color="success" style={iconStyle} />}
        word={t('badges.short.loggedIn')}
        sentence={t('badges.loggedIn', {
          time: formatDateTime(status.sessionRefreshableUntil, language),
        })}
      />
    ),
    expiry && expiry.state !== 'valid' && (
      <Badge
        key="expiry"
        testId="badge-expiry"
        tone={expiry.state === 'expired' ? 'error' : 'warning'}
        icon={
          <WarningAmberIcon
            color={expiry.state === 'expired' ? 'error' : 'warning'}
            style={iconStyle}
          />
        }
        word={
          expiry.state === 'expired'
            ? t('badges.short.certificateExpired')
            : t('badges.short.certificateExpiring', { count: expiry.daysLeft })
        }
        sentence={
          expiry.state === 'expired'
            ? t('badges.certificateExpired')
            : t('badges.certificateExpiring', { count: expiry.daysLeft })
        }
      />
    ),
    tokenFailure && (
      <Badge
        key="token-check"
        testId="badge-token-check"
        tone="error"
        icon={<KeyOffIcon color="error" style={iconStyle} />}
        word={t('badges.short.tokenCheckFailed')}
        sentence={t('badges.tokenCheckFailed', {
          time: formatDateTime(tokenFailure.checkedAt, language),
          code:
            tokenFailure.ksefStatusCode !== null
              ? `KSeF ${tokenFailure.ksefStatusCode}`
              : tokenFailure.errorCode,
        })}
      />
    ),
    status.lastFailureStatus !== null && (
      <Badge
        key="failed"
        testId="badge-failed"
        tone="error"
        icon={<ErrorIcon color="error" style={iconStyle} />}
        word={t('badges.short.lastLoginFailed', { code: status.lastFailureStatus })}
        sentence={t('badges.lastLoginFailed', { code: status.lastFailureStatus })}
      />
    ),
  ].filter(Boolean)
  if (badges.length === 0) return null
  return (
    <div
      data-testid="company-badges"
      style={{ display: 'flex', flexWrap: 'wrap', columnGap: 8, rowGap: 2, marginTop: 2 }}
    >
      {badges}
    </div>
  )
}
