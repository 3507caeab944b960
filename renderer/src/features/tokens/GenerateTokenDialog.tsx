import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormHelperText from '@mui/material/FormHelperText'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TokenPermission } from '../../../../shared/domain/credentials'
import type { GeneratedTokenResult } from '../../../../shared/domain/ksef-tokens'
import {
  brokenTokenDescriptionRule,
  tokenDescriptionLength,
  tokenDescriptionMaxLength,
  tokenDescriptionMinLength,
} from '../../../../shared/validation/token-description'
import { ErrorAlert } from '../../components/ErrorAlert'
import { FormDialog } from '../../components/FormDialog'
import { useAuth } from '../../store/auth'
import { useTokens } from '../../store/tokens'
import { permissionOrder, permissionPresets } from './token-permissions'

interface Props {
  companyId: string
  onGenerated: (result: GeneratedTokenResult) => void
  onClose: () => void
}

/**
 * Generuj token KSeF: the "Uprawnienia KSeF" dialog. KSeF returns the token once; main seals it
 * before anything is shown, and the reveal dialog that follows fetches it for one look.
 */
export function GenerateTokenDialog({ companyId, onGenerated, onClose }: Props) {
  const { t } = useTranslation()
  const generate = useTokens((state) => state.generate)
  const [permissions, setPermissions] = useState<TokenPermission[]>([])
  const [description, setDescription] = useState('')
  const [touched, setTouched] = useState(false)
  const hasSession = useAuth(
    (state) => state.state?.companyId === companyId && state.state.session !== null,
  )

  const length = tokenDescriptionLength(description)
  const broken = brokenTokenDescriptionRule(description)
  const bounds = { min: tokenDescriptionMinLength, max: tokenDescriptionMaxLength, length }
  const descriptionMessage =
    broken === 'tooLong' || (broken === 'tooShort' && length > 0)
      ? t(`tokens.description${broken === 'tooLong' ? 'TooLong' : 'TooShort'}`, bounds)
      : undefined

  const toggle = (permission: TokenPermission, on: boolean) => {
    setTouched(true)
    setPermissions((chosen) =>
      on ? [...chosen, permission] : chosen.filter((each) => each !== permission),
    )
  }

  return (
    <FormDialog
      title={t('tokens.permissionsTitle')}
      submitLabel={t('tokens.generate')}
      onSubmit={async () =>
        onGenerated(await generate(companyId, { permissions, description, makeDefault: false }))
      }
      onClose={onClose}
      canSubmit={hasSession && permissions.length > 0 && broken === null}
      busyContent={
        <Box data-testid="generate-progress">
          <LinearProgress />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {t('tokens.generating')}
          </Typography>
        </Box>
      }
      maxWidth="md"
      testId="generate-token-form"
      submitTestId="generate-submit"
      errorTestId="generate-error"
    >
      <SessionNotice companyId={companyId} />
      <Box>
        <Stack
          direction="row"
          spacing={1}
          sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 1 }}
        >
          <Typography variant="body2" color="text.secondary">
            {t('tokens.presets')}
          </Typography>
          {permissionPresets.map((preset) => (
            <Button
              key={preset.id}
              size="small"
              variant="outlined"
              onClick={() => (setTouched(true), setPermissions([...preset.permissions]))}
              data-testid={`preset-${preset.id}`}
            >
              {t(`tokens.preset.${preset.id}`)}
            </Button>
          ))}
        </Stack>
        <Box
          role="group"
          aria-label={t('tokens.permissionsTitle')}
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' },
            columnGap: 2,
            rowGap: 0.5,
          }}
        >
          {permissionOrder.map((permission) => (
            <FormControlLabel
              key={permission}
              sx={{ alignItems: 'flex-start', mr: 0 }}
              control={
                <Checkbox
                  size="small"
                  checked={permissions.includes(permission)}
                  onChange={(event) => toggle(permission, event.target.checked)}
                  sx={{ pt: 0.25 }}
                  data-testid={`permission-${permission}`}
                />
              }
              label={
                <Box>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {t(`tokens.permission.${permission}`)}
                  </Typography>
                  <Typography variant="caption" color="text.secondary" component="div">
                    {t(`tokens.permissionHelp.${permission}`)}
                  </Typography>
                </Box>
              }
            />
          ))}
        </Box>
        {permissions.length === 0 && (
          <FormHelperText error={touched} data-testid="permissions-message">
            {t('tokens.permissionsNone')}
          </FormHelperText>
        )}
      </Box>
      <TextField
        label={t('tokens.description')}
        value={description}
        onChange={(event) => (setTouched(true), setDescription(event.target.value))}
        error={descriptionMessage !== undefined}
        helperText={
          <span data-testid="description-message">
            {descriptionMessage ??
              (length === 0
                ? t('tokens.descriptionHelp', bounds)
                : t('tokens.descriptionLength', bounds))}
          </span>
        }
        autoComplete="off"
        slotProps={{ htmlInput: { 'data-testid': 'generate-description' } }}
      />
    </FormDialog>
  )
}

/** Generating needs a session of this company: say which there is, or offer to log in. */
function SessionNotice({ companyId }: { companyId: string }) {
  const { t } = useTranslation()
  const { state, busy, failed, error, loginWithCertificate } = useAuth()
  const session = state?.companyId === companyId ? state.session : null
  if (session) {
    return (
      <Alert severity="info" data-testid="generate-session">
        {t('tokens.sessionOk', { method: t(`auth.methods.${session.method}`) })}
      </Alert>
    )
  }
  return (
    <Stack spacing={1}>
      <Alert
        severity="warning"
        data-testid="generate-no-session"
        action={
          <Button
            color="inherit"
            size="small"
            disabled={busy !== undefined}
            onClick={() => void loginWithCertificate()}
            data-testid="generate-login"
          >
            {t('auth.loginWithCertificate')}
          </Button>
        }
      >
        {t('tokens.needsSession')}
      </Alert>
      {busy === 'loginWithCertificate' && <LinearProgress data-testid="generate-login-progress" />}
      {failed === 'loginWithCertificate' && busy === undefined && (
        <ErrorAlert error={error} testId="generate-login-error" />
      )}
    </Stack>
  )
}
