import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined'
import ContentCopyIcon from '@mui/icons-material/ContentCopy'
import HighlightOffIcon from '@mui/icons-material/HighlightOff'
import PasswordIcon from '@mui/icons-material/Password'
import VisibilityIcon from '@mui/icons-material/Visibility'
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import IconButton from '@mui/material/IconButton'
import InputAdornment from '@mui/material/InputAdornment'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CertificateRow, ExportFormat } from '../../../../shared/domain/ksef-certificates'
import {
  brokenExportPasswordRules,
  exportPasswordRuleCodes,
  generateExportPassword,
  type ExportPasswordRule,
} from '../../../../shared/validation/export-password'
import { FormDialog } from '../../components/FormDialog'
import { useCertificates } from '../../store/certificates'
import { said, type TabMessage } from './tab-message'

const rules = Object.keys(exportPasswordRuleCodes) as ExportPasswordRule[]

interface Props {
  companyId: string
  row: CertificateRow
  onClose: () => void
  onDone: (message: TabMessage) => void
}

/**
 * Eksportuj: .crt + encrypted .key, or .p12, under a password that meets the MF rules (each shown
 * live). Main writes the files; the key never comes to this page.
 */
export function ExportDialog({ companyId, row, onClose, onDone }: Props) {
  const { t } = useTranslation()
  const exportFiles = useCertificates((state) => state.exportFiles)
  const [format, setFormat] = useState<ExportFormat>('pem')
  const [password, setPassword] = useState('')
  const [visible, setVisible] = useState(false)
  // KSeF alone has it: no key here, so only the certificate (.crt) can be written.
  const certificateOnly = row.location === 'ksefOnly'
  const broken = new Set(certificateOnly ? [] : brokenExportPasswordRules(password))
  const certificateId = row.certificate?.id ?? (certificateOnly ? row.id : undefined)

  const submit = async () => {
    if (!certificateId) return
    const result = await exportFiles(
      companyId,
      certificateId,
      format,
      certificateOnly ? '' : password,
    )
    const saved = result.files.filter((file) => file.saved).map((file) => file.name)
    onDone(
      saved.length === 0
        ? said('certificates.export.cancelled')
        : said(
            result.certificateOnly
              ? 'certificates.export.doneCertificateOnly'
              : 'certificates.export.done',
            {
              files: saved.join(', '),
            },
          ),
    )
  }

  return (
    <FormDialog
      title={t('certificates.export.title', { name: row.name })}
      submitLabel={t('certificates.actions.export')}
      onSubmit={submit}
      onClose={onClose}
      canSubmit={certificateId !== undefined && broken.size === 0}
      testId="export-form"
    >
      {certificateOnly ? (
        <Typography variant="body2" data-testid="export-certificate-only">
          {t('certificates.export.certificateOnly')}
        </Typography>
      ) : (
        <>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={format}
            onChange={(_event, value: ExportFormat | null) => value && setFormat(value)}
          >
            <ToggleButton value="pem" data-testid="export-format-pem">
              {t('certificates.export.pem')}
            </ToggleButton>
            <ToggleButton value="p12" data-testid="export-format-p12">
              {t('certificates.export.p12')}
            </ToggleButton>
          </ToggleButtonGroup>
          <Typography variant="body2" color="text.secondary">
            {t(format === 'pem' ? 'certificates.export.pemHelp' : 'certificates.export.p12Help')}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <TextField
              type={visible ? 'text' : 'password'}
              label={t('certificates.export.password')}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              size="small"
              fullWidth
              autoComplete="new-password"
              slotProps={{
                htmlInput: { 'data-testid': 'export-password', spellCheck: false },
                input: {
                  endAdornment: (
                    <InputAdornment position="end">
                      <Tooltip
                        title={t(visible ? 'certificates.export.hide' : 'certificates.export.show')}
                      >
                        <IconButton
                          edge="end"
                          onClick={() => setVisible(!visible)}
                          aria-label={t(
                            visible ? 'certificates.export.hide' : 'certificates.export.show',
                          )}
                          data-testid="export-password-visibility"
                        >
                          {visible ? <VisibilityOffIcon /> : <VisibilityIcon />}
                        </IconButton>
                      </Tooltip>
                      <Tooltip title={t('certificates.export.copy')}>
                        <span>
                          <IconButton
                            edge="end"
                            disabled={password === ''}
                            onClick={() => void navigator.clipboard.writeText(password)}
                            aria-label={t('certificates.export.copy')}
                          >
                            <ContentCopyIcon fontSize="small" />
                          </IconButton>
                        </span>
                      </Tooltip>
                    </InputAdornment>
                  ),
                },
              }}
            />
            <Button
              variant="outlined"
              startIcon={<PasswordIcon />}
              onClick={() => {
                setPassword(generateExportPassword())
                setVisible(true)
              }}
              sx={{ whiteSpace: 'nowrap', flexShrink: 0, height: 40 }}
              data-testid="export-generate"
            >
              {t('certificates.export.generate')}
            </Button>
          </Stack>
          <Box component="ul" sx={{ m: 0, pl: 0, listStyle: 'none' }} data-testid="export-rules">
            {rules.map((rule) => {
              const ok = !broken.has(rule)
              return (
                <Box
                  component="li"
                  key={rule}
                  sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.25 }}
                  data-testid={`export-rule-${rule}`}
                  data-ok={ok ? 'true' : 'false'}
                >
                  {ok ? (
                    <CheckCircleOutlineIcon fontSize="small" color="success" />
                  ) : (
                    <HighlightOffIcon fontSize="small" color={password ? 'error' : 'disabled'} />
                  )}
                  <Typography
                    variant="body2"
                    color={ok ? 'text.primary' : password ? 'error' : 'text.secondary'}
                  >
                    {t(`errors.${exportPasswordRuleCodes[rule]}`)}
                  </Typography>
                </Box>
              )
            })}
          </Box>
          <Typography variant="caption" color="text.secondary">
            {t('certificates.export.rememberPassword')}
          </Typography>
        </>
      )}
    </FormDialog>
  )
}
