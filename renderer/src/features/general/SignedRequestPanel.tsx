import DownloadIcon from '@mui/icons-material/Download'
import UploadFileIcon from '@mui/icons-material/UploadFile'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import FormControlLabel from '@mui/material/FormControlLabel'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Switch from '@mui/material/Switch'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { offerDownload, readFilePayload } from '../../files'
import { formatDateTime } from '../../format'
import { useNow } from '../../hooks/useNow'
import { useApp } from '../../store/app'
import { signedRequestActions, useAuth } from '../../store/auth'
import { ActionError } from './ActionError'

/**
 * The external signature path: download the unsigned request, sign it elsewhere (qualified
 * signature, Profil Zaufany, company seal), load it back; then the operations list.
 */
export function SignedRequestPanel() {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const { state, busy, downloadRequest, submitSignedRequest, checkStatus, redeem, setAutoMode } =
    useAuth()
  const input = useRef<HTMLInputElement>(null)
  const now = useNow(1000)
  const challenge = state?.challenge
  const secondsLeft = challenge
    ? Math.max(0, Math.floor((Date.parse(challenge.expiresAt) - now) / 1000))
    : 0

  const download = async () => {
    const file = await downloadRequest()
    if (file) offerDownload(file.fileName, file.xml, 'application/xml')
  }

  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        {t('auth.signedTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('auth.signedHelp')}
      </Typography>
      <Stack
        direction="row"
        spacing={1.5}
        sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}
      >
        <Button
          variant="outlined"
          startIcon={<DownloadIcon />}
          disabled={busy !== undefined}
          onClick={() => void download()}
          data-testid="download-request"
        >
          {t('auth.downloadRequest')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<UploadFileIcon />}
          disabled={busy !== undefined}
          onClick={() => input.current?.click()}
        >
          {t('auth.submitSigned')}
        </Button>
        <input
          ref={input}
          type="file"
          accept=".xml"
          hidden
          data-testid="signed-request-file"
          onChange={(event) => {
            const picked = event.target.files?.[0]
            event.target.value = ''
            if (picked) void readFilePayload(picked).then(submitSignedRequest)
          }}
        />
        {challenge && (
          <Chip
            color={secondsLeft > 60 ? 'info' : 'warning'}
            label={
              secondsLeft > 0
                ? t('auth.challengeCountdown', {
                    time: `${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')}`,
                  })
                : t('auth.challengeExpired')
            }
            data-testid="challenge-countdown"
          />
        )}
      </Stack>
      <ActionError actions={signedRequestActions} testId="signed-request-error" />
      <FormControlLabel
        sx={{ mt: 1 }}
        control={
          <Switch
            checked={state?.autoMode ?? false}
            onChange={(event) => void setAutoMode(event.target.checked)}
            data-testid="auto-mode"
          />
        }
        label={t('auth.autoMode')}
      />
      <Typography variant="subtitle2" sx={{ mt: 2, mb: 0.5 }}>
        {t('auth.operations')}
      </Typography>
      {state && state.operations.length > 0 ? (
        <Table size="small" data-testid="operations-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('auth.reference')}</TableCell>
              <TableCell>{t('auth.method')}</TableCell>
              <TableCell>{t('auth.started')}</TableCell>
              <TableCell>{t('auth.status')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {state.operations.map((operation) => (
              <TableRow key={operation.referenceNumber} data-testid="operation-row">
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                  {operation.referenceNumber}
                </TableCell>
                <TableCell>{t(`auth.methods.${operation.method}`)}</TableCell>
                <TableCell>{formatDateTime(operation.startedAt, language)}</TableCell>
                <TableCell data-testid="operation-status">
                  {operation.status.code} —{' '}
                  {operation.redeemed ? t('auth.redeemed') : operation.status.description}
                </TableCell>
                <TableCell align="right">
                  <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
                    <Button
                      size="small"
                      disabled={busy !== undefined || operation.redeemed}
                      onClick={() => void checkStatus(operation.referenceNumber)}
                      data-testid="operation-check"
                    >
                      {t('auth.checkStatus')}
                    </Button>
                    <Button
                      size="small"
                      variant="outlined"
                      disabled={
                        busy !== undefined || operation.redeemed || operation.status.code !== 200
                      }
                      onClick={() => void redeem(operation.referenceNumber)}
                      data-testid="operation-redeem"
                    >
                      {t('auth.redeem')}
                    </Button>
                  </Box>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {t('auth.noOperations')}
        </Typography>
      )}
    </Paper>
  )
}
