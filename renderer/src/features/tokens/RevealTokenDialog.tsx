import ContentCopyIcon from '@mui/icons-material/ContentCopy'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { GeneratedTokenResult } from '../../../../shared/domain/ksef-tokens'
import { ErrorAlert } from '../../components/ErrorAlert'
import { errorText } from '../../errors'
import { useCredentials } from '../../store/credentials'
import { useTokens } from '../../store/tokens'
import { TokenStatusChip } from './TokenLabels'

type Copy = 'copied' | 'failed' | undefined

/**
 * The one look at a generated token: fetched by its one-time ticket when the dialog opens, kept
 * only in this dialog's state, gone when it closes. Main sealed its copy before.
 */
export function RevealTokenDialog({
  result,
  onClose,
}: {
  result: GeneratedTokenResult
  onClose: () => void
}) {
  const { t } = useTranslation()
  const reveal = useTokens((state) => state.reveal)
  const setDefaultToken = useCredentials((state) => state.setDefaultToken)
  const stored = useCredentials(
    (state) => state.tokens.find((token) => token.id === result.stored.id) ?? result.stored,
  )
  const [token, setToken] = useState<string>()
  const [error, setError] = useState<unknown>()
  const [copy, setCopy] = useState<Copy>()
  const [defaultError, setDefaultError] = useState<string>()
  // The ticket works once: a second render or a remount must not spend it again.
  const asked = useRef(false)

  useEffect(() => {
    if (asked.current) return
    asked.current = true
    reveal(result.revealTicket).then(setToken, setError)
  }, [result.revealTicket, reveal])

  const copyToken = async () => {
    if (!token) return
    try {
      await navigator.clipboard.writeText(token)
      setCopy('copied')
    } catch {
      setCopy('failed')
    }
  }

  const makeDefault = () =>
    setDefaultToken(stored.id).then(
      () => setDefaultError(undefined),
      (failure: unknown) => setDefaultError(errorText(t, failure)),
    )

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="reveal-dialog">
      <DialogTitle>{t('tokens.reveal.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Alert severity="warning" data-testid="reveal-warning">
            {t('tokens.reveal.warning')}
          </Alert>
          {error !== undefined && <ErrorAlert error={error} testId="reveal-error" />}
          {token === undefined && error === undefined && <LinearProgress />}
          {token !== undefined && (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <Box
                component="code"
                sx={{
                  flex: 1,
                  p: 1.5,
                  bgcolor: 'grey.100',
                  borderRadius: 1,
                  fontSize: 13,
                  overflowWrap: 'anywhere',
                  userSelect: 'all',
                }}
                data-testid="revealed-token"
              >
                {token}
              </Box>
              <Button
                variant="contained"
                startIcon={<ContentCopyIcon />}
                onClick={() => void copyToken()}
                data-testid="reveal-copy"
              >
                {t('tokens.reveal.copy')}
              </Button>
            </Stack>
          )}
          {copy && (
            <Typography
              variant="body2"
              color={copy === 'copied' ? 'success.main' : 'error'}
              data-testid="reveal-copy-result"
            >
              {t(`tokens.reveal.${copy}`)}
            </Typography>
          )}
          <Typography variant="body2" data-testid="reveal-sealed">
            {t('tokens.reveal.sealed', { masked: stored.masked })}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="body2">{t('tokens.reveal.status')}</Typography>
            <TokenStatusChip status={stored.ksefStatus} testId="reveal-status" />
          </Stack>
          {stored.isDefault ? (
            <Alert severity="success" data-testid="reveal-is-default">
              {t('tokens.reveal.isDefault')}
            </Alert>
          ) : (
            <Alert
              severity="info"
              action={
                <Button
                  color="inherit"
                  size="small"
                  onClick={() => void makeDefault()}
                  data-testid="reveal-make-default"
                >
                  {t('tokens.reveal.makeDefault')}
                </Button>
              }
            >
              {t('tokens.reveal.offerDefault')}
            </Alert>
          )}
          {defaultError && <Alert severity="error">{defaultError}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button variant="outlined" onClick={onClose} data-testid="reveal-close">
          {t('tokens.reveal.close')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
