import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { errorText } from '../../errors'
import { useApp } from '../../store/app'

/** Problems main found at start-up (a damaged settings file moved aside, a locked keychain). */
export function NoticeBar() {
  const { t } = useTranslation()
  const { status, dismissNotice, resetSecrets } = useApp()
  const [confirmingReset, setConfirmingReset] = useState(false)
  if (!status || status.notices.length === 0) return null
  return (
    <Stack spacing={1} sx={{ p: 1 }} data-testid="notices">
      {status.notices.map((notice) => (
        <Alert
          key={notice.id}
          severity="warning"
          action={
            <Stack direction="row" spacing={1}>
              {notice.error.code === 'SECRETS_LOCKED' && (
                <Button
                  color="inherit"
                  size="small"
                  onClick={() => setConfirmingReset(true)}
                  data-testid="reset-secrets"
                >
                  {t('app.resetSecrets.button')}
                </Button>
              )}
              <Button color="inherit" size="small" onClick={() => void dismissNotice(notice.id)}>
                {t('app.dismiss')}
              </Button>
            </Stack>
          }
        >
          {errorText(t, notice.error)}
        </Alert>
      ))}
      {confirmingReset && (
        <ConfirmDialog
          title={t('app.resetSecrets.title')}
          body={t('app.resetSecrets.body')}
          confirmLabel={t('app.resetSecrets.confirm')}
          onConfirm={resetSecrets}
          onClose={() => setConfirmingReset(false)}
        />
      )}
    </Stack>
  )
}
