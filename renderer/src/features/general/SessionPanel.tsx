import LogoutIcon from '@mui/icons-material/Logout'
import RemoveModeratorOutlinedIcon from '@mui/icons-material/RemoveModeratorOutlined'
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../format'
import { useApp } from '../../store/app'
import { useAuth } from '../../store/auth'
import { ActionError } from './ActionError'

/** Whether the company is logged in, until when, and Wyloguj. */
export function SessionPanel() {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const { state, busy, logout } = useAuth()
  const session = state?.session
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="session-panel">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        {session ? (
          <VerifiedUserIcon color="success" fontSize="large" data-testid="session-icon-in" />
        ) : (
          // No tick when not logged in: a ticked shield reads as OK even greyed out.
          <RemoveModeratorOutlinedIcon
            color="disabled"
            fontSize="large"
            data-testid="session-icon-out"
          />
        )}
        <Box sx={{ flex: 1 }}>
          {session ? (
            <>
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }} data-testid="session-status">
                {t('auth.loggedIn', { method: t(`auth.methods.${session.method}`) })}
              </Typography>
              <Typography variant="body2" color="text.secondary" data-testid="session-access">
                {t('auth.accessValidUntil', {
                  time: formatDateTime(session.accessTokenValidUntil, language),
                })}
              </Typography>
              <Typography variant="body2" color="text.secondary" data-testid="session-refresh">
                {t('auth.refreshValidUntil', {
                  time: formatDateTime(session.refreshTokenValidUntil, language),
                })}
              </Typography>
            </>
          ) : (
            <Typography variant="subtitle1" data-testid="session-status">
              {t('auth.notLoggedIn')}
            </Typography>
          )}
        </Box>
        {session && (
          <Button
            variant="outlined"
            startIcon={<LogoutIcon />}
            disabled={busy !== undefined}
            onClick={() => void logout()}
            data-testid="logout"
          >
            {t('auth.logout')}
          </Button>
        )}
      </Stack>
      <ActionError actions={['logout']} testId="logout-error" />
    </Paper>
  )
}
