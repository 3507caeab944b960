import Alert from '@mui/material/Alert'
import FormControl from '@mui/material/FormControl'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormLabel from '@mui/material/FormLabel'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionSummary } from '../../../../shared/domain/auth'
import type { Company } from '../../../../shared/domain/company'
import { enrollmentSession } from '../../../../shared/domain/enrollment-session'
import {
  CertificateRevocationReason,
  type CertificateRow,
} from '../../../../shared/domain/ksef-certificates'
import { FormDialog } from '../../components/FormDialog'
import { useCertificates, useCompanyCertificates } from '../../store/certificates'
import { SignatureSessionNotice } from './SignatureSessionNotice'
import { said, type TabMessage } from './tab-message'

interface Props {
  company: Company
  row: CertificateRow
  session: SessionSummary | null
  /** After Odnów: the old certificate is offered for revocation as Superseded. */
  superseded: boolean
  onClose: () => void
  onDone: (message: TabMessage) => void
}

/** Unieważnij: the reason, confirmed; says when it is the default or logged the session in. */
export function RevokeDialog({
  company,
  row: opened,
  session,
  superseded,
  onClose,
  onDone,
}: Props) {
  const { t } = useTranslation()
  const revoke = useCertificates((state) => state.revoke)
  // The row as the list has it now: after Odnów the old one is no longer the default.
  const { listing } = useCompanyCertificates(company.id)
  const row = listing?.rows.find((r) => r.id === opened.id) ?? opened
  const [reason, setReason] = useState<CertificateRevocationReason>(
    superseded ? 'Superseded' : 'Unspecified',
  )
  const serialNumber = row.serialNumber ?? ''
  // The session's own certificate is the default Authentication one it was logged in with.
  const usedBySession =
    session?.method === 'certificate' && session.credentialId === row.certificate?.id

  return (
    <FormDialog
      title={t('certificates.revoke.title', { name: row.name })}
      submitLabel={t('certificates.actions.revoke')}
      submitColor="error"
      onSubmit={async () => {
        await revoke(company.id, row.id, serialNumber, reason)
        onDone(said('certificates.revoke.done', { name: row.name, serial: serialNumber }))
      }}
      onClose={onClose}
      canSubmit={serialNumber !== '' && enrollmentSession(session) === 'signature'}
      cancelLabel={superseded ? t('certificates.revoke.keep') : undefined}
      maxWidth="sm"
      testId="revoke-form"
    >
      {superseded && (
        <Alert severity="success" data-testid="revoke-renewed">
          {t('certificates.revoke.afterRenew', { name: row.name })}
        </Alert>
      )}
      <Typography variant="body2">
        {t('certificates.revoke.body', { serial: serialNumber })}
      </Typography>
      {row.isDefault && (
        <Alert severity="warning" data-testid="revoke-default">
          {t('certificates.revoke.isDefault', { kind: t(`certificates.kinds.${row.kind}`) })}
        </Alert>
      )}
      {usedBySession && (
        <Alert severity="warning" data-testid="revoke-session">
          {t('certificates.revoke.usedBySession')}
        </Alert>
      )}
      <SignatureSessionNotice session={session} purpose="revoke" />
      <FormControl>
        <FormLabel>{t('certificates.revoke.reason')}</FormLabel>
        <RadioGroup
          value={reason}
          onChange={(event) => setReason(CertificateRevocationReason.parse(event.target.value))}
        >
          {CertificateRevocationReason.options.map((value) => (
            <FormControlLabel
              key={value}
              value={value}
              control={<Radio size="small" />}
              label={t(`certificates.revoke.reasons.${value}`)}
              data-testid={`revoke-reason-${value}`}
            />
          ))}
        </RadioGroup>
      </FormControl>
    </FormDialog>
  )
}
