import ContentPasteIcon from '@mui/icons-material/ContentPaste'
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import IconButton from '@mui/material/IconButton'
import Radio from '@mui/material/Radio'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Tooltip from '@mui/material/Tooltip'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TokenSummary } from '../../../../shared/domain/credentials'
import { ksefTokensAllowed } from '../../../../shared/domain/token-sunset'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { StoredListPanel } from '../../components/StoredListPanel'
import { errorText } from '../../errors'
import { formatDateTime } from '../../format'
import { useNow } from '../../hooks/useNow'
import { useApp } from '../../store/app'
import { useCredentials } from '../../store/credentials'
import { PasteTokenDialog } from './PasteTokenDialog'

export function TokensTab() {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const { tokens, setDefaultToken, removeToken } = useCredentials()
  const [pasting, setPasting] = useState(false)
  const now = useNow(60_000)
  const [removing, setRemoving] = useState<TokenSummary>()
  const [error, setError] = useState<string>()

  const setDefault = (tokenId: string) =>
    setDefaultToken(tokenId).catch((failure: unknown) => setError(errorText(t, failure)))

  return (
    <Stack spacing={2}>
      <Alert severity="warning" data-testid="token-sunset">
        {ksefTokensAllowed(now) ? t('tokens.sunsetBanner') : t('tokens.sunsetPassed')}
      </Alert>
      <Stack direction="row" spacing={1}>
        <Button
          variant="contained"
          startIcon={<ContentPasteIcon />}
          onClick={() => setPasting(true)}
          data-testid="token-paste"
        >
          {t('tokens.paste')}
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      <StoredListPanel
        title={t('tokens.stored')}
        empty={tokens.length === 0 ? t('tokens.empty') : undefined}
        emptyTestId="tokens-empty"
      >
        <Table size="small" data-testid="tokens-table">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">{t('tokens.default')}</TableCell>
              <TableCell>{t('tokens.token')}</TableCell>
              <TableCell>{t('tokens.description')}</TableCell>
              <TableCell>{t('tokens.added')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {tokens.map((token) => (
              <TableRow key={token.id} data-testid="token-row">
                <TableCell padding="checkbox">
                  <Radio
                    checked={token.isDefault}
                    onChange={() => void setDefault(token.id)}
                    slotProps={{ input: { 'aria-label': t('tokens.default') } }}
                    data-testid="token-default"
                  />
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }} data-testid="token-masked">
                  {token.masked}
                </TableCell>
                <TableCell>{token.description || '—'}</TableCell>
                <TableCell>{formatDateTime(token.addedAt, language)}</TableCell>
                <TableCell align="right">
                  <Tooltip title={t('tokens.remove')}>
                    <IconButton onClick={() => setRemoving(token)} data-testid="token-remove">
                      <DeleteOutlinedIcon />
                    </IconButton>
                  </Tooltip>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </StoredListPanel>
      {pasting && <PasteTokenDialog onClose={() => setPasting(false)} />}
      {removing && (
        <ConfirmDialog
          title={t('tokens.removeTitle', { masked: removing.masked })}
          body={t('tokens.removeBody')}
          confirmLabel={t('tokens.remove')}
          onConfirm={() => removeToken(removing.id)}
          onClose={() => setRemoving(undefined)}
        />
      )}
    </Stack>
  )
}
