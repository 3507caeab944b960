import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
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
        type="password"
        label={t('tokens.token')}
        value={token}
        onChange={(event) => setToken(event.target.value)}
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
    </FormDialog>
  )
}
