import Alert from '@mui/material/Alert'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import TextField from '@mui/material/TextField'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FilePayload } from '../../../../shared/domain/credentials'
import { AppError } from '../../../../shared/ipc/errors'
import { FilePickerField } from '../../components/FilePickerField'
import { FormDialog } from '../../components/FormDialog'
import { errorText } from '../../errors'
import { useCertificates } from '../../store/certificates'

type Source = 'pair' | 'pkcs12'

/** Wczytaj z pliku: a certificate with its private key and password, or a .p12/.pfx. */
export function ImportCertificateDialog({
  companyId,
  onClose,
}: {
  companyId: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const importCertificate = useCertificates((state) => state.importCertificate)
  const [source, setSource] = useState<Source>('pair')
  const [certificate, setCertificate] = useState<FilePayload>()
  const [privateKey, setPrivateKey] = useState<FilePayload>()
  const [pkcs12, setPkcs12] = useState<FilePayload>()
  const [password, setPassword] = useState('')
  const [makeDefault, setMakeDefault] = useState(true)
  const [otherSubject, setOtherSubject] = useState<AppError>()
  const [allowOtherSubject, setAllowOtherSubject] = useState(false)

  const ready = source === 'pair' ? Boolean(certificate && privateKey) : Boolean(pkcs12)
  const changed = () => {
    setOtherSubject(undefined)
    setAllowOtherSubject(false)
  }

  const submit = () =>
    importCertificate(companyId, {
      files: source === 'pair' ? { certificate, privateKey } : { pkcs12 },
      password,
      makeDefault,
      allowOtherSubject,
    })

  return (
    <FormDialog
      title={t('certificates.importTitle')}
      submitLabel={t('certificates.save')}
      onSubmit={submit}
      onClose={onClose}
      canSubmit={ready && (otherSubject === undefined || allowOtherSubject)}
      onError={(failure) => {
        if (!(failure instanceof AppError) || failure.code !== 'CERT_SUBJECT_OTHER_NIP')
          return false
        setOtherSubject(failure)
        return true
      }}
      testId="import-certificate-form"
      submitTestId="import-save"
      errorTestId="import-error"
    >
      <ToggleButtonGroup
        exclusive
        size="small"
        value={source}
        onChange={(_event, value: Source | null) => {
          if (value) setSource(value)
          changed()
        }}
      >
        <ToggleButton value="pair" data-testid="import-source-pair">
          {t('certificates.sourcePair')}
        </ToggleButton>
        <ToggleButton value="pkcs12" data-testid="import-source-pkcs12">
          {t('certificates.sourcePkcs12')}
        </ToggleButton>
      </ToggleButtonGroup>
      {source === 'pair' ? (
        <>
          <FilePickerField
            label={t('certificates.certificateFile')}
            accept=".crt,.cer,.pem,.der"
            file={certificate}
            onPick={(file) => (setCertificate(file), changed())}
            testId="certificate-file"
          />
          <FilePickerField
            label={t('certificates.keyFile')}
            accept=".key,.pem,.der"
            file={privateKey}
            onPick={(file) => (setPrivateKey(file), changed())}
            testId="key-file"
          />
        </>
      ) : (
        <FilePickerField
          label={t('certificates.pkcs12File')}
          accept=".p12,.pfx"
          file={pkcs12}
          onPick={(file) => (setPkcs12(file), changed())}
          testId="pkcs12-file"
        />
      )}
      <TextField
        type="password"
        label={t('certificates.password')}
        value={password}
        onChange={(event) => (setPassword(event.target.value), changed())}
        helperText={t('certificates.passwordHelp')}
        size="small"
        autoComplete="off"
        slotProps={{ htmlInput: { 'data-testid': 'certificate-password' } }}
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={makeDefault}
            onChange={(event) => setMakeDefault(event.target.checked)}
          />
        }
        label={t('certificates.makeDefault')}
      />
      {otherSubject && (
        <Alert severity="warning" data-testid="import-other-subject">
          {errorText(t, otherSubject)}
          <FormControlLabel
            sx={{ display: 'flex', mt: 1 }}
            control={
              <Checkbox
                checked={allowOtherSubject}
                onChange={(event) => setAllowOtherSubject(event.target.checked)}
                data-testid="allow-other-subject"
              />
            }
            label={t('certificates.allowOtherSubject')}
          />
        </Alert>
      )}
    </FormDialog>
  )
}
