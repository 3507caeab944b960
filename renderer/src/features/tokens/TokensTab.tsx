import AddIcon from '@mui/icons-material/Add'
import BlockIcon from '@mui/icons-material/Block'
import CloudDownloadOutlinedIcon from '@mui/icons-material/CloudDownloadOutlined'
import ContentPasteIcon from '@mui/icons-material/ContentPaste'
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined'
import FactCheckOutlinedIcon from '@mui/icons-material/FactCheckOutlined'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Company } from '../../../../shared/domain/company'
import { tokenStatusBarsLogin, type TokenSummary } from '../../../../shared/domain/credentials'
import type { GeneratedTokenResult } from '../../../../shared/domain/ksef-tokens'
import { tokenDefaultHeir } from '../../../../shared/domain/token-default'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import {
  CredentialTable,
  DefaultRadio,
  type CredentialColumn,
} from '../../components/CredentialTable'
import { errorText } from '../../errors'
import { formatDateTime } from '../../format'
import { useApp } from '../../store/app'
import { useAuth } from '../../store/auth'
import { useCredentials } from '../../store/credentials'
import { emptyFilter, useCompanyTokens, useTokens } from '../../store/tokens'
import { GenerateTokenDialog } from './GenerateTokenDialog'
import { KsefTokenList } from './KsefTokenList'
import { PasteTokenDialog } from './PasteTokenDialog'
import { RevealTokenDialog } from './RevealTokenDialog'
import { SunsetNotice } from './SunsetNotice'
import { TokenCheckText } from './TokenCheckText'
import { PermissionNames, TokenStatusChip } from './TokenLabels'

type Revoking = { referenceNumber: string; description: string }

/** Tab Tokeny: KSeF tokens generated here or pasted, KSeF's own list, and the end of tokens. */
export function TokensTab({ company }: { company: Company }) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const { tokens, setDefaultToken, removeToken } = useCredentials()
  const { policy, loadPolicy, fetchList, revoke, check, dismissDefaultChange } = useTokens()
  const checking = useCompanyTokens(company.id, (state) => state.checking)
  const defaultChange = useCompanyTokens(company.id, (state) => state.defaultChange)
  const listing = useCompanyTokens(company.id, (state) => state.listing)
  const [dialog, setDialog] = useState<'paste' | 'generate'>()
  const [revealing, setRevealing] = useState<GeneratedTokenResult>()
  const [removing, setRemoving] = useState<TokenSummary>()
  const [revoking, setRevoking] = useState<Revoking>()
  const [error, setError] = useState<string>()

  useEffect(() => {
    void loadPolicy()
    // Generuj token KSeF needs to know whether this company has a session.
    if (useAuth.getState().companyId !== company.id) void useAuth.getState().load(company.id)
  }, [company.id, loadPolicy])

  const attempt = (work: Promise<unknown>) => {
    setError(undefined)
    work.catch((failure: unknown) => setError(errorText(t, failure)))
  }
  const tokensOff = policy !== undefined && !policy.allowed

  /** Dezaktywuj of the default names where the default goes, as main will apply it. */
  const revokeBody = (referenceNumber: string) => {
    const stored = tokens.find((token) => token.referenceNumber === referenceNumber)
    if (!stored?.isDefault) return t('tokens.revokeBody')
    const heir = tokenDefaultHeir(tokens, stored)
    return `${t('tokens.revokeBody')} ${
      heir ? t('tokens.revokeHeir', { masked: heir.masked }) : t('tokens.revokeNoHeir')
    }`
  }

  const columns: CredentialColumn<TokenSummary>[] = [
    {
      id: 'default',
      header: t('tokens.default'),
      padding: 'checkbox',
      width: 92,
      align: 'center',
      cell: (token) => (
        <DefaultRadio
          checked={token.isDefault}
          onSelect={() => attempt(setDefaultToken(token.id))}
          help={t('tokens.defaultHelp')}
          label={t('tokens.default')}
          testId="token-default"
        />
      ),
    },
    {
      id: 'token',
      header: t('tokens.token'),
      cell: (token) => (
        <>
          <Typography
            variant="body2"
            sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}
            data-testid="token-masked"
          >
            {token.masked}
          </Typography>
          <Typography variant="body2" data-testid="token-description-text">
            {token.description || '—'}
          </Typography>
          <PermissionNames permissions={token.permissions} />
        </>
      ),
    },
    {
      id: 'status',
      header: t('tokens.columns.ksefStatus'),
      width: 210,
      cell: (token) => (
        <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
          <TokenStatusChip status={token.ksefStatus} testId="token-status" />
          <TokenCheckText token={token} running={checking[token.id] === true} />
        </Stack>
      ),
    },
    {
      id: 'added',
      header: t('tokens.added'),
      width: 130,
      hideBelow: 'lg',
      cell: (token) => (
        <Typography variant="caption" component="div">
          {formatDateTime(token.addedAt, language)}
          <br />
          {t(`tokens.origin.${token.origin}`)}
        </Typography>
      ),
    },
  ]

  return (
    <Stack spacing={2}>
      <SunsetNotice />
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          disabled={tokensOff}
          onClick={() => setDialog('generate')}
          data-testid="token-generate"
        >
          {t('tokens.generate')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<CloudDownloadOutlinedIcon />}
          disabled={listing?.loading === true}
          onClick={() => void fetchList(company.id, listing?.filter ?? emptyFilter)}
          data-testid="tokens-fetch"
        >
          {t('tokens.fetch')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<ContentPasteIcon />}
          onClick={() => setDialog('paste')}
          data-testid="token-paste"
        >
          {t('tokens.paste')}
        </Button>
      </Stack>
      {defaultChange && (
        <Alert
          severity="info"
          onClose={() => dismissDefaultChange(company.id)}
          data-testid="token-default-change"
        >
          {t(`tokens.default_${defaultChange.kind}`, defaultChange)}
        </Alert>
      )}
      {error && (
        <Alert severity="error" data-testid="tokens-error">
          {error}
        </Alert>
      )}
      <CredentialTable
        title={t('tokens.stored')}
        rows={tokens}
        rowKey={(token) => token.id}
        columns={columns}
        actions={(token) => [
          {
            id: 'check',
            label: t('tokens.check'),
            icon: <FactCheckOutlinedIcon fontSize="small" />,
            onClick: () => attempt(check(company.id, token.id)),
            disabled:
              checking[token.id] === true || tokensOff || tokenStatusBarsLogin(token.ksefStatus),
            inline: true,
            testId: 'token-check',
          },
          {
            id: 'revoke',
            label: t('tokens.revoke'),
            icon: <BlockIcon fontSize="small" />,
            onClick: () =>
              setRevoking({
                referenceNumber: token.referenceNumber,
                description: token.description || token.masked,
              }),
            disabled: tokenStatusBarsLogin(token.ksefStatus),
            danger: true,
            testId: 'token-revoke',
          },
          {
            id: 'remove',
            label: t('tokens.remove'),
            icon: <DeleteOutlinedIcon fontSize="small" />,
            onClick: () => setRemoving(token),
            danger: true,
            testId: 'token-remove',
          },
        ]}
        empty={t('tokens.empty')}
        flagged={(token) => tokenStatusBarsLogin(token.ksefStatus) || token.lastCheck?.ok === false}
        testIds={{ table: 'tokens-table', row: 'token-row', empty: 'tokens-empty' }}
      />
      <KsefTokenList companyId={company.id} onRevoke={setRevoking} />
      {dialog === 'paste' && <PasteTokenDialog onClose={() => setDialog(undefined)} />}
      {dialog === 'generate' && (
        <GenerateTokenDialog
          companyId={company.id}
          onGenerated={setRevealing}
          onClose={() => setDialog(undefined)}
        />
      )}
      {revealing && (
        <RevealTokenDialog result={revealing} onClose={() => setRevealing(undefined)} />
      )}
      {removing && (
        <ConfirmDialog
          title={t('tokens.removeTitle', { masked: removing.masked })}
          body={t('tokens.removeBody')}
          confirmLabel={t('tokens.remove')}
          onConfirm={() => removeToken(removing.id)}
          onClose={() => setRemoving(undefined)}
        />
      )}
      {revoking && (
        <ConfirmDialog
          title={t('tokens.revokeTitle', { name: revoking.description })}
          body={revokeBody(revoking.referenceNumber)}
          confirmLabel={t('tokens.revoke')}
          onConfirm={() => revoke(company.id, revoking.referenceNumber)}
          onClose={() => setRevoking(undefined)}
        />
      )}
    </Stack>
  )
}
