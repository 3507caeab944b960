import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Company } from '../../../../shared/domain/company'
import type { ChannelOutput } from '../../../../shared/ipc/contract'
import { api } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useCompanyCertificates } from '../../store/certificates'
import { useIdentities } from '../../store/identities'
import { AssignIdentityDialog } from './AssignIdentityDialog'

type ForCompany = ChannelOutput<'identities:forCompany'>

/**
 * On a company's Certyfikaty tab: which credential "Zaloguj certyfikatem KSeF" uses (main decides
 * it: shared/domain/identities loginCertificateOf), and the company's identity, to assign or detach.
 */
export function CompanyLoginCredential({ company }: { company: Company }) {
  const { t } = useTranslation()
  const changes = useIdentities((state) => state.changes)
  const loadIdentities = useIdentities((state) => state.load)
  const unassign = useIdentities((state) => state.unassign)
  const { listing } = useCompanyCertificates(company.id)
  const [current, setCurrent] = useState<ForCompany>()
  const [assigning, setAssigning] = useState(false)
  const [failure, setFailure] = useState<unknown>()

  useEffect(() => {
    let live = true
    api
      .invoke('identities:forCompany', { companyId: company.id })
      .then((answer) => live && setCurrent(answer))
      .catch((error: unknown) => live && setFailure(error))
    return () => {
      live = false
    }
  }, [company.id, changes, listing])

  if (!current) return failure === undefined ? null : <ErrorAlert error={failure} />
  const { loginCertificate, identity } = current
  const line =
    loginCertificate.kind === 'certificate'
      ? t('identities.loginCertificate', { name: loginCertificate.name })
      : loginCertificate.kind === 'identity'
        ? t('identities.loginIdentity', { name: loginCertificate.name })
        : t('identities.loginNone')

  return (
    <Alert
      severity={loginCertificate.kind === 'none' ? 'warning' : 'info'}
      icon={false}
      data-testid="company-login-credential"
    >
      <Stack spacing={1}>
        <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="company-login-line">
          {line}
        </Typography>
        {identity && loginCertificate.kind === 'certificate' && (
          <Typography variant="body2">
            {t('identities.assignedIdle', { name: identity.name })}
          </Typography>
        )}
        <Stack direction="row" sx={{ gap: 1 }}>
          <Button
            size="small"
            variant="outlined"
            onClick={() => {
              setFailure(undefined)
              loadIdentities()
                .then(() => setAssigning(true))
                .catch(setFailure)
            }}
            data-testid="company-assign-identity"
          >
            {t('identities.assignHere')}
          </Button>
          {identity && (
            <Button
              size="small"
              onClick={() => {
                setFailure(undefined)
                unassign(identity.id, [company.id]).catch(setFailure)
              }}
              data-testid="company-unassign-identity"
            >
              {t('identities.unassignHere')}
            </Button>
          )}
        </Stack>
        {failure !== undefined && <ErrorAlert error={failure} />}
      </Stack>
      {assigning && (
        <AssignIdentityDialog companyIds={[company.id]} onClose={() => setAssigning(false)} />
      )}
    </Alert>
  )
}
