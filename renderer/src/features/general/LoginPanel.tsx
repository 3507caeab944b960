import KeyIcon from '@mui/icons-material/Key'
import Alert from '@mui/material/Alert'
import WorkspacePremiumIcon from '@mui/icons-material/WorkspacePremium'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { TFunction } from 'i18next'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuthProgress } from '../../../../shared/domain/auth'
import { loginActions, useAuth } from '../../store/auth'
import { useTokens } from '../../store/tokens'
import { ActionError } from './ActionError'

/** Zaloguj certyfikatem KSeF / Zaloguj tokenem KSeF, with the progress main reports. */
export function LoginPanel() {
  const { t } = useTranslation()
  const { state, busy, progress, loginWithCertificate, loginWithToken } = useAuth()
  // Logged in, a click opens a new session and ends this one: the buttons say so.
  const loggedIn = Boolean(state?.session)
  const logging = busy === 'loginWithCertificate' || busy === 'loginWithToken'
  const { policy, loadPolicy } = useTokens()
  // The end of tokens follows the app's clock: ask main each time the tab opens.
  useEffect(() => void loadPolicy(), [loadPolicy])
  const tokensOff = policy !== undefined && !policy.allowed
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1.5 }}>
        {t('auth.loginTitle')}
      </Typography>
      {loggedIn && (
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ mb: 1.5 }}
          data-testid="login-again-help"
        >
          {t('auth.reloginHelp')}
        </Typography>
      )}
      <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 1.5 }}>
        <Button
          variant="contained"
          startIcon={<WorkspacePremiumIcon />}
          disabled={busy !== undefined}
          onClick={() => void loginWithCertificate()}
          data-testid="login-certificate"
        >
          {loggedIn ? t('auth.reloginWithCertificate') : t('auth.loginWithCertificate')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<KeyIcon />}
          disabled={busy !== undefined || tokensOff}
          onClick={() => void loginWithToken()}
          data-testid="login-token"
        >
          {loggedIn ? t('auth.reloginWithToken') : t('auth.loginWithToken')}
        </Button>
      </Stack>
      {tokensOff && (
        <Alert severity="info" sx={{ mt: 2 }} data-testid="login-token-off">
          {t('tokens.loginOff')}
        </Alert>
      )}
      {logging && (
        <Box sx={{ mt: 2 }} data-testid="login-progress">
          <LinearProgress />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {progressText(t, progress)}
          </Typography>
        </Box>
      )}
      <ActionError actions={loginActions} testId="auth-error" />
    </Paper>
  )
}

function progressText(t: TFunction, progress: AuthProgress | undefined): string {
  if (!progress) return t('auth.steps.starting')
  return t(`auth.steps.${progress.step}`, {
    code: progress.statusCode,
    seconds: progress.waitSeconds,
  })
}
