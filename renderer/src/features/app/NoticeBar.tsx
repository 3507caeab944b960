import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import { useTranslation } from 'react-i18next'
import { errorText } from '../../errors'
import { useApp } from '../../store/app'

/** Problems main found at start-up (a damaged settings file moved aside, a locked keychain). */
export function NoticeBar() {
  const { t } = useTranslation()
  const { status, dismissNotice } = useApp()
  if (!status || status.notices.length === 0) return null
  return (
    <Stack spacing={1} sx={{ p: 1 }} data-testid="notices">
      {status.notices.map((notice) => (
        <Alert
          key={notice.id}
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={() => void dismissNotice(notice.id)}>
              {t('app.dismiss')}
            </Button>
          }
        >
          {errorText(t, notice.error)}
        </Alert>
      ))}
    </Stack>
  )
}
