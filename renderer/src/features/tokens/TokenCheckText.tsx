import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { TokenSummary } from '../../../../shared/domain/credentials'
import { explainKsefCode } from '../../../../shared/ksef/codes'
import { errorText } from '../../errors'
import { formatDateTime } from '../../format'
import { useApp } from '../../store/app'

/** The last Sprawdź token of a stored token: it logs in, or why it does not. */
export function TokenCheckText({ token, running }: { token: TokenSummary; running: boolean }) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  if (running) {
    return (
      <Typography variant="caption" color="text.secondary" data-testid="token-check-result">
        {t('tokens.checkRunning')}
      </Typography>
    )
  }
  const check = token.lastCheck
  if (!check) return null
  const time = formatDateTime(check.checkedAt, language)
  if (check.ok) {
    return (
      <Typography variant="caption" color="success.main" data-testid="token-check-result">
        {t('tokens.checkOk', { time })}
      </Typography>
    )
  }
  const reason = check.errorCode
    ? errorText(t, { code: check.errorCode, message: '' })
    : t('errors.unknown', { code: 'INTERNAL' })
  const ksef =
    check.ksefStatusCode !== null
      ? explainKsefCode('authStatus', check.ksefStatusCode)[language]
      : undefined
  return (
    <Typography variant="caption" color="error" component="div" data-testid="token-check-result">
      {t('tokens.checkFailed', { time })}{' '}
      {ksef ? t('tokens.checkKsef', { code: check.ksefStatusCode, title: ksef.title }) : reason}
    </Typography>
  )
}
