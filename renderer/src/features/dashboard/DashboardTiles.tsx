import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import {
  dashboardTiles,
  type DashboardTile,
  type DashboardTileCounts,
} from '../../../../shared/domain/dashboard'

/** The counts that need attention; choosing one filters the grid, "Wszystkie" shows every company. */
// Memoized: a keystroke of the search leaves the tiles as they are.
export const DashboardTiles = memo(function DashboardTiles({
  counts,
  total,
  tile,
  onChange,
}: {
  counts: DashboardTileCounts
  total: number
  tile: DashboardTile | null
  onChange: (tile: DashboardTile | null) => void
}) {
  const { t } = useTranslation()
  const tiles: { value: DashboardTile | 'all'; count: number }[] = [
    { value: 'all', count: total },
    ...dashboardTiles.map((value) => ({ value, count: counts[value] })),
  ]
  return (
    <ToggleButtonGroup
      exclusive
      value={tile ?? 'all'}
      onChange={(_event, value: DashboardTile | 'all' | null) => {
        // Clicking the chosen tile again leaves it chosen: "Wszystkie" is the way back.
        if (value !== null) onChange(value === 'all' ? null : value)
      }}
      aria-label={t('dashboard.tilesLabel')}
      sx={{
        flexWrap: 'wrap',
        gap: 1,
        '& .MuiToggleButtonGroup-grouped': { border: 1, borderColor: 'divider', borderRadius: 1 },
      }}
      data-testid="dashboard-tiles"
    >
      {tiles.map(({ value, count }) => (
        <ToggleButton
          key={value}
          value={value}
          data-testid={`dashboard-tile-${value}`}
          data-count={count}
          sx={{
            flexDirection: 'column',
            alignItems: 'flex-start',
            textTransform: 'none',
            color: 'text.primary',
            minWidth: 112,
            px: 1.5,
            py: 0.75,
          }}
        >
          <Typography variant="h6" component="span" sx={{ lineHeight: 1.2 }}>
            {count}
          </Typography>
          <Typography variant="caption" component="span">
            {t(`dashboard.tiles.${value}`)}
          </Typography>
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  )
})
