import DownloadIcon from '@mui/icons-material/Download'
import UploadFileIcon from '@mui/icons-material/UploadFile'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import FormControlLabel from '@mui/material/FormControlLabel'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Switch from '@mui/material/Switch'
import Typography from '@mui/material/Typography'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { offerDownload, readFilePayload } from '../../files'
import { useNow } from '../../hooks/useNow'
import { signedRequestActions, useAuth } from '../../store/auth'
import { ActionError } from './ActionError'
import { OperationsTable } from './OperationsTable'

/**
 * The external signature path: download the unsigned request, sign it elsewhere (qualified
 * signature, Profil Zaufany, company seal), load it back; then the operations list.
 */
export function SignedRequestPanel() {
  const { t } = useTranslation()
  const { state, busy, downloadRequest, submitSignedRequest, setAutoMode } = useAuth()
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
      {/* gap, not spacing: spacing's margins indent the button that wraps to the next line. */}
      <Stack direction="row" useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1.5 }}>
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
          data-testid="submit-signed"
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
      <OperationsTable />
    </Paper>
  )
}
