import DownloadIcon from '@mui/icons-material/Download'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import FormControlLabel from '@mui/material/FormControlLabel'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Switch from '@mui/material/Switch'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import { DataGrid, type GridColDef } from '@mui/x-data-grid'
import { enUS, plPL } from '@mui/x-data-grid/locales'
import type { TFunction } from 'i18next'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { bulkJobFinished, type BulkRow } from '../../../../shared/domain/bulk'
import type { Language } from '../../../../shared/domain/preferences'
import { explainKsefCode } from '../../../../shared/ksef/codes'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../format'
import { useApp } from '../../store/app'
import { useJobs } from '../../store/jobs'
import { estimateText, rowResultText } from './job-texts'

const gridLocales = {
  pl: plPL.components.MuiDataGrid.defaultProps.localeText,
  en: enUS.components.MuiDataGrid.defaultProps.localeText,
}
const noRows: BulkRow[] = []

/** One job: its progress and estimate, Anuluj, its results as CSV, a live row per company. */
export function JobPanel({ jobId }: { jobId: string }) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const job = useJobs((state) => state.jobs.find((each) => each.id === jobId))
  const rows = useJobs((state) => state.rows[jobId] ?? noRows)
  const { cancel, exportCsv } = useJobs.getState()
  const [error, setError] = useState<unknown>()
  const [failedOnly, setFailedOnly] = useState(false)
  const shownRows = useMemo(
    () => (failedOnly ? rows.filter((row) => row.state === 'failed') : rows),
    [rows, failedOnly],
  )
  const columns = useMemo(() => jobColumns(t, language), [t, language])
  if (!job) return null

  const { counts } = job
  const finished = counts.done + counts.failed + counts.skipped + counts.cancelled
  const running = !bulkJobFinished(job.state)
  const act = (work: () => Promise<void>) => {
    setError(undefined)
    work().catch(setError)
  }

  return (
    <>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h6" component="h2" data-testid="job-title">
          {t(`jobs.action.${job.action}`)}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="job-state">
          {t(`jobs.jobState.${job.state}`)} · {formatDateTime(job.createdAt, language)}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {running && (
          <Button
            variant="outlined"
            color="error"
            disabled={job.state === 'cancelling'}
            onClick={() => act(() => cancel(job.id))}
            data-testid="job-cancel"
          >
            {t('jobs.cancel')}
          </Button>
        )}
        <Button
          variant="outlined"
          startIcon={<DownloadIcon />}
          onClick={() => act(() => exportCsv(job.id))}
          data-testid="job-export"
        >
          {t('jobs.exportCsv')}
        </Button>
      </Stack>
      {error !== undefined && <ErrorAlert error={error} testId="job-error" />}
      <Box>
        <LinearProgress
          variant="determinate"
          value={counts.total === 0 ? 0 : (100 * finished) / counts.total}
          aria-label={t('jobs.progressLabel')}
          data-testid="job-progress"
          data-finished={finished}
        />
        <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="body2" data-testid="job-counts">
            {t('jobs.counts', { finished, ...counts })}
          </Typography>
          {running && job.estimateMs !== null && (
            <Typography variant="body2" color="text.secondary" data-testid="job-estimate">
              {estimateText(t, job.estimateMs)}
            </Typography>
          )}
          <Box sx={{ flex: 1 }} />
          <FormControlLabel
            control={
              <Switch
                size="small"
                checked={failedOnly}
                onChange={(event) => setFailedOnly(event.target.checked)}
                data-testid="job-failed-only"
              />
            }
            label={t('jobs.failedOnly')}
          />
        </Stack>
      </Box>
      <Box sx={{ flex: 1, minHeight: 320 }}>
        <DataGrid<BulkRow>
          rows={shownRows}
          columns={columns}
          getRowId={(row) => row.companyId}
          localeText={gridLocales[language]}
          density="compact"
          disableRowSelectionOnClick
          pageSizeOptions={[25, 50, 100]}
          initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
          getRowClassName={(params) => `job-row job-row-${params.row.state}`}
          // A failure is read whole (what failed, KSeF's code and its meaning); the rest fit a line.
          getRowHeight={({ model }) => (model.state === 'failed' ? 'auto' : null)}
          sx={{
            '& .job-row-failed .MuiDataGrid-cell': { py: 0.75, whiteSpace: 'normal' },
            '& .job-row-failed': { color: 'error.dark' },
          }}
          aria-label={t('jobs.gridLabel')}
        />
      </Box>
    </>
  )
}

function jobColumns(t: TFunction, language: Language): GridColDef<BulkRow>[] {
  return [
    { field: 'name', headerName: t('jobs.column.name'), flex: 1, minWidth: 180 },
    { field: 'identifier', headerName: t('jobs.column.identifier'), width: 130 },
    {
      field: 'state',
      headerName: t('jobs.column.state'),
      width: 120,
      type: 'singleSelect',
      valueOptions: ['waiting', 'working', 'done', 'failed', 'skipped', 'cancelled'].map(
        (value) => ({ value, label: t(`jobs.rowState.${value}`) }),
      ),
      renderCell: ({ row }) => (
        <span data-testid="job-row-state">{t(`jobs.rowState.${row.state}`)}</span>
      ),
    },
    {
      field: 'result',
      headerName: t('jobs.column.result'),
      flex: 2,
      minWidth: 260,
      valueGetter: (_value, row) => rowResultText(t, row, language),
      renderCell: ({ value }) => (
        <span title={String(value)} data-testid="job-row-result">
          {String(value)}
        </span>
      ),
    },
    {
      field: 'ksef',
      headerName: t('jobs.column.ksef'),
      width: 100,
      valueGetter: (_value, row) => row.ksef?.code ?? '',
      renderCell: ({ row }) => {
        if (!row.ksef) return null
        const explained = explainKsefCode(row.ksef.kind, row.ksef.code)[language]
        return (
          <Tooltip title={`${explained.title}. ${explained.explanation} ${explained.fix}`}>
            <span tabIndex={0} data-testid="job-row-ksef">
              {row.ksef.code}
            </span>
          </Tooltip>
        )
      },
    },
  ]
}
