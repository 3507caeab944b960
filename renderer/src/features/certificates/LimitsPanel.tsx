import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import CircularProgress from '@mui/material/CircularProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { CertificateLimits } from '../../../../shared/domain/ksef-certificates'
import { ErrorAlert } from '../../components/ErrorAlert'

interface Props {
  limits: CertificateLimits | undefined
  loading: boolean
  error: unknown
  /** False while the session is not one KSeF enrolls in: the form says that instead. */
  explainRefusal: boolean
}

/** GET /certificates/limits, shown before anything is asked; why nothing can be sent when so. */
export function LimitsPanel({ limits, loading, error, explainRefusal }: Props) {
  const { t } = useTranslation()
  if (loading)
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="limits-loading">
        <CircularProgress size={16} />
        <Typography variant="body2">{t('certificates.limits.loading')}</Typography>
      </Stack>
    )
  if (error !== undefined) return <ErrorAlert error={error} testId="limits-error" />
  if (!limits) return null
  const { enrollment, certificate } = limits
  return (
    <Box data-testid="limits">
      <Typography variant="body2" data-testid="limits-enrollments">
        {t('certificates.limits.enrollments', {
          remaining: enrollment.remaining,
          limit: enrollment.limit,
        })}
      </Typography>
      <Typography variant="body2" data-testid="limits-certificates">
        {t('certificates.limits.certificates', {
          remaining: certificate.remaining,
          limit: certificate.limit,
        })}
      </Typography>
      {!limits.canRequest && explainRefusal && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="limits-exhausted">
          {t(
            enrollment.remaining <= 0
              ? 'errors.CERT_ENROLLMENT_LIMIT_REACHED'
              : certificate.remaining <= 0
                ? 'errors.CERT_ACTIVE_LIMIT_REACHED'
                : 'errors.CERT_ENROLLMENT_NOT_ALLOWED',
          )}
        </Alert>
      )}
    </Box>
  )
}
