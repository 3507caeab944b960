import Checkbox from '@mui/material/Checkbox'
import FormControl from '@mui/material/FormControl'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormLabel from '@mui/material/FormLabel'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionSummary } from '../../../../shared/domain/auth'
import type { Company } from '../../../../shared/domain/company'
import type { CertificateKind } from '../../../../shared/domain/credentials'
import { enrollmentSession } from '../../../../shared/domain/enrollment-session'
import type { EnrollmentKeyType } from '../../../../shared/domain/ksef-certificates'
import {
  certificateNameErrors,
  mfWebAppNameMaxLength,
} from '../../../../shared/validation/certificate-name'
import { FormDialog } from '../../components/FormDialog'
import { useCertificates } from '../../store/certificates'
import { EnrollmentOutcome } from './EnrollmentOutcome'
import { EnrollmentProgress } from './EnrollmentProgress'
import { LimitsPanel } from './LimitsPanel'
import { SignatureSessionNotice } from './SignatureSessionNotice'
import { useEnrollmentLimits } from './useEnrollmentLimits'
import type { EnrollmentResult } from '../../../../shared/domain/ksef-certificates'
import { said, type TabMessage } from './tab-message'

interface Props {
  company: Company
  session: SessionSummary | null
  onClose: () => void
  onDone: (message: TabMessage) => void
}

/** Wniosek o certyfikat: limits first, the name by KSeF's rules, type, key, optional start. */
export function EnrollmentDialog({ company, session, onClose, onDone }: Props) {
  const { t } = useTranslation()
  const enroll = useCertificates((state) => state.enroll)
  const { limits, error: limitsError, loading } = useEnrollmentLimits(company.id, session)
  const [name, setName] = useState('')
  const [touched, setTouched] = useState(false)
  const [kind, setKind] = useState<CertificateKind>('Authentication')
  const [keyType, setKeyType] = useState<EnrollmentKeyType>('EC')
  const [validFrom, setValidFrom] = useState('')
  const [makeDefault, setMakeDefault] = useState(true)
  const [outcome, setOutcome] = useState<EnrollmentResult>()

  const broken = certificateNameErrors(name)
  const showRules = touched || name.length > 0
  const sessionKind = enrollmentSession(session)
  const canSubmit =
    broken.length === 0 &&
    sessionKind === 'signature' &&
    limits !== undefined &&
    limits.canRequest &&
    outcome === undefined

  const submit = async () => {
    const result = await enroll(company.id, {
      name,
      kind,
      keyType,
      validFrom: validFrom ? new Date(validFrom).toISOString() : null,
      makeDefault,
    })
    if (result.certificate) {
      onDone(
        said(
          result.certificate.isDefault ? 'certificates.enrolledDefault' : 'certificates.enrolled',
          {
            name: result.certificate.name,
            serial: result.certificate.serialNumber,
          },
        ),
      )
      onClose()
    } else setOutcome(result)
  }

  return (
    <FormDialog
      title={t('certificates.enrollTitle')}
      submitLabel={t('certificates.enrollSubmit')}
      onSubmit={submit}
      onClose={onClose}
      canSubmit={canSubmit}
      closeOnSuccess={false}
      hideSubmit={outcome !== undefined}
      cancelLabel={outcome ? t('certificates.close') : undefined}
      busyContent={<EnrollmentProgress companyId={company.id} />}
      testId="enroll-form"
    >
      <SignatureSessionNotice session={session} purpose="enroll" />
      <LimitsPanel
        limits={limits}
        loading={loading}
        error={limitsError}
        explainRefusal={sessionKind === 'signature'}
      />
      <TextField
        label={t('certificates.enrollName')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        onBlur={() => setTouched(true)}
        error={showRules && broken.length > 0}
        helperText={
          <span data-testid="enroll-name-help">
            {showRules && broken.length > 0
              ? broken.map((code) => t(`errors.${code}`)).join(' ')
              : t('certificates.nameHelp', { max: mfWebAppNameMaxLength })}
            {[...name].length > mfWebAppNameMaxLength && broken.length === 0
              ? ` ${t('certificates.nameLongerThanMf', { max: mfWebAppNameMaxLength })}`
              : ''}
          </span>
        }
        size="small"
        autoFocus
        autoComplete="off"
        slotProps={{ htmlInput: { 'data-testid': 'enroll-name' } }}
      />
      <FormControl>
        <FormLabel>{t('certificates.kind')}</FormLabel>
        <RadioGroup
          value={kind}
          onChange={(event) => setKind(event.target.value as CertificateKind)}
        >
          {(['Authentication', 'Offline'] as const).map((value) => (
            <FormControlLabel
              key={value}
              value={value}
              control={<Radio size="small" />}
              label={t(`certificates.enrollKinds.${value}`)}
              data-testid={`enroll-kind-${value}`}
            />
          ))}
        </RadioGroup>
      </FormControl>
      <Stack direction="row" spacing={3} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
        <FormControl>
          <FormLabel>{t('certificates.keyType')}</FormLabel>
          <RadioGroup
            row
            value={keyType}
            onChange={(event) => setKeyType(event.target.value as EnrollmentKeyType)}
          >
            <FormControlLabel
              value="EC"
              control={<Radio size="small" />}
              label={t('certificates.keyTypes.EC')}
              data-testid="enroll-key-EC"
            />
            <FormControlLabel
              value="RSA"
              control={<Radio size="small" />}
              label={t('certificates.keyTypes.RSA')}
              data-testid="enroll-key-RSA"
            />
          </RadioGroup>
        </FormControl>
        <TextField
          type="datetime-local"
          label={t('certificates.enrollValidFrom')}
          value={validFrom}
          onChange={(event) => setValidFrom(event.target.value)}
          helperText={t('certificates.enrollValidFromHelp')}
          size="small"
          slotProps={{
            inputLabel: { shrink: true },
            htmlInput: { 'data-testid': 'enroll-valid-from' },
          }}
        />
      </Stack>
      <FormControlLabel
        control={
          <Checkbox
            checked={makeDefault}
            onChange={(event) => setMakeDefault(event.target.checked)}
          />
        }
        label={t('certificates.makeDefault')}
      />
      {outcome && <EnrollmentOutcome result={outcome} />}
    </FormDialog>
  )
}
