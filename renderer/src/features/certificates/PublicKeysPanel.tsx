import CloseIcon from '@mui/icons-material/Close'
import RefreshIcon from '@mui/icons-material/Refresh'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import IconButton from '@mui/material/IconButton'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Environment } from '../../../../shared/domain/environment'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDate, formatDateTime } from '../../format'
import { useApp } from '../../store/app'
import { useCertificates } from '../../store/certificates'

/** Pobierz certyfikaty klucza publicznego: MF's keys of the environment, cached, refreshed on demand. */
export function PublicKeysPanel({
  environment,
  onClose,
}: {
  environment: Environment
  onClose: () => void
}) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const keys = useCertificates((state) => state.publicKeys[environment])
  const fetchPublicKeys = useCertificates((state) => state.fetchPublicKeys)
  const [refreshing, setRefreshing] = useState(false)
  const [error, setError] = useState<unknown>()

  // The cached keys at once (main asks KSeF only when it has none for the environment).
  useEffect(() => {
    fetchPublicKeys(environment, false).catch((failure: unknown) => setError(failure))
  }, [environment, fetchPublicKeys])
  const loading = refreshing || (keys === undefined && error === undefined)

  const refresh = async () => {
    setRefreshing(true)
    setError(undefined)
    try {
      await fetchPublicKeys(environment, true)
    } catch (failure) {
      setError(failure)
    } finally {
      setRefreshing(false)
    }
  }

  return (
    <Paper variant="outlined" data-testid="public-keys">
      <Stack
        direction="row"
        spacing={1}
        sx={{ px: 2, pt: 1.5, alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}
      >
        <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1, minWidth: 240 }}>
          {t('certificates.publicKeys.title', { environment: t(`environment.${environment}`) })}
        </Typography>
        {keys && (
          <Typography variant="caption" color="text.secondary" data-testid="public-keys-fetched">
            {t('certificates.publicKeys.fetchedAt', {
              time: formatDateTime(keys.fetchedAt, language),
            })}
          </Typography>
        )}
        <Button
          size="small"
          startIcon={loading ? <CircularProgress size={16} /> : <RefreshIcon />}
          disabled={loading}
          onClick={() => void refresh()}
          data-testid="public-keys-refresh"
        >
          {t('certificates.publicKeys.refresh')}
        </Button>
        <Tooltip title={t('certificates.close')}>
          <IconButton size="small" onClick={onClose} aria-label={t('certificates.close')}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      {error !== undefined && (
        <Box sx={{ p: 2 }}>
          <ErrorAlert error={error} testId="public-keys-error" />
        </Box>
      )}
      {keys && (
        <Table size="small" sx={{ tableLayout: 'fixed' }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: '30%', fontWeight: 600 }}>
                {t('certificates.publicKeys.usage')}
              </TableCell>
              <TableCell sx={{ width: 180, fontWeight: 600 }}>
                {t('certificates.validity')}
              </TableCell>
              <TableCell sx={{ fontWeight: 600 }}>
                {t('certificates.publicKeys.fingerprint')}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {keys.certificates.map((key) => (
              <TableRow key={key.fingerprintSha256} data-testid="public-key-row">
                <TableCell sx={{ verticalAlign: 'top' }}>
                  {key.usage.map((usage) => (
                    <Typography key={usage} variant="body2" data-testid="public-key-usage">
                      {t(`certificates.publicKeys.usages.${usage}`)}
                    </Typography>
                  ))}
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>
                  <Typography variant="body2">
                    {t('certificates.from', { date: formatDate(key.validFrom, language) })}
                  </Typography>
                  <Typography variant="body2">
                    {t('certificates.to', { date: formatDate(key.validTo, language) })}
                  </Typography>
                </TableCell>
                <TableCell
                  sx={{
                    fontFamily: 'monospace',
                    fontSize: 12,
                    overflowWrap: 'anywhere',
                    verticalAlign: 'top',
                  }}
                  data-testid="public-key-fingerprint"
                >
                  {key.fingerprintSha256}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  )
}
