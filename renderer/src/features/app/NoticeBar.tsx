import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { errorText } from '../../errors'
import { useApp } from '../../store/app'

/**
 * Problems main found at start-up (a settings or secrets file that does not open, no keyring),
 * with what the user may decide about a file that does not open.
 */
export function NoticeBar() {
  const { t } = useTranslation()
  const { status, dismissNotice, resetSecrets, setAsideSettings } = useApp()
  const [confirming, setConfirming] = useState<'resetSecrets' | 'setAsideSettings'>()
  if (!status || status.notices.length === 0) return null
  return (
    <Stack spacing={1} sx={{ p: 1 }} data-testid="notices">
      {status.notices.map((notice) => (
        <Alert
          key={notice.id}
          severity="warning"
          action={
            <Stack direction="row" spacing={1}>
              {notice.action && (
                <Button
                  color="inherit"
                  size="small"
                  onClick={() => setConfirming(notice.action)}
                  data-testid={
                    notice.action === 'resetSecrets' ? 'reset-secrets' : 'set-aside-settings'
                  }
                >
                  {t(`app.${notice.action}.button`)}
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
      {confirming && (
        <ConfirmDialog
          title={t(`app.${confirming}.title`)}
          body={t(`app.${confirming}.body`)}
          confirmLabel={t(`app.${confirming}.confirm`)}
          onConfirm={confirming === 'resetSecrets' ? resetSecrets : setAsideSettings}
          onClose={() => setConfirming(undefined)}
        />
      )}
    </Stack>
  )
}
