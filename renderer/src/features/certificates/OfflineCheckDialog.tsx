import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined'
import ContentCopyIcon from '@mui/icons-material/ContentCopy'
import HighlightOffIcon from '@mui/icons-material/HighlightOff'
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined'
import SaveAltIcon from '@mui/icons-material/SaveAlt'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  CertificateRow,
  OfflineCheckResult,
} from '../../../../shared/domain/ksef-certificates'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDate } from '../../format'
import { useApp } from '../../store/app'
import { useCertificates } from '../../store/certificates'

interface Props {
  companyId: string
  row: CertificateRow
  onClose: () => void
}

/**
 * Sprawdź certyfikat trybu Offline: type by key usage, validity, key fit, KSeF status, and a sample
 * KOD II link signed with it with its QR code, as printed on an offline invoice.
 */
export function OfflineCheckDialog({ companyId, row, onClose }: Props) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const offlineCheck = useCertificates((state) => state.offlineCheck)
  const [result, setResult] = useState<OfflineCheckResult>()
  const [error, setError] = useState<unknown>()
  const certificateId = row.certificate?.id

  useEffect(() => {
    if (!certificateId) return
    let current = true
    offlineCheck(companyId, certificateId).then(
      (checked) => current && setResult(checked),
      (failure: unknown) => current && setError(failure),
    )
    return () => {
      current = false
    }
  }, [companyId, certificateId, offlineCheck])

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md">
      <DialogTitle>{t('certificates.offline.title', { name: row.name })}</DialogTitle>
      <DialogContent data-testid="offline-check">
        {error !== undefined && <ErrorAlert error={error} testId="offline-error" />}
        {!result && error === undefined && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <CircularProgress size={18} />
            <Typography>{t('certificates.offline.checking')}</Typography>
          </Stack>
        )}
        {result && (
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
            <Stack spacing={1.5} sx={{ flex: 1, minWidth: 0 }}>
              <Check
                ok={result.kindByKeyUsage === 'Offline'}
                testId="offline-check-kind"
                text={
                  result.kindByKeyUsage
                    ? t('certificates.offline.kind', {
                        kind: t(`certificates.kinds.${result.kindByKeyUsage}`),
                      })
                    : t('certificates.offline.kindUnknown')
                }
              />
              <Check
                ok={result.validity === 'valid'}
                testId="offline-check-validity"
                text={t(`certificates.offline.validity.${result.validity}`, {
                  from: formatDate(result.validFrom, language),
                  to: formatDate(result.validTo, language),
                })}
              />
              <Check
                ok={result.keyFits}
                testId="offline-check-key"
                text={t(
                  result.keyFits
                    ? 'certificates.offline.keyFits'
                    : 'certificates.offline.keyMismatch',
                )}
              />
              <Check
                ok={result.ksefStatus === null ? undefined : result.ksefStatus === 'Active'}
                testId="offline-check-ksef"
                text={
                  result.ksefStatus
                    ? t('certificates.offline.ksefStatus', {
                        status: t(`certificates.statuses.${result.ksefStatus}`),
                      })
                    : t('certificates.offline.ksefUnknown')
                }
              />
              <Typography variant="subtitle2" sx={{ pt: 1 }}>
                {t('certificates.offline.link')}
              </Typography>
              <Typography
                variant="body2"
                sx={{ fontFamily: 'monospace', fontSize: 12, overflowWrap: 'anywhere' }}
                data-testid="offline-link"
              >
                {result.link}
              </Typography>
              <Box>
                <Button
                  size="small"
                  startIcon={<ContentCopyIcon />}
                  onClick={() => void navigator.clipboard.writeText(result.link)}
                >
                  {t('certificates.offline.copyLink')}
                </Button>
              </Box>
            </Stack>
            <Stack spacing={1} sx={{ alignItems: 'center', flexShrink: 0 }}>
              <Box
                component="img"
                src={`data:image/png;base64,${result.qrPngBase64}`}
                alt={t('certificates.offline.qrAlt')}
                sx={{
                  width: 220,
                  height: 220,
                  imageRendering: 'pixelated',
                  border: 1,
                  borderColor: 'divider',
                }}
                data-testid="offline-qr"
              />
              <Typography variant="caption" color="text.secondary">
                {t('certificates.offline.qrCaption')}
              </Typography>
              <Button
                variant="outlined"
                size="small"
                startIcon={<SaveAltIcon />}
                href={`data:image/png;base64,${result.qrPngBase64}`}
                download={`KOD-II-${result.serialNumber}.png`}
                data-testid="offline-qr-save"
              >
                {t('certificates.offline.saveQr')}
              </Button>
            </Stack>
          </Stack>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} data-testid="offline-close">
          {t('certificates.close')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}

/** One check: passed, failed, or not known (undefined). */
function Check({ ok, text, testId }: { ok: boolean | undefined; text: ReactNode; testId: string }) {
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: 'center' }}
      data-testid={testId}
      data-ok={ok === undefined ? 'unknown' : String(ok)}
    >
      {ok === undefined ? (
        <HelpOutlineIcon color="disabled" fontSize="small" />
      ) : ok ? (
        <CheckCircleOutlineIcon color="success" fontSize="small" />
      ) : (
        <HighlightOffIcon color="error" fontSize="small" />
      )}
      <Typography variant="body2">{text}</Typography>
    </Stack>
  )
}
