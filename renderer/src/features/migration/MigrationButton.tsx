import Button from '@mui/material/Button'
import { useTranslation } from 'react-i18next'
import { create } from 'zustand'
import { MigrationDialog } from './MigrationDialog'

/** The companies the dialog was opened for; none while it is closed. */
const useMigrationDialog = create<{ companyIds: readonly string[] | undefined }>(() => ({
  companyIds: undefined,
}))

/** Przejście na certyfikaty for the companies ticked in the Pulpit. */
export function MigrationButton({ companyIds }: { companyIds: readonly string[] }) {
  const { t } = useTranslation()
  return (
    <Button
      variant="outlined"
      size="small"
      onClick={() => useMigrationDialog.setState({ companyIds: [...companyIds] })}
      data-testid="migration-open"
    >
      {t('migration.open')}
    </Button>
  )
}

/**
 * The dialog, mounted beside the views rather than in the Pulpit's toolbar: a batch keeps running
 * and showing while the Pulpit's selection changes under it.
 */
export function MigrationDialogHost() {
  const companyIds = useMigrationDialog((state) => state.companyIds)
  if (!companyIds) return null
  return (
    <MigrationDialog
      companyIds={companyIds}
      onClose={() => useMigrationDialog.setState({ companyIds: undefined })}
    />
  )
}
