import AddIcon from '@mui/icons-material/Add'
import PostAddIcon from '@mui/icons-material/PostAdd'
import ScienceOutlinedIcon from '@mui/icons-material/ScienceOutlined'
import VpnKeyOutlinedIcon from '@mui/icons-material/VpnKeyOutlined'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Company } from '../../../../shared/domain/company'
import type { CertificateRow } from '../../../../shared/domain/ksef-certificates'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useAuth } from '../../store/auth'
import { useCertificates, useCompanyCertificates } from '../../store/certificates'
import { CompanyLoginCredential } from '../identities/CompanyLoginCredential'
import { CertificateList } from './CertificateList'
import { EnrollmentDialog } from './EnrollmentDialog'
import { ExportDialog } from './ExportDialog'
import { ImportCertificateDialog } from './ImportCertificateDialog'
import { ListingNotices } from './ListingNotices'
import { OfflineCheckDialog } from './OfflineCheckDialog'
import { PublicKeysPanel } from './PublicKeysPanel'
import { RemoveCertificateDialog } from './RemoveCertificateDialog'
import { RenewDialog } from './RenewDialog'
import { RevokeDialog } from './RevokeDialog'
import { said, type TabMessage } from './tab-message'

/** The dialog open over the tab, with the row it is about. */
export type CertificateDialog =
  | { kind: 'enroll' }
  | { kind: 'import' }
  | { kind: 'revoke'; row: CertificateRow; superseded?: boolean }
  | { kind: 'export'; row: CertificateRow }
  | { kind: 'remove'; row: CertificateRow }
  | { kind: 'offline'; row: CertificateRow }
  | { kind: 'renew'; row: CertificateRow }

/** Tab Certyfikaty: the company's certificates here and in KSeF, from enrollment to export. */
export function CertificatesTab({ company }: { company: Company }) {
  const { t } = useTranslation()
  const load = useCertificates((state) => state.load)
  const createTest = useCertificates((state) => state.createTest)
  const { loadError } = useCompanyCertificates(company.id)
  const session = useAuth((state) => (state.companyId === company.id ? state.state?.session : null))
  const loadAuth = useAuth((state) => state.load)
  const authCompany = useAuth((state) => state.companyId)
  const [dialog, setDialog] = useState<CertificateDialog>()
  const [publicKeys, setPublicKeys] = useState(false)
  const [message, setMessage] = useState<TabMessage>()
  const [failure, setFailure] = useState<unknown>()
  const [creating, setCreating] = useState(false)

  useEffect(() => {
    if (authCompany !== company.id) void loadAuth(company.id)
  }, [authCompany, company.id, loadAuth])
  const loggedIn = session != null
  useEffect(() => {
    void load(company.id, loggedIn)
  }, [company.id, loggedIn, load])

  const close = () => setDialog(undefined)
  const told = (text: TabMessage) => {
    setFailure(undefined)
    setMessage(text)
  }
  const failed = (error: unknown) => {
    setMessage(undefined)
    setFailure(error)
  }

  const createTestCertificate = async () => {
    setCreating(true)
    try {
      const stored = await createTest(company.id)
      told(said('certificates.created', { name: stored.name }))
    } catch (error) {
      failed(error)
    } finally {
      setCreating(false)
    }
  }

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button
          variant="contained"
          startIcon={<PostAddIcon />}
          onClick={() => setDialog({ kind: 'enroll' })}
          data-testid="certificate-enroll"
        >
          {t('certificates.enroll')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<AddIcon />}
          onClick={() => setDialog({ kind: 'import' })}
          data-testid="certificate-import"
        >
          {t('certificates.import')}
        </Button>
        {company.environment === 'Test' && (
          <Button
            variant="outlined"
            startIcon={<ScienceOutlinedIcon />}
            disabled={creating}
            onClick={() => void createTestCertificate()}
            data-testid="certificate-create-test"
          >
            {t('certificates.createTest')}
          </Button>
        )}
        <Button
          startIcon={<VpnKeyOutlinedIcon />}
          onClick={() => setPublicKeys(true)}
          disabled={publicKeys}
          data-testid="public-keys-open"
        >
          {t('certificates.publicKeys.open')}
        </Button>
      </Stack>
      <CompanyLoginCredential company={company} />
      {publicKeys && (
        <PublicKeysPanel environment={company.environment} onClose={() => setPublicKeys(false)} />
      )}
      <ListingNotices companyId={company.id} />
      {message && (
        <Alert
          severity="success"
          onClose={() => setMessage(undefined)}
          data-testid="certificates-info"
        >
          {t(message.key, message.values)}
        </Alert>
      )}
      {failure !== undefined && <ErrorAlert error={failure} testId="certificates-error" />}
      {loadError !== undefined && <ErrorAlert error={loadError} testId="certificates-load-error" />}
      <CertificateList
        company={company}
        session={session ?? null}
        onOpen={(next) => {
          setMessage(undefined)
          setFailure(undefined)
          setDialog(next)
        }}
        onDone={told}
        onFailed={failed}
      />
      {dialog?.kind === 'enroll' && (
        <EnrollmentDialog
          company={company}
          session={session ?? null}
          onClose={close}
          onDone={told}
        />
      )}
      {dialog?.kind === 'import' && (
        <ImportCertificateDialog companyId={company.id} onClose={close} />
      )}
      {dialog?.kind === 'revoke' && (
        <RevokeDialog
          company={company}
          row={dialog.row}
          session={session ?? null}
          superseded={dialog.superseded ?? false}
          onClose={close}
          onDone={told}
        />
      )}
      {dialog?.kind === 'export' && (
        <ExportDialog companyId={company.id} row={dialog.row} onClose={close} onDone={told} />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveCertificateDialog company={company} row={dialog.row} onClose={close} onDone={told} />
      )}
      {dialog?.kind === 'offline' && (
        <OfflineCheckDialog companyId={company.id} row={dialog.row} onClose={close} />
      )}
      {dialog?.kind === 'renew' && (
        <RenewDialog
          company={company}
          row={dialog.row}
          session={session ?? null}
          onClose={close}
          onRenewed={(old) => setDialog({ kind: 'revoke', row: old, superseded: true })}
        />
      )}
    </Stack>
  )
}
