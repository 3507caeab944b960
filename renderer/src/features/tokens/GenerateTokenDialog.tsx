import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { GeneratedTokenResult } from '../../../../shared/domain/ksef-tokens'
import { ErrorAlert } from '../../components/ErrorAlert'
import { FormDialog } from '../../components/FormDialog'
import { useAuth } from '../../store/auth'
import { useTokens } from '../../store/tokens'
import { TokenDraftFields, useTokenDraft } from './TokenDraftFields'

interface Props {
  companyId: string
  onGenerated: (result: GeneratedTokenResult) => void
  onClose: () => void
}

/**
 * Generuj token KSeF: the "Uprawnienia KSeF" dialog. KSeF returns the token once; main seals it
 * before anything is shown, and the reveal dialog that follows fetches it for one look.
 */
export function GenerateTokenDialog({ companyId, onGenerated, onClose }: Props) {
  const { t } = useTranslation()
  const generate = useTokens((state) => state.generate)
  const draft = useTokenDraft()
  const hasSession = useAuth(
    (state) => state.state?.companyId === companyId && state.state.session !== null,
  )

  return (
    <FormDialog
      title={t('tokens.permissionsTitle')}
      submitLabel={t('tokens.generate')}
      onSubmit={async () =>
        onGenerated(
          await generate(companyId, {
            permissions: draft.permissions,
            description: draft.description,
            makeDefault: false,
          }),
        )
      }
      onClose={onClose}
      canSubmit={hasSession && draft.valid}
      busyContent={
        <Box data-testid="generate-progress">
          <LinearProgress />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {t('tokens.generating')}
          </Typography>
        </Box>
      }
      maxWidth="md"
      testId="generate-token-form"
      submitTestId="generate-submit"
      errorTestId="generate-error"
    >
      <SessionNotice companyId={companyId} />
      <TokenDraftFields draft={draft} />
    </FormDialog>
  )
}

/** Generating needs a session of this company: say which there is, or offer to log in. */
function SessionNotice({ companyId }: { companyId: string }) {
  const { t } = useTranslation()
  const { state, busy, failed, error, loginWithCertificate } = useAuth()
  const session = state?.companyId === companyId ? state.session : null
  if (session) {
    return (
      <Alert severity="info" data-testid="generate-session">
        {t('tokens.sessionOk', { method: t(`auth.methods.${session.method}`) })}
      </Alert>
    )
  }
  return (
    <Stack spacing={1}>
      <Alert
        severity="warning"
        data-testid="generate-no-session"
        action={
          <Button
            color="inherit"
            size="small"
            disabled={busy !== undefined}
            onClick={() => void loginWithCertificate()}
            data-testid="generate-login"
          >
            {t('auth.loginWithCertificate')}
          </Button>
        }
      >
        {t('tokens.needsSession')}
      </Alert>
      {busy === 'loginWithCertificate' && <LinearProgress data-testid="generate-login-progress" />}
      {failed === 'loginWithCertificate' && busy === undefined && (
        <ErrorAlert error={error} testId="generate-login-error" />
      )}
    </Stack>
  )
}
