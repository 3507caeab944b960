import Box from '@mui/material/Box'
import LinearProgress from '@mui/material/LinearProgress'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { useCompanyCertificates } from '../../store/certificates'

/** Where the enrollment is while KSeF works, from the progress main pushes. */
export function EnrollmentProgress({ companyId }: { companyId: string }) {
  const { t } = useTranslation()
  const { progress } = useCompanyCertificates(companyId)
  return (
    <Box data-testid="enroll-progress">
      <LinearProgress />
      <Typography
        variant="body2"
        color="text.secondary"
        sx={{ mt: 1 }}
        data-testid="enroll-progress-text"
        data-step={progress?.step ?? 'starting'}
      >
        {t(`certificates.steps.${progress?.step ?? 'starting'}`, {
          code: progress?.statusCode,
          seconds: progress?.waitSeconds,
        })}
      </Typography>
      {progress?.referenceNumber && (
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
          {progress.referenceNumber}
        </Typography>
      )}
    </Box>
  )
}
