import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import FormControl from '@mui/material/FormControl'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormLabel from '@mui/material/FormLabel'
import MenuItem from '@mui/material/MenuItem'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CompanyDraft, CompanyIdentifierType } from '../../../../shared/domain/company'
import { environments, type Environment } from '../../../../shared/domain/environment'
import { AppError } from '../../../../shared/ipc/errors'
import { checkCompanyDraft } from '../../../../shared/validation/company'
import { errorText } from '../../errors'

interface Props {
  title: string
  initial: CompanyDraft
  /** Credentials or a session tie the company to its context: NIP and environment stay fixed. */
  contextLocked?: boolean
  onSave: (draft: CompanyDraft) => Promise<unknown>
  onClose: () => void
}

type FieldErrors = { name?: string; identifier?: string }

export const emptyCompanyDraft: CompanyDraft = {
  name: '',
  identifier: { type: 'Nip', value: '' },
  environment: 'Test',
}

/** Add and edit share one form; its rules are the shared ones main checks again on save. */
export function CompanyDialog({ title, initial, contextLocked = false, onSave, onClose }: Props) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<CompanyDraft>(initial)
  const [submitted, setSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  const [generalError, setGeneralError] = useState<string>()
  const [saving, setSaving] = useState(false)

  const problems = checkCompanyDraft(draft)
  const shown: FieldErrors = submitted
    ? {
        name: problems.name ? t(`errors.${problems.name}`) : serverErrors.name,
        identifier: problems.identifier
          ? t(`errors.${problems.identifier}`)
          : serverErrors.identifier,
      }
    : serverErrors

  const change = (next: Partial<CompanyDraft>) => {
    setDraft({ ...draft, ...next })
    setServerErrors({})
    setGeneralError(undefined)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    if (problems.name || problems.identifier) return
    setSaving(true)
    try {
      await onSave(draft)
      onClose()
    } catch (error) {
      const field = error instanceof AppError ? error.details?.['field'] : undefined
      if (field === 'name' || field === 'identifier')
        setServerErrors({ [field]: errorText(t, error) })
      else setGeneralError(errorText(t, error))
    } finally {
      setSaving(false)
    }
  }

  const isNip = draft.identifier.type === 'Nip'
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="company-form">
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            {generalError && <Alert severity="error">{generalError}</Alert>}
            <TextField
              label={t('companyForm.name')}
              value={draft.name}
              onChange={(event) => change({ name: event.target.value })}
              error={Boolean(shown.name)}
              helperText={shown.name ?? ' '}
              autoFocus
              required
              slotProps={{ htmlInput: { 'data-testid': 'company-name' } }}
            />
            {contextLocked && (
              <Alert severity="info" data-testid="company-context-locked">
                {t('companyForm.contextLocked')}
              </Alert>
            )}
            <FormControl disabled={contextLocked}>
              <FormLabel>{t('companyForm.identifierType')}</FormLabel>
              <RadioGroup
                row
                value={draft.identifier.type}
                onChange={(event) =>
                  change({
                    identifier: {
                      type: event.target.value as CompanyIdentifierType,
                      value: draft.identifier.value,
                    },
                  })
                }
              >
                <FormControlLabel value="Nip" control={<Radio />} label={t('identifier.Nip')} />
                <FormControlLabel
                  value="InternalId"
                  control={<Radio />}
                  label={t('identifier.InternalId')}
                />
              </RadioGroup>
            </FormControl>
            <TextField
              label={isNip ? t('companyForm.nip') : t('companyForm.internalId')}
              value={draft.identifier.value}
              onChange={(event) =>
                change({ identifier: { type: draft.identifier.type, value: event.target.value } })
              }
              error={Boolean(shown.identifier)}
              disabled={contextLocked}
              helperText={
                shown.identifier ??
                (isNip ? t('companyForm.nipHelp') : t('companyForm.internalIdHelp'))
              }
              required
              slotProps={{
                htmlInput: { inputMode: 'numeric', 'data-testid': 'company-identifier' },
              }}
            />
            <TextField
              select
              label={t('companyForm.environment')}
              value={draft.environment}
              onChange={(event) => change({ environment: event.target.value as Environment })}
              disabled={contextLocked}
              helperText={t('companyForm.environmentHelp')}
              slotProps={{
                select: { SelectDisplayProps: { 'data-testid': 'company-environment' } as object },
              }}
            >
              {environments.map((environment) => (
                <MenuItem
                  key={environment}
                  value={environment}
                  data-testid={`environment-${environment}`}
                >
                  {t(`environment.${environment}`)}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose}>{t('companyForm.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={saving} data-testid="company-save">
            {t('companyForm.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}
