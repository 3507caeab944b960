import ContentPasteIcon from '@mui/icons-material/ContentPaste'
import VisibilityIcon from '@mui/icons-material/Visibility'
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import IconButton from '@mui/material/IconButton'
import InputAdornment from '@mui/material/InputAdornment'
import TextField from '@mui/material/TextField'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormDialog } from '../../components/FormDialog'
import { useCredentials } from '../../store/credentials'

/** Wklej token: a token generated elsewhere (e.g. in the MF web app). It is sealed at once. */
export function PasteTokenDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const addToken = useCredentials((state) => state.addToken)
  const [token, setToken] = useState('')
  const [description, setDescription] = useState('')
  const [makeDefault, setMakeDefault] = useState(true)
  // Masked by default; shown on request so a pasted token can be checked before it is sealed.
  const [visible, setVisible] = useState(false)
  const [clipboardProblem, setClipboardProblem] = useState<'clipboardRefused' | 'clipboardEmpty'>()

  const pasteFromClipboard = async () => {
    setClipboardProblem(undefined)
    let text: string
    try {
      text = await navigator.clipboard.readText()
    } catch {
      setClipboardProblem('clipboardRefused')
      return
    }
    if (text.trim() === '') setClipboardProblem('clipboardEmpty')
    else setToken(text.trim())
  }

  return (
    <FormDialog
      title={t('tokens.pasteTitle')}
      submitLabel={t('tokens.save')}
      onSubmit={() => addToken(token, description, makeDefault)}
      onClose={onClose}
      canSubmit={token.trim() !== ''}
      testId="paste-token-form"
      submitTestId="token-save"
      errorTestId="token-error"
    >
      <TextField
        type={visible ? 'text' : 'password'}
        label={t('tokens.token')}
        value={token}
        onChange={(event) => setToken(event.target.value)}
        helperText={t('tokens.tokenHelp')}
        autoComplete="off"
        autoFocus
        slotProps={{
          htmlInput: { 'data-testid': 'token-input', spellCheck: false },
          input: {
            endAdornment: (
              <InputAdornment position="end">
                <IconButton
                  onClick={() => setVisible(!visible)}
                  aria-label={visible ? t('tokens.hideToken') : t('tokens.showToken')}
                  title={visible ? t('tokens.hideToken') : t('tokens.showToken')}
                  aria-pressed={visible}
                  edge="end"
                  data-testid="token-visibility"
                >
                  {visible ? <VisibilityOffIcon /> : <VisibilityIcon />}
                </IconButton>
              </InputAdornment>
            ),
          },
        }}
      />
      <Box>
        <Button
          size="small"
          startIcon={<ContentPasteIcon />}
          onClick={() => void pasteFromClipboard()}
          data-testid="token-paste-clipboard"
        >
          {t('tokens.pasteFromClipboard')}
        </Button>
      </Box>
      {clipboardProblem && (
        <Alert severity="warning" data-testid="token-clipboard-problem">
          {t(`tokens.${clipboardProblem}`)}
        </Alert>
      )}
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
    </FormDialog>
  )
}
