import AddIcon from '@mui/icons-material/Add'
import MoreVertIcon from '@mui/icons-material/MoreVert'
import SearchIcon from '@mui/icons-material/Search'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import IconButton from '@mui/material/IconButton'
import InputAdornment from '@mui/material/InputAdornment'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemText from '@mui/material/ListItemText'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { matchesCompanySearch } from '../../../../shared/domain/company-search'
import { visibleText } from '../../../../shared/domain/visible-text'
import { api } from '../../api'
import { useNow } from '../../hooks/useNow'
import { useCompanies } from '../../store/companies'
import { CompanyBadges } from './CompanyBadges'
import { EnvironmentChip } from './EnvironmentChip'

export function CompanyList({ onAdd, onImport }: { onAdd: () => void; onImport: () => void }) {
  const { t } = useTranslation()
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null)
  const closeMenu = () => setMenuAnchor(null)
  const { companies, selectedId, query, statuses, select, setQuery } = useCompanies()
  const now = useNow(60_000)
  const visible = companies.filter((company) => matchesCompanySearch(company, query))

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
        <TextField
          size="small"
          placeholder={t('companies.search')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          slotProps={{
            htmlInput: { 'aria-label': t('companies.search'), 'data-testid': 'company-search' },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
        />
        <Typography variant="caption" color="text.secondary">
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
      <List dense sx={{ overflowY: 'auto', flex: 1, pt: 0 }} data-testid="company-list">
        {visible.map((company) => (
          <ListItem key={company.id} disablePadding>
            <ListItemButton
              selected={company.id === selectedId}
              onClick={() => select(company.id)}
              data-testid="company-item"
              sx={
                company.environment === 'Production'
                  ? { borderLeft: 3, borderColor: 'error.main' }
                  : { borderLeft: 3, borderColor: 'transparent' }
              }
            >
              <ListItemText
                primary={visibleText(company.name)}
                secondary={`${t(`identifier.${company.identifier.type}`)} ${company.identifier.value}`}
                slotProps={{
                  primary: {
                    noWrap: true,
                    title: visibleText(company.name),
                    sx: { fontWeight: 600 },
                  },
                }}
              />
              <Stack spacing={0.5} sx={{ alignItems: 'flex-end', ml: 1 }}>
                <EnvironmentChip environment={company.environment} />
                <CompanyBadges status={statuses[company.id]} now={now} />
              </Stack>
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </Box>
  )
}
