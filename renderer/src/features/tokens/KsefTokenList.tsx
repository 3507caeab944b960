import BlockIcon from '@mui/icons-material/Block'
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import LinearProgress from '@mui/material/LinearProgress'
import ListItemText from '@mui/material/ListItemText'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { tokenStatusBarsLogin } from '../../../../shared/domain/credentials'
import {
  KsefTokenStatus,
  type KsefTokenRow,
  type TokenListFilter,
} from '../../../../shared/domain/ksef-tokens'
import { CredentialTable, type CredentialColumn } from '../../components/CredentialTable'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../format'
import { useApp } from '../../store/app'
import { useCompanyTokens, useTokens } from '../../store/tokens'
import { PermissionNames, TokenStatusChip } from './TokenLabels'

/** Pobierz tokeny: the company's tokens as KSeF lists them, filtered, page by page. */
export function KsefTokenList({
  companyId,
  onRevoke,
}: {
  companyId: string
  onRevoke: (row: { referenceNumber: string; description: string }) => void
}) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const listing = useCompanyTokens(companyId, (tokens) => tokens.listing)
  const { fetchList, fetchMore } = useTokens()
  if (!listing) return null

  const filtered =
    listing.filter.status.length > 0 ||
    listing.filter.description !== '' ||
    listing.filter.author !== ''

  const columns: CredentialColumn<KsefTokenRow>[] = [
    {
      id: 'description',
      header: t('tokens.columns.description'),
      cell: (row) => (
        <>
          <Typography variant="body2" data-testid="ksef-token-description">
            {row.description}
          </Typography>
          <PermissionNames permissions={row.permissions} />
        </>
      ),
    },
    {
      id: 'status',
      header: t('tokens.columns.status'),
      width: 150,
      cell: (row) => <TokenStatusChip status={row.status} testId="ksef-token-status" />,
    },
    {
      id: 'author',
      header: t('tokens.columns.author'),
      width: 130,
      cell: (row) => (
        <Typography variant="body2" data-testid="ksef-token-author">
          {t(`tokens.authorType.${row.author.type}`, { defaultValue: row.author.type })}{' '}
          {row.author.value}
        </Typography>
      ),
    },
    {
      id: 'dates',
      header: t('tokens.columns.dates'),
      width: 150,
      hideBelow: 'lg',
      cell: (row) => (
        <Typography variant="caption" component="div">
          {formatDateTime(row.dateCreated, language)}
          <br />
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {t('tokens.lastUsed', {
              time: row.lastUseDate
                ? formatDateTime(row.lastUseDate, language)
                : t('tokens.neverUsed'),
            })}
          </Box>
        </Typography>
      ),
    },
    {
      id: 'held',
      header: t('tokens.columns.held'),
      width: 96,
      align: 'center',
      cell: (row) =>
        row.stored ? (
          <Tooltip title={t('tokens.heldAs', { masked: row.stored.masked })}>
            <CheckCircleOutlineIcon
              color="success"
              fontSize="small"
              aria-label={t('tokens.heldAs', { masked: row.stored.masked })}
              data-testid="ksef-token-held"
            />
          </Tooltip>
        ) : (
          <Typography variant="body2" color="text.secondary" data-testid="ksef-token-not-held">
            —
          </Typography>
        ),
    },
  ]

  return (
    <Stack spacing={1}>
      <CredentialTable
        title={t('tokens.ksefList')}
        toolbar={
          <FilterForm
            key={JSON.stringify(listing.filter)}
            initial={listing.filter}
            busy={listing.loading}
            onApply={(filter) => void fetchList(companyId, filter)}
          />
        }
        rows={listing.rows}
        rowKey={(row) => row.referenceNumber}
        columns={columns}
        actions={(row) =>
          !tokenStatusBarsLogin(row.status)
            ? [
                {
                  id: 'revoke',
                  label: t('tokens.revoke'),
                  icon: <BlockIcon fontSize="small" />,
                  onClick: () => onRevoke(row),
                  inline: true,
                  danger: true,
                  testId: 'ksef-token-revoke',
                },
              ]
            : []
        }
        empty={
          listing.loading
            ? t('tokens.ksefLoading')
            : filtered
              ? t('tokens.ksefNoMatch')
              : t('tokens.ksefEmpty')
        }
        flagged={(row) => row.status === 'Failed' || row.status === 'Revoked'}
        testIds={{ table: 'ksef-tokens-table', row: 'ksef-token-row', empty: 'ksef-tokens-empty' }}
      />
      {listing.visibility !== undefined && listing.visibility !== 'all' && (
        <Alert severity="info" data-testid="ksef-tokens-visibility">
          {t(`tokens.visibility.${listing.visibility}`)}
        </Alert>
      )}
      {listing.loading && <LinearProgress data-testid="ksef-tokens-loading" />}
      {listing.error !== undefined && (
        <ErrorAlert error={listing.error} testId="ksef-tokens-error" />
      )}
      {listing.continuation !== null && (
        <Box>
          <Button
            variant="outlined"
            disabled={listing.loading}
            onClick={() => void fetchMore(companyId)}
            data-testid="ksef-tokens-more"
          >
            {t('tokens.more')}
          </Button>
        </Box>
      )}
    </Stack>
  )
}

function FilterForm({
  initial,
  busy,
  onApply,
}: {
  initial: TokenListFilter
  busy: boolean
  onApply: (filter: TokenListFilter) => void
}) {
  const { t } = useTranslation()
  const [status, setStatus] = useState<KsefTokenStatus[]>(initial.status)
  const [description, setDescription] = useState(initial.description)
  const [author, setAuthor] = useState(initial.author)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onApply({ status, description: description.trim(), author: author.trim() })
  }
  return (
    <Stack
      component="form"
      direction="row"
      spacing={1}
      onSubmit={submit}
      sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}
      data-testid="ksef-tokens-filter"
    >
      <TextField
        select
        size="small"
        label={t('tokens.filter.status')}
        value={status}
        onChange={(event) => {
          const value = event.target.value as unknown
          setStatus(
            (typeof value === 'string' ? value.split(',') : (value as string[])).filter(
              (each): each is KsefTokenStatus => KsefTokenStatus.safeParse(each).success,
            ),
          )
        }}
        sx={{ width: 150 }}
        slotProps={{
          select: {
            multiple: true,
            displayEmpty: true,
            renderValue: (selected) => {
              const chosen = selected as KsefTokenStatus[]
              return chosen.length === 0
                ? t('tokens.filter.any')
                : chosen.map((each) => t(`tokens.status.${each}`)).join(', ')
            },
            SelectDisplayProps: { 'data-testid': 'filter-status' } as object,
          },
          inputLabel: { shrink: true },
        }}
      >
        {KsefTokenStatus.options.map((option) => (
          <MenuItem key={option} value={option} data-testid={`filter-status-${option}`}>
            <Checkbox size="small" checked={status.includes(option)} />
            <ListItemText primary={t(`tokens.status.${option}`)} />
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        label={t('tokens.filter.description')}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        sx={{ width: 150 }}
        slotProps={{ htmlInput: { 'data-testid': 'filter-description' } }}
      />
      <TextField
        size="small"
        label={t('tokens.filter.author')}
        value={author}
        onChange={(event) => setAuthor(event.target.value)}
        sx={{ width: 140 }}
        slotProps={{ htmlInput: { 'data-testid': 'filter-author' } }}
      />
      <Button type="submit" variant="outlined" disabled={busy} data-testid="filter-apply">
        {t('tokens.filter.apply')}
      </Button>
    </Stack>
  )
}
