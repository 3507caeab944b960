import AutorenewIcon from '@mui/icons-material/Autorenew'
import BlockIcon from '@mui/icons-material/Block'
import CloudDownloadOutlinedIcon from '@mui/icons-material/CloudDownloadOutlined'
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined'
import FactCheckOutlinedIcon from '@mui/icons-material/FactCheckOutlined'
import FileDownloadOutlinedIcon from '@mui/icons-material/FileDownloadOutlined'
import QrCode2Icon from '@mui/icons-material/QrCode2'
import RefreshIcon from '@mui/icons-material/Refresh'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { SessionSummary } from '../../../../shared/domain/auth'
import {
  certificateActions,
  type CertificateAction,
} from '../../../../shared/domain/certificate-actions'
import type { Company } from '../../../../shared/domain/company'
import type { CertificateRow } from '../../../../shared/domain/ksef-certificates'
import {
  CredentialTable,
  DefaultRadio,
  type CredentialAction,
  type CredentialColumn,
} from '../../components/CredentialTable'
import { ErrorAlert } from '../../components/ErrorAlert'
import { ExpiryChip } from '../../components/ExpiryChip'
import { formatDate, formatDateTime } from '../../format'
import { useNow } from '../../hooks/useNow'
import { useApp } from '../../store/app'
import { useCertificates, useCompanyCertificates } from '../../store/certificates'
import type { CertificateDialog } from './CertificatesTab'
import { CertificateStatusChip, LocationChip } from './CertificateStatus'
import { said, type TabMessage } from './tab-message'

interface Props {
  company: Company
  session: SessionSummary | null
  onOpen: (dialog: CertificateDialog) => void
  onDone: (message: TabMessage) => void
  onFailed: (error: unknown) => void
}

/** One list per company: this computer's certificates and enrollments reconciled with KSeF's. */
export function CertificateList({ company, session, onOpen, onDone, onFailed }: Props) {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const now = useNow(60_000)
  const { listing, readingKsef, ksefError, loadError, working } = useCompanyCertificates(company.id)
  // The actions only: the list itself comes from this company's slice.
  const { refresh, load, checkStatus, retrieve, forgetEnrollment, setDefault } = useCertificates(
    useShallow(({ refresh, load, checkStatus, retrieve, forgetEnrollment, setDefault }) => ({
      refresh,
      load,
      checkStatus,
      retrieve,
      forgetEnrollment,
      setDefault,
    })),
  )
  const rows = listing?.rows ?? []

  const attempt = (work: () => Promise<unknown>) =>
    void work().catch((error: unknown) => onFailed(error))

  const actionOf = (row: CertificateRow, action: CertificateAction): CredentialAction | null => {
    const busy = working[row.id] !== undefined
    const certificateId = row.certificate?.id
    const enrollmentId = row.enrollment?.id
    switch (action) {
      case 'checkStatus':
        return {
          id: action,
          label: t('certificates.actions.checkStatus'),
          icon: busy ? <CircularProgress size={16} /> : <FactCheckOutlinedIcon />,
          disabled: busy || !enrollmentId,
          testId: 'certificate-check-status',
          onClick: () =>
            enrollmentId && attempt(() => checkStatus(company.id, row.id, enrollmentId)),
        }
      case 'retrieve':
        return {
          id: action,
          label: t('certificates.actions.retrieve'),
          icon: busy ? <CircularProgress size={16} /> : <CloudDownloadOutlinedIcon />,
          disabled: busy || !enrollmentId,
          testId: 'certificate-retrieve',
          onClick: () =>
            enrollmentId &&
            attempt(async () => {
              const result = await retrieve(company.id, row.id, enrollmentId)
              onDone(
                said(
                  result.certificate?.isDefault
                    ? 'certificates.retrievedDefault'
                    : 'certificates.retrieved',
                  { name: result.certificate?.name ?? row.name },
                ),
              )
            }),
        }
      case 'export':
        return {
          id: action,
          label: t('certificates.actions.export'),
          icon: <FileDownloadOutlinedIcon />,
          testId: 'certificate-export',
          onClick: () => onOpen({ kind: 'export', row }),
        }
      case 'offlineCheck':
        return {
          id: action,
          label: t('certificates.actions.offlineCheck'),
          icon: <QrCode2Icon />,
          testId: 'certificate-offline-check',
          onClick: () => onOpen({ kind: 'offline', row }),
        }
      case 'renew':
        return {
          id: action,
          label: t('certificates.actions.renew'),
          icon: <AutorenewIcon />,
          disabled: busy,
          testId: 'certificate-renew',
          onClick: () => onOpen({ kind: 'renew', row }),
        }
      case 'revoke':
        return {
          id: action,
          label: t('certificates.actions.revoke'),
          icon: <BlockIcon />,
          danger: true,
          disabled: busy,
          testId: 'certificate-revoke',
          onClick: () => onOpen({ kind: 'revoke', row }),
        }
      case 'remove':
        return certificateId
          ? {
              id: action,
              label: t('certificates.remove'),
              icon: <DeleteOutlinedIcon />,
              danger: true,
              disabled: busy,
              testId: 'certificate-remove',
              onClick: () => onOpen({ kind: 'remove', row }),
            }
          : null
      case 'forget':
        return {
          id: action,
          label: t('certificates.actions.forget'),
          icon: <DeleteOutlinedIcon />,
          disabled: busy || !enrollmentId,
          testId: 'certificate-forget-enrollment',
          onClick: () =>
            enrollmentId && attempt(() => forgetEnrollment(company.id, row.id, enrollmentId)),
        }
      case 'makeDefault':
        return null
    }
  }

  // Sprawdź status and Pobierz certyfikat are the next step of an enrollment: shown as words
  // beside its status, not hidden behind an icon.
  const isStep = (action: CertificateAction) => action === 'checkStatus' || action === 'retrieve'
  const enrollmentSteps = (row: CertificateRow): CredentialAction[] =>
    certificateActions(row)
      .filter(isStep)
      .map((action) => actionOf(row, action))
      .filter((action): action is CredentialAction => action !== null)

  const columns: CredentialColumn<CertificateRow>[] = [
    {
      id: 'default',
      header: (
        <Typography variant="caption" sx={{ fontWeight: 600 }}>
          {t('certificates.default')}
        </Typography>
      ),
      padding: 'checkbox',
      width: 68,
      align: 'center',
      cell: (row) =>
        certificateActions(row).includes('makeDefault') && row.certificate ? (
          <DefaultRadio
            checked={row.isDefault}
            disabled={working[row.id] !== undefined}
            onSelect={() => {
              const id = row.certificate?.id
              if (id) attempt(() => setDefault(company.id, row.id, id))
            }}
            label={t('certificates.default')}
            help={t('certificates.defaultHelp', { kind: t(`certificates.kinds.${row.kind}`) })}
            testId="certificate-default"
          />
        ) : null,
    },
    {
      id: 'name',
      header: t('certificates.name'),
      cell: (row) => <NameCell row={row} t={t} />,
    },
    {
      id: 'kind',
      header: t('certificates.kind'),
      width: 144,
      hideBelow: 'lg',
      cell: (row) => (
        <Tooltip title={t(`certificates.kinds.${row.kind}`)}>
          <span>{t(`certificates.kindsShort.${row.kind}`)}</span>
        </Tooltip>
      ),
    },
    {
      id: 'status',
      header: t('certificates.status'),
      width: 132,
      cell: (row) => (
        <>
          <CertificateStatusChip row={row} />
          {enrollmentSteps(row).map((step) => (
            <Button
              key={step.id}
              size="small"
              variant="outlined"
              startIcon={step.icon}
              disabled={step.disabled}
              onClick={step.onClick}
              sx={{ mt: 1, lineHeight: 1.2, textAlign: 'left' }}
              data-testid={step.testId}
            >
              {step.label}
            </Button>
          ))}
          {row.lastUseDate && (
            <Typography
              variant="caption"
              color="text.secondary"
              component="div"
              sx={{ mt: 0.5 }}
              data-testid="certificate-last-use"
            >
              {t('certificates.lastUse', { date: formatDateTime(row.lastUseDate, language) })}
            </Typography>
          )}
        </>
      ),
    },
    {
      id: 'serial',
      header: t('certificates.serialNumber'),
      width: 150,
      hideBelow: 'lg',
      cell: (row) => <Serial value={row.serialNumber} testId="certificate-serial" />,
    },
    {
      id: 'validity',
      header: t('certificates.validity'),
      width: 120,
      cell: (row) =>
        row.validFrom || row.validTo ? (
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.25 }}>
            {row.validFrom && (
              <Typography variant="body2" noWrap data-testid="certificate-valid-from">
                {`${formatDate(row.validFrom, language)} –`}
              </Typography>
            )}
            {row.validTo && (
              <Typography variant="body2" noWrap data-testid="certificate-valid-to">
                {formatDate(row.validTo, language)}
              </Typography>
            )}
            {row.validTo && row.ksefStatus !== 'Revoked' && (
              <Box>
                <ExpiryChip validTo={row.validTo} now={now} />
              </Box>
            )}
          </Box>
        ) : (
          '—'
        ),
    },
  ]

  const toolbar: ReactNode = (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      <Typography variant="caption" color="text.secondary" data-testid="certificates-ksef-checked">
        {listing?.ksefCheckedAt
          ? t('certificates.ksefCheckedAt', {
              time: formatDateTime(listing.ksefCheckedAt, language),
            })
          : session
            ? t('certificates.ksefNotChecked')
            : t('certificates.ksefNeedsSession')}
      </Typography>
      <Button
        size="small"
        startIcon={readingKsef ? <CircularProgress size={16} /> : <RefreshIcon />}
        disabled={readingKsef || !session}
        onClick={() => void (listing?.ksefCheckedAt ? refresh(company.id) : load(company.id, true))}
        data-testid="certificates-refresh"
      >
        {t('certificates.refreshKsef')}
      </Button>
    </Box>
  )

  return (
    <>
      <CredentialTable
        title={t('certificates.listTitle')}
        toolbar={toolbar}
        rows={rows}
        rowKey={(row) => row.id}
        columns={columns}
        actions={(row) =>
          certificateActions(row)
            .filter((action) => !isStep(action))
            .map((action) => actionOf(row, action))
            .filter((action): action is CredentialAction => action !== null)
        }
        empty={t('certificates.empty')}
        loading={listing === undefined && loadError === undefined}
        flagged={(row) => row.location === 'thisComputerUnusable'}
        testIds={{
          table: 'certificates-table',
          row: 'certificate-row',
          empty: 'certificates-empty',
        }}
      />
      {ksefError !== undefined && !readingKsef && (
        <ErrorAlert error={ksefError} testId="certificates-ksef-error" />
      )}
    </>
  )
}

function NameCell({ row, t }: { row: CertificateRow; t: TFunction }) {
  const certificate = row.certificate
  const identifier = certificate?.subjectIdentifier
  return (
    <Box data-testid="certificate-name-cell">
      <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="certificate-name">
        {row.name}
      </Typography>
      <Typography
        variant="caption"
        color="text.secondary"
        component="div"
        sx={{ display: { lg: 'none' } }}
      >
        {t(`certificates.kindsShort.${row.kind}`)}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        {[
          identifier ? `${identifier.type === 'Nip' ? 'NIP' : 'PESEL'} ${identifier.value}` : null,
          certificate ? t(`certificates.issuers.${certificate.issuerKind}`) : null,
          certificate?.keyAlgorithm ?? (row.enrollment ? keyLabel(row.enrollment.keyType) : null),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography>
      <Box sx={{ display: { lg: 'none' } }}>
        <Serial value={row.serialNumber} testId="certificate-serial-compact" />
      </Box>
      <LocationChip row={row} />
    </Box>
  )
}

const keyLabel = (keyType: 'EC' | 'RSA') => (keyType === 'EC' ? 'EC P-256' : 'RSA 2048')

function Serial({ value, testId }: { value: string | null; testId: string }) {
  if (!value) return null
  return (
    <Typography
      variant="caption"
      component="div"
      sx={{ fontFamily: 'monospace', fontSize: 12, overflowWrap: 'anywhere' }}
      data-testid={testId}
    >
      {value}
    </Typography>
  )
}
