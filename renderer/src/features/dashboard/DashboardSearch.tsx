import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { DashboardRow, DashboardTile } from '../../../../shared/domain/dashboard'
import { SearchField } from '../../components/SearchField'
import { useDashboard } from '../../store/dashboard'

/**
 * The Pulpit's search field and how many companies it leaves: on a keystroke this renders, and
 * the grid's rows, which follow the query in the store by themselves (DashboardView).
 */
export function DashboardSearch({
  search,
  tile,
  total,
}: {
  search: (tile: DashboardTile | null, query: string) => DashboardRow[]
  tile: DashboardTile | null
  total: number
}) {
  const { t } = useTranslation()
  const query = useDashboard((state) => state.query)
  const setQuery = useDashboard((state) => state.setQuery)
  const shown = search(tile, query).length
  return (
    <>
      <SearchField
        label={t('dashboard.search')}
        value={query}
        onChange={setQuery}
        testId="dashboard-search"
        width={280}
      />
      <Typography
        variant="body2"
        color="text.secondary"
        data-testid="dashboard-shown"
        data-count={shown}
      >
        {t('dashboard.shown', { shown, total })}
      </Typography>
    </>
  )
}
