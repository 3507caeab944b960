import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Company } from '../../../../shared/domain/company'
import { errorText } from '../../errors'
import { useCompanies } from '../../store/companies'

export function RemoveCompanyDialog({
  company,
  onClose,
}: {
  company: Company
  onClose: () => void
}) {
  const { t } = useTranslation()
  const remove = useCompanies((state) => state.remove)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  const confirm = async () => {
    setBusy(true)
    try {
      await remove(company.id)
      onClose()
    } catch (failure) {
      setError(errorText(t, failure))
      setBusy(false)
    }
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" data-testid="remove-company-dialog">
      <DialogTitle>{t('removeCompany.title', { name: company.name })}</DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {error}
          </Alert>
        )}
        <DialogContentText>{t('removeCompany.body')}</DialogContentText>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} autoFocus data-testid="remove-cancel">
          {t('removeCompany.cancel')}
        </Button>
        <Button
          color="error"
          variant="contained"
          onClick={() => void confirm()}
          disabled={busy}
          data-testid="remove-confirm"
        >
          {t('removeCompany.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
