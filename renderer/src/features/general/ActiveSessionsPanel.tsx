import RefreshIcon from '@mui/icons-material/Refresh'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { formatDateTime } from '../../format'
import { useApp } from '../../store/app'
import { useAuth } from '../../store/auth'
import { ActionError } from './ActionError'

/** The context's authentication sessions in KSeF, each revocable. */
export function ActiveSessionsPanel() {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const { state, sessions, busy, loadSessions, revokeSession } = useAuth()
  // Revoking the session marked bieżąca logs the company out: that one asks first.
  const [confirmCurrent, setConfirmCurrent] = useState<string>()
  if (!state?.session) return null
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1 }}>
          {t('auth.activeSessions')}
        </Typography>
        <Button
          size="small"
          startIcon={<RefreshIcon />}
          disabled={busy !== undefined}
          onClick={() => void loadSessions()}
          data-testid="sessions-load"
        >
          {t('auth.loadSessions')}
        </Button>
      </Stack>
      {sessions && (
        <Table size="small" data-testid="sessions-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('auth.reference')}</TableCell>
              <TableCell>{t('auth.method')}</TableCell>
              <TableCell>{t('auth.started')}</TableCell>
              <TableCell>{t('auth.refreshUntil')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {sessions.map((session) => (
              <TableRow key={session.referenceNumber} data-testid="session-row">
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                  {session.referenceNumber}{' '}
                  {session.isCurrent && (
                    <Chip size="small" color="success" label={t('auth.current')} />
                  )}
                </TableCell>
                <TableCell data-testid="session-method">
                  {t(`auth.sessionMethods.${session.method}`)}
                  {session.methodDetail && (
                    <Typography
                      variant="caption"
                      color="text.secondary"
                      component="div"
                      data-testid="session-method-detail"
                    >
                      {t('auth.methodDetail')}:{' '}
                      <span lang="pl">{t('ksef.quoted', { text: session.methodDetail })}</span>
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{formatDateTime(session.startDate, language)}</TableCell>
                <TableCell>
                  {session.refreshTokenValidUntil
                    ? formatDateTime(session.refreshTokenValidUntil, language)
                    : '—'}
                </TableCell>
                <TableCell align="right">
                  <Button
                    size="small"
                    color="error"
                    disabled={busy !== undefined}
                    onClick={() =>
                      session.isCurrent
                        ? setConfirmCurrent(session.referenceNumber)
                        : void revokeSession(session.referenceNumber)
                    }
                    data-testid="session-revoke"
                  >
                    {t('auth.revokeSession')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ActionError actions={['sessions']} testId="sessions-error" />
      {confirmCurrent && (
        <ConfirmDialog
          title={t('auth.revokeCurrentTitle')}
          body={t('auth.revokeCurrentBody')}
          confirmLabel={t('auth.revokeCurrentConfirm')}
          onConfirm={() => revokeSession(confirmCurrent)}
          onClose={() => setConfirmCurrent(undefined)}
        />
      )}
    </Paper>
  )
}
