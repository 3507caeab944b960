import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { companySearch } from '../../../../shared/domain/company-search'
import { nipsOfText, selectCompanies, type IdentityRow } from '../../../../shared/domain/identities'
import { FormDialog } from '../../components/FormDialog'
import { useCompanies } from '../../store/companies'
import { useIdentities } from '../../store/identities'

type Mode = 'all' | 'nips' | 'search'

// Ticking in a list of thousands: the first matches are shown, the rest is reached by searching.
const shownMatches = 200

export interface AssignIdentityDialogProps {
  /**
   * The companies to assign to, chosen elsewhere (the Pulpit's selected rows, a company's
   * Certyfikaty tab); without it the dialog lets the user choose them.
   */
  companyIds?: readonly string[]
  /** The identity to assign; without it the dialog lets the user choose one. */
  identityId?: string
  onClose: () => void
  /** After the assignment: the identity as it now is. */
  onAssigned?: (row: IdentityRow) => void
}

/** Przypisz tożsamość: one identity made the one that logs the chosen companies in. */
export function AssignIdentityDialog({
  companyIds,
  identityId,
  onClose,
  onAssigned,
}: AssignIdentityDialogProps) {
  const { t } = useTranslation()
  const rows = useIdentities((state) => state.rows)
  const assign = useIdentities((state) => state.assign)
  const companies = useCompanies((state) => state.companies)
  const [chosenIdentity, setChosenIdentity] = useState(identityId ?? rows[0]?.id ?? '')
  // Nothing is chosen until the user says which: one click must not assign to every company.
  const [mode, setMode] = useState<Mode>('search')
  const [nipText, setNipText] = useState('')
  const [query, setQuery] = useState('')
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set())
  const identity = rows.find((row) => row.id === chosenIdentity)

  const usable = useMemo(
    () => (identity ? companies.filter((c) => identity.environments.includes(c.environment)) : []),
    [companies, identity],
  )
  const search = useMemo(() => companySearch(usable), [usable])
  const matches = useMemo(() => search(query), [search, query])
  const byNips = useMemo(
    () =>
      identity && nipsOfText(nipText).length > 0
        ? selectCompanies({ nips: nipsOfText(nipText) }, companies, identity.environments)
        : undefined,
    [companies, identity, nipText],
  )

  const chosen: readonly string[] = companyIds
    ? companyIds
    : mode === 'all'
      ? usable.map((c) => c.id)
      : mode === 'nips'
        ? (byNips?.companies.map((c) => c.id) ?? [])
        : [...ticked]
  const replacing = identity
    ? rows.filter((row) => row.id !== identity.id).flatMap((row) => row.companyIds)
    : []
  const replaced = chosen.filter((id) => replacing.includes(id)).length
  const tick = (id: string, on: boolean) => {
    const next = new Set(ticked)
    if (on) next.add(id)
    else next.delete(id)
    setTicked(next)
  }

  return (
    <FormDialog
      title={t('identities.assignTitle', { name: identity?.name ?? '' })}
      submitLabel={t('identities.assignSubmit')}
      onSubmit={async () => {
        const row = await assign(chosenIdentity, [...chosen])
        onAssigned?.(row)
      }}
      onClose={onClose}
      canSubmit={identity !== undefined && chosen.length > 0}
      testId="assign-identity"
    >
      {rows.length === 0 ? (
        <Alert severity="info">{t('identities.noIdentities')}</Alert>
      ) : (
        identityId === undefined && (
          <TextField
            select
            size="small"
            label={t('identities.chooseIdentity')}
            value={chosenIdentity}
            onChange={(event) => setChosenIdentity(event.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'assign-identity-choice' } }}
          >
            {rows.map((row) => (
              <MenuItem key={row.id} value={row.id}>
                {row.name}
              </MenuItem>
            ))}
          </TextField>
        )
      )}
      {identity && (
        <Typography variant="body2" color="text.secondary">
          {t('identities.worksIn', {
            environments: identity.environments.map((e) => t(`environment.${e}`)).join(', '),
          })}
        </Typography>
      )}
      {identity && !companyIds && (
        <>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={mode}
            aria-label={t('identities.chooseHow')}
            onChange={(_event, value: Mode | null) => value && setMode(value)}
          >
            <ToggleButton value="all" data-testid="assign-mode-all">
              {t('identities.chooseAll', { count: usable.length })}
            </ToggleButton>
            <ToggleButton value="nips" data-testid="assign-mode-nips">
              {t('identities.chooseNips')}
            </ToggleButton>
            <ToggleButton value="search" data-testid="assign-mode-search">
              {t('identities.chooseSearch')}
            </ToggleButton>
          </ToggleButtonGroup>
          {mode === 'nips' && (
            <>
              <TextField
                multiline
                minRows={3}
                maxRows={8}
                size="small"
                label={t('identities.nips')}
                helperText={t('identities.nipsHelp')}
                value={nipText}
                onChange={(event) => setNipText(event.target.value)}
                slotProps={{ htmlInput: { 'data-testid': 'assign-nips' } }}
              />
              {byNips && byNips.unknownNips.length > 0 && (
                <Alert severity="warning" data-testid="assign-unknown-nips">
                  {t('identities.unknownNips', { nips: byNips.unknownNips.join(', ') })}
                </Alert>
              )}
            </>
          )}
          {mode === 'search' && (
            <>
              <TextField
                size="small"
                label={t('identities.search')}
                value={query}
                onChange={(event) => setQuery(event.target.value)}
                slotProps={{ htmlInput: { 'data-testid': 'assign-search' } }}
              />
              <Button
                size="small"
                sx={{ alignSelf: 'flex-start' }}
                onClick={() => setTicked(new Set([...ticked, ...matches.map((c) => c.id)]))}
                data-testid="assign-tick-matches"
              >
                {t('identities.tickMatches', { count: matches.length })}
              </Button>
              <List dense sx={{ maxHeight: 280, overflow: 'auto' }}>
                {matches.slice(0, shownMatches).map((company) => (
                  <ListItem key={company.id} disablePadding>
                    <FormControlLabel
                      control={
                        <Checkbox
                          size="small"
                          checked={ticked.has(company.id)}
                          onChange={(event) => tick(company.id, event.target.checked)}
                        />
                      }
                      label={`${company.name} · ${company.identifier.value}`}
                    />
                  </ListItem>
                ))}
              </List>
            </>
          )}
        </>
      )}
      {identity && (
        <Typography variant="body2" data-testid="assign-chosen">
          {t('identities.selected', { count: chosen.length })}
          {replaced > 0 && ` ${t('identities.replaces', { count: replaced })}`}
        </Typography>
      )}
    </FormDialog>
  )
}
