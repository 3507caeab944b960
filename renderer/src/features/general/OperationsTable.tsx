import ClearAllIcon from '@mui/icons-material/ClearAll'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import type { TFunction } from 'i18next'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { operationIsFinished, type AuthOperation } from '../../../../shared/domain/auth'
import { explainKsefCode } from '../../../../shared/ksef/codes'
import { errorText } from '../../errors'
import { formatDateTime } from '../../format'
import { useNow } from '../../hooks/useNow'
import { useApp } from '../../store/app'
import { useAuth } from '../../store/auth'

/**
 * The authentication operations: the ones still open with Sprawdź status / Pobierz token
 * dostępowy, the finished ones compact and without buttons, Wyczyść to remove those.
 */
export function OperationsTable() {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const { state, busy, checkStatus, redeem, clearFinished } = useAuth()
  const now = useNow(10_000)
  const operations = state?.operations ?? []
  const anyFinished = operations.some((operation) => operationIsFinished(operation, now))
  return (
    <>
      <Stack direction="row" sx={{ alignItems: 'center', mt: 2, mb: 0.5 }}>
        <Typography variant="subtitle2" sx={{ flex: 1 }}>
          {t('auth.operations')}
        </Typography>
        {anyFinished && (
          <Button
            size="small"
            startIcon={<ClearAllIcon />}
            disabled={busy !== undefined}
            onClick={() => void clearFinished()}
            title={t('auth.clearFinishedHint')}
            data-testid="operations-clear"
          >
            {t('auth.clearFinished')}
          </Button>
        )}
      </Stack>
      {operations.length > 0 ? (
        <Table size="small" data-testid="operations-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('auth.reference')}</TableCell>
              <TableCell>{t('auth.method')}</TableCell>
              <TableCell>{t('auth.started')}</TableCell>
              <TableCell>{t('auth.status')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {operations.map((operation) => {
              const finished = operationIsFinished(operation, now)
              // An open operation's buttons get a line of their own under it: beside four
              // columns they would not fit 1024 px without wrapping or scrolling sideways.
              const underRow = finished ? undefined : { '& td': { borderBottom: 0 } }
              return (
                <Fragment key={operation.referenceNumber}>
                  <TableRow
                    data-testid="operation-row"
                    data-finished={finished}
                    sx={finished ? { '& td': { py: 0.25, color: 'text.secondary' } } : underRow}
                  >
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                      {operation.refusal ? '—' : operation.referenceNumber}
                    </TableCell>
                    <TableCell>{t(`auth.methods.${operation.method}`)}</TableCell>
                    <TableCell>{formatDateTime(operation.startedAt, language)}</TableCell>
                    {operation.refusal ? (
                      <TableCell data-testid="operation-status">
                        {t('auth.refusedBeforeKsef', {
                          error: errorText(t, { ...operation.refusal, message: '' }),
                        })}
                      </TableCell>
                    ) : (
                      <TableCell data-testid="operation-status" title={ksefWords(t, operation)}>
                        {statusText(t, language, operation)}
                      </TableCell>
                    )}
                  </TableRow>
                  {!finished && (
                    <TableRow data-testid="operation-actions">
                      <TableCell colSpan={4} align="right" sx={{ pt: 0 }}>
                        <Box sx={{ display: 'inline-flex', gap: 1 }}>
                          <Button
                            size="small"
                            disabled={busy !== undefined}
                            onClick={() => void checkStatus(operation.referenceNumber)}
                            sx={{ whiteSpace: 'nowrap' }}
                            data-testid="operation-check"
                          >
                            {t('auth.checkStatus')}
                          </Button>
                          <Button
                            size="small"
                            variant="outlined"
                            disabled={busy !== undefined || operation.status.code !== 200}
                            onClick={() => void redeem(operation.referenceNumber)}
                            sx={{ whiteSpace: 'nowrap' }}
                            data-testid="operation-redeem"
                          >
                            {t('auth.redeem')}
                          </Button>
                        </Box>
                      </TableCell>
                    </TableRow>
                  )}
                </Fragment>
              )
            })}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {t('auth.noOperations')}
        </Typography>
      )}
    </>
  )
}

/** The status in the app's words, keyed by KSeF's code; KSeF's own text stays a detail. */
function statusText(t: TFunction, language: 'pl' | 'en', operation: AuthOperation): string {
  const words = operation.redeemed
    ? t('auth.redeemed')
    : explainKsefCode('authStatus', operation.status.code)[language].title
  return `${operation.status.code} — ${words}`
}

function ksefWords(t: TFunction, operation: AuthOperation): string {
  const texts = [operation.status.description, ...operation.status.details].filter(Boolean)
  return `${t('ksef.details')}: ${texts.map((text) => t('ksef.quoted', { text })).join('; ')}`
}
