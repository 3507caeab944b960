import Alert from '@mui/material/Alert'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { defaultHeir } from '../../../../shared/domain/certificate-default'
import type { Company } from '../../../../shared/domain/company'
import type { CertificateRow } from '../../../../shared/domain/ksef-certificates'
import { FormDialog } from '../../components/FormDialog'
import { useCertificates, useCompanyCertificates } from '../../store/certificates'
import { said, type TabMessage } from './tab-message'

interface Props {
  company: Company
  row: CertificateRow
  onClose: () => void
  onDone: (message: TabMessage) => void
}

/** Usuń z tego komputera: says when it is the default and which certificate takes its place. */
export function RemoveCertificateDialog({ company, row, onClose, onDone }: Props) {
  const { t } = useTranslation()
  const remove = useCertificates((state) => state.remove)
  const { listing } = useCompanyCertificates(company.id)
  const certificate = row.certificate
  const stored = (listing?.rows ?? []).flatMap((r) => (r.certificate ? [r.certificate] : []))
  const heir = certificate ? defaultHeir(stored, certificate) : undefined
  const kind = t(`certificates.kinds.${row.kind}`)

  return (
    <FormDialog
      title={t('certificates.removeTitle', { name: row.name })}
      submitLabel={t('certificates.remove')}
      submitColor="error"
      onSubmit={async () => {
        if (!certificate) return
        await remove(company.id, row.id, certificate.id)
        onDone(said('certificates.removed', { name: row.name }))
      }}
      onClose={onClose}
      canSubmit={certificate !== null}
      maxWidth="sm"
      testId="remove-form"
      submitTestId="confirm-ok"
    >
      <Typography variant="body2">{t('certificates.removeBody')}</Typography>
      {certificate?.isDefault && (
        <Alert severity="warning" data-testid="remove-default">
          {heir
            ? t('certificates.removeDefaultHeir', {
                kind,
                heir: heir.name,
                serial: heir.serialNumber,
              })
            : t('certificates.removeDefaultNoHeir', { kind })}
        </Alert>
      )}
    </FormDialog>
  )
}
