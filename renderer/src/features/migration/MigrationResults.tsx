import CheckCircleIcon from '@mui/icons-material/CheckCircle'
import ErrorIcon from '@mui/icons-material/Error'
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty'
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutlineOutlined'
import Box from '@mui/material/Box'
import CircularProgress from '@mui/material/CircularProgress'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import {
  migrationSteps,
  type MigrationCompanyResult,
  type MigrationStepState,
} from '../../../../shared/domain/migration'
import { ErrorAlert } from '../../components/ErrorAlert'

function StepIcon({ state }: { state: MigrationStepState }) {
  switch (state) {
    case 'ok':
      return <CheckCircleIcon fontSize="small" color="success" />
    case 'failed':
      return <ErrorIcon fontSize="small" color="error" />
    case 'working':
      return <CircularProgress size={16} />
    case 'skipped':
      return <RemoveCircleOutlineIcon fontSize="small" color="disabled" />
    case 'waiting':
      return <HourglassEmptyIcon fontSize="small" color="disabled" />
  }
}

/** A row per company of the signed batch: each step's state, the failure with KSeF's code. */
export function MigrationResults({ rows }: { rows: readonly MigrationCompanyResult[] }) {
  const { t } = useTranslation()
  return (
    <Table size="small" data-testid="migration-results">
      <TableHead>
        <TableRow>
          <TableCell>{t('migration.company')}</TableCell>
          {migrationSteps.map((step) => (
            <TableCell key={step}>{t(`migration.steps.${step}`)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <MigrationRow key={row.companyId} row={row} />
        ))}
      </TableBody>
    </Table>
  )
}

function MigrationRow({ row }: { row: MigrationCompanyResult }) {
  const { t } = useTranslation()
  const nip = row.identifier.value
  return (
    <>
      <TableRow data-testid={`migration-row-${nip}`}>
        <TableCell>
          <Typography variant="body2">{row.name}</Typography>
          <Typography variant="caption" color="text.secondary">
            {t(`identifier.${row.identifier.type}`)} {nip}
          </Typography>
        </TableCell>
        {migrationSteps.map((step) => (
          <TableCell
            key={step}
            data-testid={`migration-step-${nip}-${step}`}
            data-state={row.steps[step]}
          >
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
              <StepIcon state={row.steps[step]} />
              <Typography variant="caption">{t(`migration.state.${row.steps[step]}`)}</Typography>
            </Stack>
          </TableCell>
        ))}
      </TableRow>
      {(row.failure || row.certificate) && (
        <TableRow>
          <TableCell colSpan={migrationSteps.length + 1} sx={{ pt: 0 }}>
            {row.certificate && (
              <Typography variant="caption" data-testid={`migration-certificate-${nip}`}>
                {t(
                  row.certificate.isDefault
                    ? 'migration.certificateDefault'
                    : 'migration.certificateStored',
                  { name: row.certificate.name, serial: row.certificate.serialNumber },
                )}
              </Typography>
            )}
            {row.failure && (
              <Box sx={{ mt: 0.5 }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {t('migration.failedAt', { step: t(`migration.steps.${row.failure.step}`) })}
                </Typography>
                <ErrorAlert error={row.failure.error} testId={`migration-error-${nip}`} />
              </Box>
            )}
          </TableCell>
        </TableRow>
      )}
    </>
  )
}
