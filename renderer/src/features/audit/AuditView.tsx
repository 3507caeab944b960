import DownloadIcon from '@mui/icons-material/Download'
import VerifiedIcon from '@mui/icons-material/VerifiedUser'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { DataGrid } from '@mui/x-data-grid'
import { enUS, plPL } from '@mui/x-data-grid/locales'
import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { AuditAction, AuditResult, type AuditRow } from '../../../../shared/domain/audit'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useApp } from '../../store/app'
import { useAudit } from '../../store/audit'
import { useCompanies } from '../../store/companies'
import { auditColumns } from './columns'

const gridLocales = {
  pl: plPL.components.MuiDataGrid.defaultProps.localeText,
  en: enUS.components.MuiDataGrid.defaultProps.localeText,
}

const all = ''

/** Dziennik zdarzeń: every credential action, filtered; the chain checked; the view as CSV. */
export function AuditView() {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const companies = useCompanies((state) => state.companies)
  const { filter, listing, error, verdict, verifying } = useAudit()
  const { load, setFilter, verify, exportCsv } = useAudit.getState()

  useEffect(() => {
    void load()
  }, [load])

  const columns = useMemo(() => auditColumns(t, language), [t, language])
  const sortedCompanies = useMemo(
    () => [...companies].sort((a, b) => a.name.localeCompare(b.name, language)),
    [companies, language],
  )

  return (
    <Box
      sx={{
        display: 'flex',
        flexDirection: 'column',
        gap: 2,
        p: 2,
        flex: 1,
        minHeight: 0,
        minWidth: 0,
      }}
      data-testid="audit"
    >
      <Typography variant="h6" component="h1">
        {t('audit.title')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 2 }}>
        <TextField
          select
          size="small"
          label={t('audit.filter.company')}
          value={filter.companyId ?? all}
          onChange={(event) => setFilter({ companyId: event.target.value || null })}
          sx={{ minWidth: 260 }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          data-testid="audit-filter-company"
        >
          <option value={all}>{t('audit.filter.allCompanies')}</option>
          {sortedCompanies.map((company) => (
            <option key={company.id} value={company.id}>
              {company.name} ({company.identifier.value})
            </option>
          ))}
        </TextField>
        <TextField
          type="date"
          size="small"
          label={t('audit.filter.since')}
          value={filter.sinceDay}
          onChange={(event) => setFilter({ sinceDay: event.target.value })}
          slotProps={{ inputLabel: { shrink: true } }}
          data-testid="audit-filter-since"
        />
        <TextField
          select
          size="small"
          label={t('audit.filter.action')}
          value={filter.action ?? all}
          onChange={(event) =>
            setFilter({ action: AuditAction.safeParse(event.target.value).data ?? null })
          }
          sx={{ minWidth: 220 }}
          data-testid="audit-filter-action"
        >
          <MenuItem value={all}>{t('audit.filter.allActions')}</MenuItem>
          {AuditAction.options.map((action) => (
            <MenuItem key={action} value={action}>
              {t(`audit.actions.${action}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={t('audit.filter.result')}
          value={filter.result ?? all}
          onChange={(event) =>
            setFilter({ result: AuditResult.safeParse(event.target.value).data ?? null })
          }
          sx={{ minWidth: 160 }}
          data-testid="audit-filter-result"
        >
          <MenuItem value={all}>{t('audit.filter.allResults')}</MenuItem>
          {AuditResult.options.map((result) => (
            <MenuItem key={result} value={result}>
              {t(`audit.results.${result}`)}
            </MenuItem>
          ))}
        </TextField>
        <Box sx={{ flex: 1 }} />
        <Button
          variant="outlined"
          startIcon={<VerifiedIcon />}
          onClick={() => void verify()}
          disabled={verifying}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<DownloadIcon />}
          onClick={() => void exportCsv()}
          disabled={!listing || listing.matching === 0}
          data-testid="audit-export"
        >
          {t('audit.exportCsv')}
        </Button>
      </Stack>
      {verdict?.ok === true && (
        <Alert severity="success" data-testid="audit-verdict-ok">
          {t('audit.verdictOk', { count: verdict.lines })}
        </Alert>
      )}
      {verdict?.problem && <ErrorAlert error={verdict.problem} testId="audit-verdict-problem" />}
      {error !== undefined && <ErrorAlert error={error} testId="audit-error" />}
      {listing && listing.matching > listing.entries.length && (
        <Typography variant="body2" color="text.secondary" data-testid="audit-limited">
          {t('audit.limited', { shown: listing.entries.length, count: listing.matching })}
        </Typography>
      )}
      <Box sx={{ flex: 1, minHeight: 360 }} data-testid="audit-grid">
        <DataGrid<AuditRow>
          rows={listing?.entries ?? []}
          columns={columns}
          getRowId={(row) => row.line}
          loading={!listing && error === undefined}
          localeText={{ ...gridLocales[language], noRowsLabel: t('audit.empty') }}
          density="compact"
          disableRowSelectionOnClick
          pageSizeOptions={[25, 50, 100]}
          initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
          getRowClassName={() => 'audit-row'}
          aria-label={t('audit.gridLabel')}
          sx={{
            '& .audit-cell-text': {
              display: 'block',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
            },
            '& .audit-explained': { textDecoration: 'underline dotted' },
            '& .audit-result-failed': { color: 'error.main', fontWeight: 600 },
            '& .audit-result-cancelled': { color: 'warning.dark' },
          }}
        />
      </Box>
    </Box>
  )
}
