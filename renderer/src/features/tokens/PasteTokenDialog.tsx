import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import FormControlLabel from '@mui/material/FormControlLabel'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { errorText } from '../../errors'
import { useCredentials } from '../../store/credentials'

/** Wklej token: a token generated elsewhere (e.g. in the MF web app). It is sealed at once. */
export function PasteTokenDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const addToken = useCredentials((state) => state.addToken)
  const [token, setToken] = useState('')
  const [description, setDescription] = useState('')
  const [makeDefault, setMakeDefault] = useState(true)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      await addToken(token, description, makeDefault)
      onClose()
    } catch (failure) {
      setError(errorText(t, failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <form onSubmit={(event) => void submit(event)} data-testid="paste-token-form">
        <DialogTitle>{t('tokens.pasteTitle')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <TextField
              type="password"
              label={t('tokens.token')}
              value={token}
              onChange={(event) => (setToken(event.target.value), setError(undefined))}
              helperText={t('tokens.tokenHelp')}
              autoComplete="off"
              autoFocus
              slotProps={{ htmlInput: { 'data-testid': 'token-input' } }}
            />
            <TextField
              label={t('tokens.description')}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              slotProps={{ htmlInput: { maxLength: 256, 'data-testid': 'token-description' } }}
            />
            <FormControlLabel
              control={
                <Checkbox
                  checked={makeDefault}
                  onChange={(event) => setMakeDefault(event.target.checked)}
                />
              }
              label={t('tokens.makeDefault')}
            />
            {error && (
              <Alert severity="error" data-testid="token-error">
                {error}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={busy || token.trim() === ''}
            data-testid="token-save"
          >
            {t('tokens.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}
