import Alert from '@mui/material/Alert'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { backupPassphraseProblem, backupPassphraseRules } from '../../../../shared/domain/backup'
import type { SavedFile } from '../../../../shared/domain/ksef-certificates'
import { api } from '../../api'
import { FormDialog } from '../../components/FormDialog'

/** Utwórz kopię: the passphrase twice; main seals everything and saves the file where the user says. */
export function CreateBackupDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const [passphrase, setPassphrase] = useState('')
  const [repeated, setRepeated] = useState('')
  const [saved, setSaved] = useState<SavedFile[]>()
  const problem = passphrase === '' ? null : backupPassphraseProblem(passphrase)
  const mismatch = repeated !== '' && repeated !== passphrase
  const file = saved?.find((each) => each.saved)

  return (
    <FormDialog
      title={t('backup.create.title')}
      submitLabel={t('backup.create.submit')}
      canSubmit={passphrase !== '' && problem === null && repeated === passphrase && !saved}
      onSubmit={async () => setSaved(await api.invoke('backup:create', { passphrase }))}
      closeOnSuccess={false}
      hideSubmit={saved !== undefined}
      cancelLabel={saved ? t('backup.close') : undefined}
      onClose={onClose}
      testId="backup-create"
    >
      <Typography variant="body2">{t('backup.create.help')}</Typography>
      <TextField
        type="password"
        label={t('backup.passphrase')}
        value={passphrase}
        onChange={(event) => setPassphrase(event.target.value)}
        error={problem !== null}
        helperText={
          problem
            ? t(`errors.${problem}`, backupPassphraseRules)
            : t('backup.create.rule', backupPassphraseRules)
        }
        autoComplete="new-password"
        disabled={saved !== undefined}
        slotProps={{ htmlInput: { 'data-testid': 'backup-create-passphrase' } }}
      />
      <TextField
        type="password"
        label={t('backup.create.repeat')}
        value={repeated}
        onChange={(event) => setRepeated(event.target.value)}
        error={mismatch}
        helperText={mismatch ? t('backup.create.mismatch') : ' '}
        autoComplete="new-password"
        disabled={saved !== undefined}
        slotProps={{ htmlInput: { 'data-testid': 'backup-create-repeat' } }}
      />
      {saved && (
        <Alert severity={file ? 'success' : 'info'} data-testid="backup-create-result">
          {file
            ? t('backup.create.saved', { location: file.location ?? file.name })
            : t('backup.create.notSaved')}
        </Alert>
      )}
    </FormDialog>
  )
}
