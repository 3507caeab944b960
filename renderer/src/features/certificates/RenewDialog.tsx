import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionSummary } from '../../../../shared/domain/auth'
import type { Company } from '../../../../shared/domain/company'
import { enrollmentSession } from '../../../../shared/domain/enrollment-session'
import type { CertificateRow, EnrollmentResult } from '../../../../shared/domain/ksef-certificates'
import { FormDialog } from '../../components/FormDialog'
import { useCertificates } from '../../store/certificates'
import { EnrollmentOutcome } from './EnrollmentOutcome'
import { EnrollmentProgress } from './EnrollmentProgress'
import { LimitsPanel } from './LimitsPanel'
import { SignatureSessionNotice } from './SignatureSessionNotice'
import { useEnrollmentLimits } from './useEnrollmentLimits'

interface Props {
  company: Company
  row: CertificateRow
  session: SessionSummary | null
  onClose: () => void
  /** The successor is stored and the default: the old one may now be revoked as Superseded. */
  onRenewed: (old: CertificateRow) => void
}

/** Odnów: a successor with the same name and type, enrolled and retrieved, made the default. */
export function RenewDialog({ company, row, session, onClose, onRenewed }: Props) {
  const { t } = useTranslation()
  const renew = useCertificates((state) => state.renew)
  const { limits, error, loading } = useEnrollmentLimits(company.id, session)
  const [outcome, setOutcome] = useState<EnrollmentResult>()
  const certificateId = row.certificate?.id

  return (
    <FormDialog
      title={t('certificates.renew.title', { name: row.name })}
      submitLabel={t('certificates.actions.renew')}
      onSubmit={async () => {
        if (!certificateId) return
        const result = await renew(company.id, row.id, certificateId)
        if (result.certificate) onRenewed(row)
        else setOutcome(result)
      }}
      onClose={onClose}
      closeOnSuccess={false}
      canSubmit={
        certificateId !== undefined &&
        enrollmentSession(session) === 'signature' &&
        limits?.canRequest === true &&
        outcome === undefined
      }
      hideSubmit={outcome !== undefined}
      cancelLabel={outcome ? t('certificates.close') : undefined}
      busyContent={<EnrollmentProgress companyId={company.id} />}
      testId="renew-form"
    >
      <Typography variant="body2">
        {t('certificates.renew.body', {
          name: row.name,
          kind: t(`certificates.kinds.${row.kind}`),
        })}
      </Typography>
      <SignatureSessionNotice session={session} purpose="renew" />
      <LimitsPanel
        limits={limits}
        loading={loading}
        error={error}
        explainRefusal={enrollmentSession(session) === 'signature'}
      />
      {outcome && <EnrollmentOutcome result={outcome} />}
    </FormDialog>
  )
}
