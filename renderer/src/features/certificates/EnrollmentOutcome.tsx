import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { EnrollmentResult } from '../../../../shared/domain/ksef-certificates'
import { explainKsefCode } from '../../../../shared/ksef/codes'
import { useApp } from '../../store/app'

/** An enrollment that ended without a certificate: still in KSeF's hands, or refused and why. */
export function EnrollmentOutcome({ result }: { result: EnrollmentResult }) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const { status, referenceNumber } = result.enrollment
  const code = status?.code
  const explained =
    code === undefined ? undefined : explainKsefCode('enrollmentStatus', code)[language]
  const refused = code !== undefined && code >= 400
  return (
    <Alert severity={refused ? 'error' : 'info'} data-testid="enroll-outcome">
      <AlertTitle data-testid="enroll-outcome-title">
        {refused ? t('certificates.enrollRefused') : t('certificates.enrollPending')}
      </AlertTitle>
      {explained && (
        <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="enroll-outcome-ksef">
          {t('ksef.code', { code })}: {explained.title}
        </Typography>
      )}
      {explained && <Typography variant="body2">{explained.explanation}</Typography>}
      {status?.details.map((detail) => (
        <Typography key={detail} variant="body2">
          {detail}
        </Typography>
      ))}
      {explained && (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          <strong>{t('ksef.fix')}:</strong> {explained.fix}
        </Typography>
      )}
      {referenceNumber && (
        <Typography variant="caption" component="div" sx={{ mt: 0.5, fontFamily: 'monospace' }}>
          {referenceNumber}
        </Typography>
      )}
    </Alert>
  )
}
