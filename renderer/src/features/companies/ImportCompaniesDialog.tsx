import DownloadIcon from '@mui/icons-material/Download'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import FormControlLabel from '@mui/material/FormControlLabel'
import Switch from '@mui/material/Switch'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CompanyImportPreview, ImportRow } from '../../../../shared/domain/company-import'
import type { FilePayload } from '../../../../shared/domain/credentials'
import { api } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { FilePickerField } from '../../components/FilePickerField'
import { FormDialog } from '../../components/FormDialog'

function Verdict({ row }: { row: ImportRow }) {
  const { t } = useTranslation()
  if (row.verdict === 'OK')
    return <Chip size="small" color="success" label={t('companyImport.verdicts.OK')} />
  return (
    <Typography variant="body2" color="error">
      {t(`companyImport.verdicts.${row.verdict}`, {
        line: row.duplicateOfLine,
        name: row.existingName,
        environment: row.environment,
      })}
    </Typography>
  )
}

/** Importuj firmy z CSV: pick a file, see every row's verdict, add the good rows in one go. */
export function ImportCompaniesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const [file, setFile] = useState<FilePayload>()
  const [preview, setPreview] = useState<CompanyImportPreview>()
  const [previewError, setPreviewError] = useState<unknown>()
  const [skippedOnly, setSkippedOnly] = useState(false)
  const good = preview?.rows.filter((row) => row.verdict === 'OK').length ?? 0
  const rows = preview?.rows.filter((row) => !skippedOnly || row.verdict !== 'OK') ?? []

  const pick = (picked: FilePayload) => {
    setFile(picked)
    setPreview(undefined)
    setPreviewError(undefined)
    api.invoke('companies:importPreview', { file: picked }).then(setPreview, setPreviewError)
  }

  return (
    <FormDialog
      title={t('companyImport.title')}
      submitLabel={t('companyImport.submit', { count: good })}
      canSubmit={file !== undefined && good > 0}
      onSubmit={() => (file ? api.invoke('companies:import', { file }) : Promise.resolve())}
      onClose={onClose}
      maxWidth="md"
      testId="company-import"
      extraActions={
        <Button
          startIcon={<DownloadIcon />}
          onClick={() => void api.invoke('companies:csvTemplate')}
          data-testid="company-import-template"
        >
          {t('companyImport.template')}
        </Button>
      }
    >
      <Typography variant="body2">{t('companyImport.help')}</Typography>
      <FilePickerField
        label={t('companyImport.file')}
        accept=".csv,text/csv"
        file={file}
        onPick={pick}
        testId="company-import-file"
      />
      {previewError !== undefined && (
        <ErrorAlert error={previewError} testId="company-import-preview-error" />
      )}
      {preview && (
        <>
          <Alert severity={good > 0 ? 'info' : 'warning'} data-testid="company-import-summary">
            {t('companyImport.summary', {
              count: preview.rows.length,
              good,
              skipped: preview.rows.length - good,
              encoding: t(`companyImport.encodings.${preview.encoding}`),
              separator: preview.separator,
            })}
          </Alert>
          <FormControlLabel
            control={
              <Switch
                checked={skippedOnly}
                onChange={(event) => setSkippedOnly(event.target.checked)}
              />
            }
            label={t('companyImport.skippedOnly')}
          />
          <TableContainer sx={{ maxHeight: 320 }}>
            <Table size="small" stickyHeader data-testid="company-import-rows">
              <TableHead>
                <TableRow>
                  <TableCell>{t('companyImport.columns.line')}</TableCell>
                  <TableCell>{t('companyImport.columns.name')}</TableCell>
                  <TableCell>{t('companyImport.columns.identifier')}</TableCell>
                  <TableCell>{t('companyImport.columns.environment')}</TableCell>
                  <TableCell>{t('companyImport.columns.verdict')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow
                    key={row.line}
                    data-testid="company-import-row"
                    data-verdict={row.verdict}
                  >
                    <TableCell>{row.line}</TableCell>
                    <TableCell sx={{ maxWidth: 240, overflowWrap: 'anywhere' }}>
                      {row.name}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.identifier}</TableCell>
                    <TableCell>{row.environment}</TableCell>
                    <TableCell>
                      <Verdict row={row} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
    </FormDialog>
  )
}
