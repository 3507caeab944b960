import TextField from '@mui/material/TextField'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FilePayload } from '../../../../shared/domain/credentials'
import { FilePickerField } from '../../components/FilePickerField'
import { FormDialog } from '../../components/FormDialog'
import type { IdentityFiles } from '../../store/identities'

type Source = 'pair' | 'pkcs12'

/**
 * A certificate with its key and password, or a .p12/.pfx: for Importuj tożsamość and for Odnów
 * (the renewed certificate of an identity). Main checks everything; the page only gathers files.
 */
export function IdentityFilesDialog({
  title,
  intro,
  submitLabel,
  onSubmit,
  onClose,
  testId,
}: {
  title: string
  intro: string
  submitLabel: string
  onSubmit: (files: IdentityFiles, password: string) => Promise<unknown>
  onClose: () => void
  testId: string
}) {
  const { t } = useTranslation()
  const [source, setSource] = useState<Source>('pair')
  const [certificate, setCertificate] = useState<FilePayload>()
  const [privateKey, setPrivateKey] = useState<FilePayload>()
  const [pkcs12, setPkcs12] = useState<FilePayload>()
  const [password, setPassword] = useState('')
  const ready = source === 'pair' ? Boolean(certificate && privateKey) : Boolean(pkcs12)

  return (
    <FormDialog
      title={title}
      submitLabel={submitLabel}
      onSubmit={() =>
        onSubmit(source === 'pair' ? { certificate, privateKey } : { pkcs12 }, password)
      }
      onClose={onClose}
      canSubmit={ready}
      testId={testId}
    >
      <Typography variant="body2" color="text.secondary">
        {intro}
      </Typography>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={source}
        onChange={(_event, value: Source | null) => value && setSource(value)}
      >
        <ToggleButton value="pair" data-testid={`${testId}-source-pair`}>
          {t('certificates.sourcePair')}
        </ToggleButton>
        <ToggleButton value="pkcs12" data-testid={`${testId}-source-pkcs12`}>
          {t('certificates.sourcePkcs12')}
        </ToggleButton>
      </ToggleButtonGroup>
      {source === 'pair' ? (
        <>
          <FilePickerField
            label={t('certificates.certificateFile')}
            accept=".crt,.cer,.pem,.der"
            file={certificate}
            onPick={setCertificate}
            testId={`${testId}-certificate`}
          />
          <FilePickerField
            label={t('certificates.keyFile')}
            accept=".key,.pem,.der"
            file={privateKey}
            onPick={setPrivateKey}
            testId={`${testId}-key`}
          />
        </>
      ) : (
        <FilePickerField
          label={t('certificates.pkcs12File')}
          accept=".p12,.pfx"
          file={pkcs12}
          onPick={setPkcs12}
          testId={`${testId}-pkcs12`}
        />
      )}
      <TextField
        type="password"
        label={t('certificates.password')}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        helperText={t('certificates.passwordHelp')}
        size="small"
        autoComplete="off"
        slotProps={{ htmlInput: { 'data-testid': `${testId}-password` } }}
      />
    </FormDialog>
  )
}
