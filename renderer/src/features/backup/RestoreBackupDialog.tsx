import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  ConflictResolution,
  preferencesConflictKey,
  type BackupPreview,
  type BackupRestoreResult,
} from '../../../../shared/domain/backup'
import type { FilePayload } from '../../../../shared/domain/credentials'
import { api } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { FilePickerField } from '../../components/FilePickerField'
import { FormDialog } from '../../components/FormDialog'
import { formatDateTime } from '../../format'
import { useApp } from '../../store/app'

function ResolutionSelect({
  value,
  onChange,
  testId,
}: {
  value: ConflictResolution
  onChange: (value: ConflictResolution) => void
  testId: string
}) {
  const { t } = useTranslation()
  return (
    <TextField
      select
      size="small"
      value={value}
      onChange={(event) => {
        const parsed = ConflictResolution.safeParse(event.target.value)
        if (parsed.success) onChange(parsed.data)
      }}
      slotProps={{ select: { SelectDisplayProps: { 'data-testid': testId } as object } }}
    >
      {ConflictResolution.options.map((option) => (
        <MenuItem key={option} value={option}>
          {t(`backup.restore.resolution.${option}`)}
        </MenuItem>
      ))}
    </TextField>
  )
}

/**
 * Przywróć z kopii: the file and its passphrase, a preview of what comes in with keep or replace
 * for each company that is here already, then Przywróć; nothing changes before it.
 */
export function RestoreBackupDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const [file, setFile] = useState<FilePayload>()
  const [passphrase, setPassphrase] = useState('')
  const [preview, setPreview] = useState<BackupPreview>()
  const [previewError, setPreviewError] = useState<unknown>()
  const [reading, setReading] = useState(false)
  const [resolutions, setResolutions] = useState<Record<string, ConflictResolution>>({})
  const [result, setResult] = useState<BackupRestoreResult>()

  const forget = () => {
    setPreview(undefined)
    setPreviewError(undefined)
    setResolutions({})
  }
  const read = () => {
    if (!file) return
    forget()
    setReading(true)
    api
      .invoke('backup:preview', { file, passphrase })
      .then((read) => {
        setPreview(read)
        // Keep is chosen for every conflict until the user says otherwise.
        setResolutions(Object.fromEntries(read.conflicts.map((key) => [key, 'keep' as const])))
      }, setPreviewError)
      .finally(() => setReading(false))
  }
  const resolve = (key: string) => (value: ConflictResolution) =>
    setResolutions((current) => ({ ...current, [key]: value }))

  return (
    <FormDialog
      title={t('backup.restore.title')}
      submitLabel={t('backup.restore.submit')}
      canSubmit={preview !== undefined && !result}
      onSubmit={async () => {
        if (!preview) return
        setResult(await api.invoke('backup:restore', { previewId: preview.previewId, resolutions }))
      }}
      closeOnSuccess={false}
      hideSubmit={result !== undefined}
      cancelLabel={result ? t('backup.close') : undefined}
      onClose={onClose}
      maxWidth="md"
      testId="backup-restore"
    >
      <Typography variant="body2">{t('backup.restore.help')}</Typography>
      <FilePickerField
        label={t('backup.restore.file')}
        accept=".ksefbackup"
        file={file}
        onPick={(picked) => {
          setFile(picked)
          forget()
        }}
        testId="backup-restore-file"
      />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <TextField
          type="password"
          label={t('backup.passphrase')}
          value={passphrase}
          onChange={(event) => {
            setPassphrase(event.target.value)
            forget()
          }}
          fullWidth
          size="small"
          autoComplete="off"
          disabled={result !== undefined}
          slotProps={{ htmlInput: { 'data-testid': 'backup-restore-passphrase' } }}
        />
        <Button
          variant="outlined"
          onClick={read}
          disabled={!file || passphrase === '' || reading || result !== undefined}
          sx={{ whiteSpace: 'nowrap', flexShrink: 0, height: 40 }}
          data-testid="backup-restore-read"
        >
          {t('backup.restore.read')}
        </Button>
      </Stack>
      {previewError !== undefined && (
        <ErrorAlert error={previewError} testId="backup-restore-preview-error" />
      )}
      {preview && (
        <>
          <Alert severity="info" data-testid="backup-restore-summary">
            {t('backup.restore.summary', {
              createdAt: formatDateTime(preview.createdAt, language),
              companies: preview.companies.length,
              identities: preview.identities.length,
              certificates: preview.certificates,
              tokens: preview.tokens,
            })}
          </Alert>
          <TableContainer sx={{ maxHeight: 320 }}>
            <Table size="small" stickyHeader data-testid="backup-restore-companies">
              <TableHead>
                <TableRow>
                  <TableCell>{t('backup.restore.columns.name')}</TableCell>
                  <TableCell>{t('backup.restore.columns.identifier')}</TableCell>
                  <TableCell>{t('backup.restore.columns.environment')}</TableCell>
                  <TableCell>{t('backup.restore.columns.credentials')}</TableCell>
                  <TableCell>{t('backup.restore.columns.conflict')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {preview.companies.map((company) => (
                  <TableRow
                    key={company.companyKey}
                    data-testid="backup-restore-company"
                    data-conflict={company.existing !== null}
                  >
                    <TableCell sx={{ maxWidth: 240, overflowWrap: 'anywhere' }}>
                      {company.name}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {t(`identifier.${company.identifier.type}`)} {company.identifier.value}
                    </TableCell>
                    <TableCell>{t(`environment.${company.environment}`)}</TableCell>
                    <TableCell>
                      {t('backup.restore.credentials', {
                        certificates: company.certificates,
                        tokens: company.tokens,
                      })}
                      {company.identityName !== null &&
                        ` · ${t('backup.restore.identity', { name: company.identityName })}`}
                    </TableCell>
                    <TableCell>
                      {company.existing ? (
                        <Stack spacing={0.5}>
                          <Typography variant="body2">
                            {t('backup.restore.existing', { name: company.existing.name })}
                          </Typography>
                          <ResolutionSelect
                            value={resolutions[company.companyKey] ?? 'keep'}
                            onChange={resolve(company.companyKey)}
                            testId={`backup-restore-resolution-${company.companyKey}`}
                          />
                        </Stack>
                      ) : (
                        t('backup.restore.new')
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {preview.identities.length > 0 && (
            <Typography variant="body2" data-testid="backup-restore-identities">
              {t('backup.restore.identities', {
                names: preview.identities
                  .map((identity) =>
                    identity.alreadyHere
                      ? t('backup.restore.identityHere', { name: identity.name })
                      : identity.name,
                  )
                  .join(', '),
              })}
            </Typography>
          )}
          {preview.preferencesDiffer && (
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <Typography variant="body2">{t('backup.restore.preferences')}</Typography>
              <ResolutionSelect
                value={resolutions[preferencesConflictKey] ?? 'keep'}
                onChange={resolve(preferencesConflictKey)}
                testId="backup-restore-resolution-preferences"
              />
            </Stack>
          )}
        </>
      )}
      {result && (
        <Alert severity="success" data-testid="backup-restore-result">
          {t('backup.restore.done', {
            added: result.added.length,
            replaced: result.replaced.length,
            kept: result.kept.length,
          })}
        </Alert>
      )}
    </FormDialog>
  )
}
