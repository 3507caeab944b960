import AddIcon from '@mui/icons-material/Add'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { identityIdentifier, type IdentityRow } from '../../../../shared/domain/identities'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDate } from '../../format'
import { useApp } from '../../store/app'
import { useIdentities } from '../../store/identities'
import { AssignIdentityDialog } from './AssignIdentityDialog'
import { IdentityFilesDialog } from './IdentityFilesDialog'

type Dialog =
  | { kind: 'import' }
  | { kind: 'assign'; row: IdentityRow }
  | { kind: 'renew'; row: IdentityRow }
  | { kind: 'remove'; row: IdentityRow }

type Message = { key: string; values: Record<string, string | number> }

/**
 * Tożsamości: the office's certificates stored once, each with the companies it logs in; import,
 * assign to many companies, renew (the companies follow), remove (asked with the count).
 */
export function IdentitiesView() {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const rows = useIdentities((state) => state.rows)
  const load = useIdentities((state) => state.load)
  const importIdentity = useIdentities((state) => state.importIdentity)
  const renew = useIdentities((state) => state.renew)
  const remove = useIdentities((state) => state.remove)
  const [dialog, setDialog] = useState<Dialog>()
  const [message, setMessage] = useState<Message>()
  const [failure, setFailure] = useState<unknown>()

  useEffect(() => {
    load().catch(setFailure)
  }, [load])
  const close = () => setDialog(undefined)
  const told = (key: string, values: Record<string, string | number>) => {
    setFailure(undefined)
    setMessage({ key, values })
  }

  return (
    <Stack spacing={2} sx={{ p: 2 }} data-testid="identities-view">
      <Typography variant="h5" component="h1">
        {t('identities.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('identities.intro')}
      </Typography>
      <Alert severity="info" data-testid="identities-rule">
        {t('identities.rule')}
      </Alert>
      <Stack direction="row">
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => setDialog({ kind: 'import' })}
          data-testid="identity-import"
        >
          {t('identities.import')}
        </Button>
      </Stack>
      {message && (
        <Alert
          severity="success"
          onClose={() => setMessage(undefined)}
          data-testid="identities-info"
        >
          {t(message.key, message.values)}
        </Alert>
      )}
      {failure !== undefined && <ErrorAlert error={failure} testId="identities-error" />}
      {rows.length === 0 ? (
        <Typography color="text.secondary" data-testid="identities-empty">
          {t('identities.empty')}
        </Typography>
      ) : (
        <Table size="small" data-testid="identities-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('identities.columns.subject')}</TableCell>
              <TableCell>{t('identities.columns.identifier')}</TableCell>
              <TableCell>{t('identities.columns.kind')}</TableCell>
              <TableCell>{t('identities.columns.environments')}</TableCell>
              <TableCell>{t('identities.columns.validTo')}</TableCell>
              <TableCell>{t('identities.columns.companies')}</TableCell>
              <TableCell>{t('identities.columns.actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => {
              const identifier = identityIdentifier(row)
              return (
                <TableRow key={row.id} data-testid="identity-row">
                  <TableCell>
                    <Typography variant="body2">{row.name}</Typography>
                    <Typography variant="caption" color="text.secondary">
                      {row.subject}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {`${t(`identities.identifierTypes.${identifier.type}`)} `}
                    <span style={{ wordBreak: 'break-all' }}>{identifier.value}</span>
                  </TableCell>
                  <TableCell>{t(`certificates.kinds.${row.kind}`)}</TableCell>
                  <TableCell>
                    {row.environments.map((e) => t(`environment.${e}`)).join(', ')}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {formatDate(row.validTo, language)}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }} data-testid="identity-companies">
                    {t('identities.companies', { count: row.companyIds.length })}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Button
                      size="small"
                      onClick={() => setDialog({ kind: 'assign', row })}
                      data-testid="identity-assign"
                    >
                      {t('identities.assign')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => setDialog({ kind: 'renew', row })}
                      data-testid="identity-renew"
                    >
                      {t('identities.renew')}
                    </Button>
                    <Button
                      size="small"
                      color="error"
                      onClick={() => setDialog({ kind: 'remove', row })}
                      data-testid="identity-remove"
                    >
                      {t('identities.remove')}
                    </Button>
                  </TableCell>
                </TableRow>
              )
            })}
          </TableBody>
        </Table>
      )}
      {dialog?.kind === 'import' && (
        <IdentityFilesDialog
          title={t('identities.import')}
          intro={t('identities.importHelp')}
          submitLabel={t('certificates.save')}
          onSubmit={async (files, password) => {
            const row = await importIdentity(files, password)
            told('identities.stored', { name: row.name })
          }}
          onClose={close}
          testId="import-identity"
        />
      )}
      {dialog?.kind === 'renew' && (
        <IdentityFilesDialog
          title={t('identities.renewTitle', { name: dialog.row.name })}
          intro={t('identities.renewBody', { count: dialog.row.companyIds.length })}
          submitLabel={t('identities.renewSubmit')}
          onSubmit={async (files, password) => {
            const row = await renew(dialog.row.id, files, password)
            told('identities.renewed', { name: row.name, count: row.companyIds.length })
          }}
          onClose={close}
          testId="renew-identity"
        />
      )}
      {dialog?.kind === 'assign' && (
        <AssignIdentityDialog
          identityId={dialog.row.id}
          onClose={close}
          onAssigned={(row) =>
            told('identities.assigned', { name: row.name, count: row.companyIds.length })
          }
        />
      )}
      {dialog?.kind === 'remove' && (
        <ConfirmDialog
          title={t('identities.removeTitle', { name: dialog.row.name })}
          body={`${t('identities.removeBody')} ${
            dialog.row.companyIds.length === 0
              ? t('identities.removeUnused')
              : t('identities.removeInUse', { count: dialog.row.companyIds.length })
          }`}
          confirmLabel={t('identities.removeConfirm')}
          onConfirm={async () => {
            await remove(dialog.row.id)
            told('identities.removed', { name: dialog.row.name })
          }}
          onClose={close}
        />
      )}
    </Stack>
  )
}
