import AddIcon from '@mui/icons-material/Add'
import MoreVertIcon from '@mui/icons-material/MoreVert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import IconButton from '@mui/material/IconButton'
import List from '@mui/material/List'
import ListItemButton from '@mui/material/ListItemButton'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Company, CompanyIdentifierType } from '../../../../shared/domain/company'
import type { Environment } from '../../../../shared/domain/environment'
import { companySearch } from '../../../../shared/domain/company-search'
import { visibleText } from '../../../../shared/domain/visible-text'
import { api } from '../../api'
import { SearchField } from '../../components/SearchField'
import { useNow } from '../../hooks/useNow'
import { useCompanies, useCompanyStatus } from '../../store/companies'
import { CompanyBadges } from './CompanyBadges'
import { EnvironmentChipView } from './EnvironmentChip'

/** A row with no badges; rows with badges are measured as they render. */
const estimatedRowPx = 60

const rowStyle = { position: 'absolute', top: 0, left: 0, right: 0 } as const
// The same objects each render: emotion serialises them once.
const rowButtonSx = {
  borderLeft: 3,
  borderColor: 'transparent',
  alignItems: 'flex-start',
  gap: 1,
} as const
const productionRowSx = { ...rowButtonSx, borderColor: 'error.main' } as const
// The rows' texts are plain elements styled once here: a keystroke mounts a dozen rows, and a
// Typography each would be two more styled components per row. The height changes with the
// count, so it is a plain style: in sx it would be a new class for emotion at every count.
const listSx = {
  position: 'relative',
  '& .company-row-name, & .company-row-identifier': { typography: 'body2', margin: 0 },
  '& .company-row-name': {
    fontWeight: 600,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  '& .company-row-identifier': {
    color: 'text.secondary',
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
  },
} as const

/** The words every row shows, translated once for the list. */
interface RowLabels {
  identifier: Record<CompanyIdentifierType, string>
  environment: Record<Environment, string>
}

export function CompanyList({ onAdd, onImport }: { onAdd: () => void; onImport: () => void }) {
  const { t } = useTranslation()
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null)
  const closeMenu = () => setMenuAnchor(null)
  // Selectors, not the whole store: a pushed badge re-renders its own row only.
  const companies = useCompanies((state) => state.companies)
  const query = useCompanies((state) => state.query)
  const setQuery = useCompanies((state) => state.setQuery)
  const search = useMemo(() => companySearch(companies), [companies])
  const visible = useMemo(() => search(query), [search, query])

  return (
    <Box
      component="nav"
      aria-label={t('app.title')}
      sx={{ display: 'flex', flexDirection: 'column', height: '100%' }}
    >
      <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        <Stack direction="row" spacing={1}>
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={onAdd}
            data-testid="add-company"
            sx={{ flex: 1 }}
          >
            {t('companies.add')}
          </Button>
          <IconButton
            aria-label={t('companies.more')}
            title={t('companies.more')}
            onClick={(event) => setMenuAnchor(event.currentTarget)}
            data-testid="company-list-more"
          >
            <MoreVertIcon />
          </IconButton>
        </Stack>
        <Menu anchorEl={menuAnchor} open={menuAnchor !== null} onClose={closeMenu}>
          <MenuItem
            onClick={() => {
              closeMenu()
              onImport()
            }}
            data-testid="import-companies"
          >
            {t('companies.import')}
          </MenuItem>
          <MenuItem
            disabled={companies.length === 0}
            onClick={() => {
              closeMenu()
              void api.invoke('companies:exportCsv', {})
            }}
            data-testid="export-companies"
          >
            {t('companies.exportCsv')}
          </MenuItem>
          <MenuItem
            onClick={() => {
              closeMenu()
              void api.invoke('companies:csvTemplate')
            }}
          >
            {t('companies.template')}
          </MenuItem>
        </Menu>
        <SearchField
          label={t('companies.search')}
          value={query}
          onChange={setQuery}
          testId="company-search"
        />
        <Typography variant="caption" color="text.secondary" data-testid="companies-count">
          {t('companies.count', { count: visible.length })}
        </Typography>
      </Box>
      {/* Under the search field, where the eye is after typing, not at the foot of the panel. */}
      {companies.length === 0 ? (
        <Typography sx={{ px: 2, pb: 2 }} color="text.secondary" data-testid="companies-empty">
          {t('companies.empty')}
        </Typography>
      ) : visible.length === 0 ? (
        <Typography sx={{ px: 2, pb: 2 }} color="text.secondary" data-testid="companies-no-match">
          {t('companies.noMatch', { query })}
        </Typography>
      ) : null}
      <CompanyRows companies={visible} />
    </Box>
  )
}

/**
 * Only the rows in sight (and a few either side) are in the page: 2,000 companies scroll and
 * filter as 20 do. Each row is a tab stop as before; the arrow keys, Home and End move between
 * rows, bringing the next one into the window first.
 */
function CompanyRows({ companies }: { companies: readonly Company[] }) {
  const scroller = useRef<HTMLDivElement>(null)
  const now = useNow(60_000)
  const select = useCompanies((state) => state.select)
  // Translated here once for every row: useTranslation per row is the dearest part of a mount.
  const { t } = useTranslation()
  const labels = useMemo(
    (): RowLabels => ({
      identifier: { Nip: t('identifier.Nip'), InternalId: t('identifier.InternalId') },
      environment: {
        Test: t('environment.short.Test'),
        Demo: t('environment.short.Demo'),
        Production: t('environment.short.Production'),
      },
    }),
    [t],
  )
  const [focusIndex, setFocusIndex] = useState<number>()
  // eslint-disable-next-line react-hooks/incompatible-library -- its functions are read in render by design
  const rows = useVirtualizer({
    count: companies.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimatedRowPx,
    overscan: 3,
    getItemKey: (index) => companies[index]?.id ?? index,
  })

  const items = rows.getVirtualItems()

  // The row asked for by a key is rendered once scrolled to; then it takes the focus.
  useLayoutEffect(() => {
    if (focusIndex === undefined) return
    const row = scroller.current?.querySelector<HTMLElement>(
      `[data-index="${focusIndex}"] [data-testid="company-item"]`,
    )
    if (row) {
      row.focus()
      setFocusIndex(undefined)
    }
  }, [focusIndex, items])

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const current = (event.target as HTMLElement).closest<HTMLElement>('[data-index]')
    if (!current) return
    const index = Number(current.dataset['index'])
    const next =
      event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowUp'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? companies.length - 1
              : undefined
    if (next === undefined || next < 0 || next >= companies.length) return
    event.preventDefault()
    rows.scrollToIndex(next)
    setFocusIndex(next)
  }

  return (
    <Box ref={scroller} sx={{ overflowY: 'auto', flex: 1, minHeight: 0 }}>
      <List
        dense
        disablePadding
        data-testid="company-list"
        onKeyDown={onKeyDown}
        sx={listSx}
        style={{ height: rows.getTotalSize() }}
      >
        {items.map((item) => {
          const company = companies[item.index]
          if (!company) return null
          return (
            // Plain styles, not sx: each position would be a new class for emotion to make.
            <li
              key={item.key}
              data-index={item.index}
              ref={rows.measureElement}
              style={{ ...rowStyle, transform: `translateY(${item.start}px)` }}
            >
              <CompanyRow company={company} now={now} onSelect={select} labels={labels} t={t} />
            </li>
          )
        })}
      </List>
    </Box>
  )
}

/** One company: reads its own badges and whether it is the one selected, nothing else. */
const CompanyRow = memo(function CompanyRow({
  company,
  now,
  onSelect,
  labels,
  t,
}: {
  company: Company
  now: number
  onSelect: (id: string) => void
  labels: RowLabels
  t: TFunction
}) {
  const status = useCompanyStatus(company.id)
  const selected = useCompanies((state) => state.selectedId === company.id)
  const name = visibleText(company.name)
  return (
    <ListItemButton
      selected={selected}
      onClick={() => onSelect(company.id)}
      data-testid="company-item"
      sx={company.environment === 'Production' ? productionRowSx : rowButtonSx}
      // The ripple is a component per row; the selected and focused states still show.
      disableRipple
    >
      <div style={{ flex: 1, minWidth: 0, padding: '2px 0' }}>
        <p title={name} className="company-row-name MuiListItemText-primary">
          {name}
        </p>
        {/* An identifier is read and copied whole: it never breaks across lines. */}
        <p className="company-row-identifier" data-testid="company-item-identifier">
          {labels.identifier[company.identifier.type]} {company.identifier.value}
        </p>
        <CompanyBadges status={status} now={now} t={t} />
      </div>
      <div style={{ paddingTop: 2, flexShrink: 0 }}>
        <EnvironmentChipView
          environment={company.environment}
          label={labels.environment[company.environment]}
        />
      </div>
    </ListItemButton>
  )
})
