import Button from '@mui/material/Button'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useIdentities } from '../../store/identities'
import { BulkActionsMenu } from '../bulk/BulkActionsMenu'
import { AssignIdentityDialog } from '../identities/AssignIdentityDialog'

/** What can be done to the companies ticked in the Pulpit, all at once. */
export function DashboardSelectionActions({ companyIds }: { companyIds: readonly string[] }) {
  const { t } = useTranslation()
  const [assigning, setAssigning] = useState(false)

  const openAssign = async () => {
    // The Pulpit may be the first view opened: the dialog needs the identities to choose from.
    if (!useIdentities.getState().loaded) await useIdentities.getState().load()
    setAssigning(true)
  }

  return (
    <>
      <BulkActionsMenu companyIds={companyIds} />
      <Button
        variant="outlined"
        size="small"
        onClick={() => void openAssign()}
        data-testid="dashboard-assign-identity"
      >
        {t('identities.assignHere')}
      </Button>
      {assigning && (
        <AssignIdentityDialog companyIds={companyIds} onClose={() => setAssigning(false)} />
      )}
    </>
  )
}
