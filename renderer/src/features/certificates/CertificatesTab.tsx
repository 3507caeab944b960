import AddIcon from '@mui/icons-material/Add'
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined'
import ScienceOutlinedIcon from '@mui/icons-material/ScienceOutlined'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import IconButton from '@mui/material/IconButton'
import Radio from '@mui/material/Radio'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Company } from '../../../../shared/domain/company'
import type { CertificateSummary } from '../../../../shared/domain/credentials'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { StoredListPanel } from '../../components/StoredListPanel'
import { ExpiryChip } from '../../components/ExpiryChip'
import { errorText } from '../../errors'
import { formatDate } from '../../format'
import { useNow } from '../../hooks/useNow'
import { useApp } from '../../store/app'
import { useCredentials } from '../../store/credentials'
import { ImportCertificateDialog } from './ImportCertificateDialog'

export function CertificatesTab({ company }: { company: Company }) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const { certificates, createTestCertificate, setDefaultCertificate, removeCertificate } =
    useCredentials()
  const [importing, setImporting] = useState(false)
  const [removing, setRemoving] = useState<CertificateSummary>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const now = useNow(60_000)

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true)
    setError(undefined)
    try {
      await work()
    } catch (failure) {
      setError(errorText(t, failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1}>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => setImporting(true)}
          data-testid="certificate-import"
        >
          {t('certificates.import')}
        </Button>
        {company.environment === 'Test' && (
          <Button
            variant="outlined"
            startIcon={<ScienceOutlinedIcon />}
            disabled={busy}
            onClick={() => void run(createTestCertificate)}
            data-testid="certificate-create-test"
          >
            {t('certificates.createTest')}
          </Button>
        )}
      </Stack>
      {error && (
        <Alert severity="error" data-testid="certificates-error">
          {error}
        </Alert>
      )}
      <StoredListPanel
        title={t('certificates.stored')}
        empty={certificates.length === 0 ? t('certificates.empty') : undefined}
        emptyTestId="certificates-empty"
      >
        <Table size="small" data-testid="certificates-table">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">{t('certificates.default')}</TableCell>
              <TableCell>{t('certificates.name')}</TableCell>
              <TableCell>{t('certificates.kind')}</TableCell>
              <TableCell>{t('certificates.issuer')}</TableCell>
              <TableCell>{t('certificates.serialNumber')}</TableCell>
              <TableCell>{t('certificates.validTo')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {certificates.map((certificate) => (
              <TableRow key={certificate.id} data-testid="certificate-row">
                <TableCell padding="checkbox">
                  <Tooltip
                    title={t('certificates.defaultHelp', {
                      kind: t(`certificates.kinds.${certificate.kind}`),
                    })}
                  >
                    <Radio
                      checked={certificate.isDefault}
                      onChange={() => void run(() => setDefaultCertificate(certificate.id))}
                      slotProps={{ input: { 'aria-label': t('certificates.default') } }}
                      data-testid="certificate-default"
                    />
                  </Tooltip>
                </TableCell>
                <TableCell>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {certificate.name}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {certificate.subjectIdentifier
                      ? `${certificate.subjectIdentifier.type === 'Nip' ? 'NIP' : 'PESEL'} ${certificate.subjectIdentifier.value}`
                      : certificate.subject}
                    {' · '}
                    {certificate.keyAlgorithm}
                  </Typography>
                </TableCell>
                <TableCell>{t(`certificates.kinds.${certificate.kind}`)}</TableCell>
                <TableCell>{t(`certificates.issuers.${certificate.issuerKind}`)}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{certificate.serialNumber}</TableCell>
                <TableCell>
                  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                    {formatDate(certificate.validTo, language)}
                    <ExpiryChip validTo={certificate.validTo} now={now} />
                  </Box>
                </TableCell>
                <TableCell align="right">
                  <Tooltip title={t('certificates.remove')}>
                    <IconButton
                      onClick={() => setRemoving(certificate)}
                      data-testid="certificate-remove"
                    >
                      <DeleteOutlinedIcon />
                    </IconButton>
                  </Tooltip>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </StoredListPanel>
      {importing && <ImportCertificateDialog onClose={() => setImporting(false)} />}
      {removing && (
        <ConfirmDialog
          title={t('certificates.removeTitle', { name: removing.name })}
          body={t('certificates.removeBody')}
          confirmLabel={t('certificates.remove')}
          onConfirm={() => removeCertificate(removing.id)}
          onClose={() => setRemoving(undefined)}
        />
      )}
    </Stack>
  )
}
