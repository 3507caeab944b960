import Alert from '@mui/material/Alert'
import Stack from '@mui/material/Stack'
import { useTranslation } from 'react-i18next'
import { useCertificates, useCompanyCertificates } from '../../store/certificates'

/** What changed on its own while KSeF's list was read: the default passed on, or was lost. */
export function ListingNotices({ companyId }: { companyId: string }) {
  const { t } = useTranslation()
  const { notices } = useCompanyCertificates(companyId)
  const dismiss = useCertificates((state) => state.dismissNotices)
  if (notices.length === 0) return null
  return (
    <Alert severity="warning" onClose={() => dismiss(companyId)} data-testid="certificates-notice">
      <Stack spacing={0.5}>
        {notices.map((notice) => (
          <span key={`${notice.kind}-${notice.fromCertificateId}`}>
            {t(`certificates.notices.${notice.kind}`, {
              kind: t(`certificates.kinds.${notice.certificateKind}`),
              from: notice.fromName,
              to: notice.toName,
            })}
          </span>
        ))}
      </Stack>
    </Alert>
  )
}
