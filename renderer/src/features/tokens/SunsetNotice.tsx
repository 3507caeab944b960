import Alert from '@mui/material/Alert'
import FormControlLabel from '@mui/material/FormControlLabel'
import Switch from '@mui/material/Switch'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorText } from '../../errors'
import { useTokens } from '../../store/tokens'

/**
 * The end of tokens as the policy in main says it today (app clock): a warning before
 * 31 December 2026, after it the notice that tokens are off and the switch turning them back on.
 */
export function SunsetNotice() {
  const { t } = useTranslation()
  const { policy, setTokensAfter2026 } = useTokens()
  const [error, setError] = useState<string>()
  if (!policy) return null
  if (!policy.afterSunset) {
    return (
      <Alert severity="warning" data-testid="token-sunset">
        {t('tokens.sunsetBanner')}
      </Alert>
    )
  }
  const toggle = (enabled: boolean) => {
    setError(undefined)
    setTokensAfter2026(enabled).catch((failure: unknown) => setError(errorText(t, failure)))
  }
  return (
    <Alert severity={policy.allowed ? 'info' : 'error'} data-testid="token-sunset">
      <Typography variant="body2" data-testid="token-sunset-text">
        {policy.allowed
          ? t('tokens.sunsetOn')
          : `${t('tokens.sunsetPassed')} ${t('tokens.sunsetOff')}`}
      </Typography>
      <FormControlLabel
        sx={{ mt: 0.5, ml: 0, gap: 1 }}
        control={
          <Switch
            size="small"
            checked={policy.allowAfterSunset}
            onChange={(event) => toggle(event.target.checked)}
            slotProps={{ input: { 'data-testid': 'tokens-after-2026' } as object }}
          />
        }
        label={<Typography variant="body2">{t('tokens.sunsetSwitch')}</Typography>}
      />
      {error && (
        <Typography variant="body2" color="error">
          {error}
        </Typography>
      )}
    </Alert>
  )
}
