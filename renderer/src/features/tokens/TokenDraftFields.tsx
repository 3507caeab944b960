import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormHelperText from '@mui/material/FormHelperText'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TokenPermission } from '../../../../shared/domain/credentials'
import {
  brokenTokenDescriptionRule,
  tokenDescriptionLength,
  tokenDescriptionMaxLength,
  tokenDescriptionMinLength,
} from '../../../../shared/validation/token-description'
import { permissionOrder, permissionPresets } from './token-permissions'

/** What "Uprawnienia KSeF" asks for a new token: its permissions and description, checked as typed. */
export interface TokenDraft {
  permissions: TokenPermission[]
  description: string
  touched: boolean
  /** KSeF would take it: a permission at least, a description within KSeF's bounds. */
  valid: boolean
  toggle: (permission: TokenPermission, on: boolean) => void
  choose: (permissions: readonly TokenPermission[]) => void
  describe: (description: string) => void
}

export function useTokenDraft(): TokenDraft {
  const [permissions, setPermissions] = useState<TokenPermission[]>([])
  const [description, setDescription] = useState('')
  const [touched, setTouched] = useState(false)
  return {
    permissions,
    description,
    touched,
    valid: permissions.length > 0 && brokenTokenDescriptionRule(description) === null,
    toggle: (permission, on) => {
      setTouched(true)
      setPermissions((chosen) =>
        on ? [...chosen, permission] : chosen.filter((each) => each !== permission),
      )
    },
    choose: (chosen) => (setTouched(true), setPermissions([...chosen])),
    describe: (text) => (setTouched(true), setDescription(text)),
  }
}

/** The permissions (with the help pages' presets) and the description of a token to generate. */
export function TokenDraftFields({ draft }: { draft: TokenDraft }) {
  const { t } = useTranslation()
  const { permissions, description, touched } = draft
  const length = tokenDescriptionLength(description)
  const broken = brokenTokenDescriptionRule(description)
  const bounds = { min: tokenDescriptionMinLength, max: tokenDescriptionMaxLength, length }
  const descriptionMessage =
    broken === 'tooLong' || (broken === 'tooShort' && length > 0)
      ? t(`tokens.description${broken === 'tooLong' ? 'TooLong' : 'TooShort'}`, bounds)
      : undefined

  return (
    <>
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
              onClick={() => draft.choose(preset.permissions)}
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
                  onChange={(event) => draft.toggle(permission, event.target.checked)}
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
        onChange={(event) => draft.describe(event.target.value)}
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
    </>
  )
}
