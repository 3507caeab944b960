import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import { useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from './ErrorAlert'

export interface FormDialogProps {
  title: ReactNode
  submitLabel: string
  /** Sends the form; the dialog closes when it resolves, shows the error when it throws. */
  onSubmit: () => Promise<unknown>
  onClose: () => void
  /** False keeps the submit button off (input missing or breaking a rule shown in the form). */
  canSubmit?: boolean
  /**
   * Sees a failure first; returning true means the form shows it in its own way (a question to
   * confirm, a field's message) and the dialog shows nothing.
   */
  onError?: (error: unknown) => boolean
  /** False keeps the dialog open after a success (the form shows the result itself). */
  closeOnSuccess?: boolean
  /** Shown under the fields while the submit runs (progress KSeF reports). */
  busyContent?: ReactNode
  /** Left of Anuluj: a secondary action of the form. */
  extraActions?: ReactNode
  submitColor?: 'primary' | 'error'
  /** Hides the submit button (the form offers something else to do first). */
  hideSubmit?: boolean
  cancelLabel?: string
  maxWidth?: 'xs' | 'sm' | 'md'
  /** The form's test id; submit and error default to `${testId}-submit` / `${testId}-error`. */
  testId: string
  submitTestId?: string
  errorTestId?: string
  children: ReactNode
}

/**
 * A dialog around a form: fields, Anuluj, a submit that is busy while it runs, the error in plain
 * words (with the KSeF code explained) when it fails. Editing a field clears the error.
 */
export function FormDialog({
  title,
  submitLabel,
  onSubmit,
  onClose,
  canSubmit = true,
  onError,
  closeOnSuccess = true,
  busyContent,
  extraActions,
  submitColor = 'primary',
  hideSubmit = false,
  cancelLabel,
  maxWidth = 'sm',
  testId,
  submitTestId,
  errorTestId,
  children,
}: FormDialogProps) {
  const { t } = useTranslation()
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || !canSubmit) return
    setBusy(true)
    setError(undefined)
    try {
      await onSubmit()
      setBusy(false)
      if (closeOnSuccess) onClose()
    } catch (failure) {
      setBusy(false)
      if (!onError?.(failure)) setError(failure)
    }
  }

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth={maxWidth}>
      <form
        onSubmit={(event) => void submit(event)}
        onChange={() => setError(undefined)}
        data-testid={testId}
        noValidate
      >
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            {children}
            {busy && busyContent}
            {error !== undefined && (
              <ErrorAlert error={error} testId={errorTestId ?? `${testId}-error`} />
            )}
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          {extraActions && <Box sx={{ flex: 1, display: 'flex', gap: 1 }}>{extraActions}</Box>}
          <Button onClick={onClose} disabled={busy} data-testid={`${testId}-cancel`}>
            {cancelLabel ?? t('common.cancel')}
          </Button>
          {!hideSubmit && (
            <Button
              type="submit"
              variant="contained"
              color={submitColor}
              disabled={!canSubmit || busy}
              data-testid={submitTestId ?? `${testId}-submit`}
            >
              {submitLabel}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  )
}
