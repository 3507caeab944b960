import DownloadIcon from '@mui/icons-material/Download'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import {
  DataGrid,
  GRID_CHECKBOX_SELECTION_FIELD,
  gridFilteredSortedRowIdsSelector,
  useGridApiRef,
} from '@mui/x-data-grid'
import { enUS, plPL } from '@mui/x-data-grid/locales'
import { useEffect, useMemo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { dashboardSearch, type DashboardRow } from '../../../../shared/domain/dashboard'
import { api } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useApp } from '../../store/app'
import { useCompanies } from '../../store/companies'
import { followDashboardChanges, useDashboard } from '../../store/dashboard'
import { useView } from '../../store/view'
import { dashboardColumns } from './columns'
import { DashboardSearch } from './DashboardSearch'
import { DashboardTiles } from './DashboardTiles'
import { ExpiryChart } from './ExpiryChart'

const gridLocales = {
  pl: plPL.components.MuiDataGrid.defaultProps.localeText,
  en: enUS.components.MuiDataGrid.defaultProps.localeText,
}

const quickFilter = (query: string): string[] => (query === '' ? [] : [query])

/** That company's tabs, in the companies view. */
function openCompany(companyId: string): void {
  useCompanies.getState().select(companyId)
  useView.getState().show('companies')
}

/**
 * Pulpit: every company's credential health. `selectionActions` renders the bulk actions for the
 * ticked companies (e.g. assigning an identity), beside the count of them.
 */
export function DashboardView({
  selectionActions,
}: {
  selectionActions?: (companyIds: readonly string[]) => ReactNode
}) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const view = useDashboard((state) => state.view)
  const error = useDashboard((state) => state.error)
  const tile = useDashboard((state) => state.tile)
  const selectedIds = useDashboard((state) => state.selectedIds)
  const { setTile, setSelected, load } = useDashboard.getState()
  const apiRef = useGridApiRef()

  useEffect(() => {
    void load()
    return followDashboardChanges()
  }, [load])

  // The grid's quick filter follows the query in the update of the keystroke itself. The Pulpit
  // reads only whether the query leaves any company: a keystroke renders the search field and
  // the grid's rows, not the tiles, the chart, or the grid's props (which render every cell).
  useEffect(
    () =>
      useDashboard.subscribe((state, previous) => {
        if (state.query !== previous.query)
          apiRef.current?.setQuickFilterValues(quickFilter(state.query))
      }),
    [apiRef],
  )

  const search = useMemo(() => dashboardSearch(view?.rows ?? []), [view])
  // A tile gives the grid other rows; a keystroke of the search only filters the same rows
  // (the grid's quick filter over the shared search), which keeps it within a frame.
  const rows = useMemo(() => search(tile, ''), [search, tile])
  const nothingShown = useDashboard((state) => search(tile, state.query).length === 0)
  const columns = useMemo(
    () =>
      dashboardColumns(
        t,
        language,
        (text) => new Set(search(null, text).map((row) => row.companyId)),
      ),
    [t, language, search],
  )

  const exportView = () => {
    const companyIds = gridFilteredSortedRowIdsSelector(apiRef).map(String)
    void api.invoke('dashboard:exportCsv', { companyIds })
  }

  return (
    <Box
      sx={{
        display: 'flex',
        flexDirection: 'column',
        gap: 2,
        p: 2,
        flex: 1,
        minHeight: 0,
        overflowY: 'auto',
      }}
      data-testid="dashboard"
    >
      {error !== undefined && <ErrorAlert error={error} testId="dashboard-error" />}
      {view && (
        <>
          <Stack
            direction="row"
            spacing={2}
            sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 2 }}
          >
            <Box sx={{ flex: '1 1 480px', minWidth: 0 }}>
              <DashboardTiles
                counts={view.tiles}
                total={view.rows.length}
                tile={tile}
                onChange={setTile}
              />
            </Box>
            <Box sx={{ flex: '1 1 360px', minWidth: 0 }}>
              <ExpiryChart months={view.months} language={language} />
            </Box>
          </Stack>
          <Stack
            direction="row"
            spacing={2}
            sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}
          >
            <DashboardSearch search={search} tile={tile} total={view.rows.length} />
            {selectedIds.length > 0 && (
              <Typography variant="body2" data-testid="dashboard-selected">
                {t('dashboard.selected', { count: selectedIds.length })}
              </Typography>
            )}
            {selectedIds.length > 0 && selectionActions?.(selectedIds)}
            <Box sx={{ flex: 1 }} />
            <Button
              variant="outlined"
              startIcon={<DownloadIcon />}
              onClick={exportView}
              disabled={nothingShown}
              data-testid="dashboard-export"
            >
              {t('dashboard.exportCsv')}
            </Button>
          </Stack>
          <Box sx={{ flex: 1, minHeight: 360 }} data-testid="dashboard-grid">
            <DataGrid<DashboardRow>
              apiRef={apiRef}
              rows={rows}
              columns={columns}
              getRowId={(row) => row.companyId}
              localeText={gridLocales[language]}
              density="compact"
              checkboxSelection
              disableRowSelectionOnClick
              pageSizeOptions={[25, 50, 100]}
              initialState={{
                pagination: { paginationModel: { pageSize: 100 } },
                filter: {
                  filterModel: {
                    items: [],
                    quickFilterValues: quickFilter(useDashboard.getState().query),
                  },
                },
              }}
              // Ticks made under one search stay when the user searches for the next company.
              keepNonExistentRowsSelected
              onRowSelectionModelChange={(model) =>
                setSelected(
                  model.type === 'include'
                    ? Array.from(model.ids, String)
                    : rows.map((row) => row.companyId).filter((id) => !model.ids.has(id)),
                )
              }
              onCellClick={(params) => {
                if (params.field !== GRID_CHECKBOX_SELECTION_FIELD) openCompany(String(params.id))
              }}
              onCellKeyDown={(params, event) => {
                if (event.key === 'Enter' && params.field !== GRID_CHECKBOX_SELECTION_FIELD)
                  openCompany(String(params.id))
              }}
              getRowClassName={() => 'dashboard-row'}
              aria-label={t('dashboard.gridLabel')}
              columnHeaderHeight={56}
              sx={{
                // Headers wrap onto two lines rather than being cut at 1024 px.
                '& .MuiDataGrid-columnHeaderTitle': { whiteSpace: 'normal', lineHeight: 1.25 },
                '& .dashboard-cell-text': {
                  display: 'block',
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                  whiteSpace: 'nowrap',
                },
                '& .dashboard-ksef-code': { textDecoration: 'underline dotted' },
                // The sort and menu buttons of a header are 0 px wide until hovered: clipped, they
                // do not spill out of it; the resize handle stays inside its header's edge.
                '& .MuiDataGrid-iconButtonContainer, & .MuiDataGrid-menuIcon': {
                  overflow: 'hidden',
                },
                '& .MuiDataGrid-columnSeparator--sideRight': { right: 0, transform: 'none' },
              }}
            />
          </Box>
        </>
      )}
    </Box>
  )
}
