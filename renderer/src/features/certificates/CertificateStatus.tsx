import CloudOutlinedIcon from '@mui/icons-material/CloudOutlined'
import ComputerIcon from '@mui/icons-material/Computer'
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty'
import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined'
import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { CertificateRow } from '../../../../shared/domain/ksef-certificates'
import { explainKsefCode } from '../../../../shared/ksef/codes'
import { useApp } from '../../store/app'

const statusColors = {
  Active: 'success',
  Blocked: 'error',
  Revoked: 'error',
  Expired: 'default',
} as const

/** Status: KSeF's (Active, Blocked, Revoked, Expired) or, for an enrollment, where KSeF is with it. */
export function CertificateStatusChip({ row }: { row: CertificateRow }) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const enrollment = row.location === 'enrollment' ? row.enrollment : null
  if (enrollment) {
    const code = enrollment.status?.code
    if (code === undefined)
      return (
        <Chip
          size="small"
          label={t('certificates.enrollmentSending')}
          data-testid="certificate-status"
        />
      )
    const explained = explainKsefCode('enrollmentStatus', code)[language]
    const color = code >= 400 ? 'error' : 'info'
    return (
      <Tooltip
        title={
          <>
            {explained.explanation} {explained.fix}
            {enrollment.status?.details.map((detail) => (
              <Box key={detail}>{detail}</Box>
            ))}
          </>
        }
      >
        <Box>
          <Chip
            size="small"
            color={color}
            variant={code === 100 ? 'outlined' : 'filled'}
            label={`${code} · ${explained.title}`}
            data-testid="certificate-status"
            data-code={code}
            sx={wrapping}
          />
          {code >= 400 && (
            <Typography
              variant="caption"
              component="div"
              color="error"
              sx={{ mt: 0.5 }}
              data-testid="certificate-status-details"
            >
              {[...(enrollment.status?.details ?? []), explained.fix].join(' ')}
            </Typography>
          )}
        </Box>
      </Tooltip>
    )
  }
  if (row.ksefStatus)
    return (
      <Chip
        size="small"
        color={statusColors[row.ksefStatus]}
        label={t(`certificates.statuses.${row.ksefStatus}`)}
        sx={wrapping}
        data-testid="certificate-status"
        data-status={row.ksefStatus}
      />
    )
  // KSeF keeps no status of a certificate its CA did not issue (self-signed, qualified).
  const notKsef = row.certificate !== null && row.certificate.issuerKind !== 'ksef'
  const checked = row.certificate?.ksefCheckedAt != null
  return (
    <Chip
      size="small"
      sx={wrapping}
      variant="outlined"
      label={t(
        notKsef
          ? 'certificates.statuses.notKsef'
          : checked
            ? 'certificates.statuses.notInKsef'
            : 'certificates.statuses.unchecked',
      )}
      data-testid="certificate-status"
    />
  )
}

/** Where the certificate lives: here with its key, only in KSeF, here but unusable, a request. */
export function LocationChip({ row }: { row: CertificateRow }) {
  const { t } = useTranslation()
  const { icon, color } = {
    thisComputer: { icon: <ComputerIcon />, color: 'default' as const },
    ksefOnly: { icon: <CloudOutlinedIcon />, color: 'info' as const },
    thisComputerUnusable: { icon: <ReportProblemOutlinedIcon />, color: 'warning' as const },
    enrollment: { icon: <HourglassEmptyIcon />, color: 'default' as const },
  }[row.location]
  return (
    <Tooltip title={t(`certificates.locationHelp.${row.location}`)}>
      <Chip
        size="small"
        variant="outlined"
        color={color}
        icon={icon}
        label={t(`certificates.locations.${row.location}`)}
        data-testid="certificate-location"
        data-location={row.location}
        sx={{ ...wrapping, mt: 0.75 }}
      />
    </Tooltip>
  )
}

/** Chips in narrow cells wrap their words instead of cutting them off. */
const wrapping = {
  maxWidth: '100%',
  height: 'auto',
  minHeight: 24,
  '& .MuiChip-label': { whiteSpace: 'normal', overflowWrap: 'normal', py: 0.25 },
} as const
