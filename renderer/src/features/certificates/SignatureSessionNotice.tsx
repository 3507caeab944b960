import WorkspacePremiumIcon from '@mui/icons-material/WorkspacePremium'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import { useTranslation } from 'react-i18next'
import type { SessionSummary } from '../../../../shared/domain/auth'
import { enrollmentSession } from '../../../../shared/domain/enrollment-session'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useAuth } from '../../store/auth'

/**
 * KSeF issues certificates only in a session obtained by a signature. With a token session or
 * none, says so before anything is sent and offers Zaloguj certyfikatem KSeF right here.
 */
export function SignatureSessionNotice({
  session,
  purpose,
}: {
  session: SessionSummary | null
  /** What needs the signature session: the words differ, the offer is the same. */
  purpose: 'enroll' | 'renew' | 'revoke'
}) {
  const { t } = useTranslation()
  const { busy, failed, error, loginWithCertificate } = useAuth()
  const kind = enrollmentSession(session)
  if (kind === 'signature') return null
  const logging = busy === 'loginWithCertificate'
  return (
    <Box>
      <Alert
        severity={kind === 'token' ? 'warning' : 'info'}
        data-testid="enroll-session-notice"
        action={
          <Button
            color="inherit"
            size="small"
            startIcon={<WorkspacePremiumIcon />}
            disabled={busy !== undefined}
            onClick={() => void loginWithCertificate()}
            sx={{ whiteSpace: 'nowrap' }}
            data-testid="enroll-login-certificate"
          >
            {t('auth.loginWithCertificate')}
          </Button>
        }
      >
        {t(`certificates.session.${purpose}.${kind}`)}
      </Alert>
      {logging && <LinearProgress sx={{ mt: 1 }} data-testid="enroll-login-progress" />}
      {failed === 'loginWithCertificate' && !logging && (
        <Box sx={{ mt: 1 }}>
          <ErrorAlert error={error} testId="enroll-login-error" />
        </Box>
      )}
    </Box>
  )
}
