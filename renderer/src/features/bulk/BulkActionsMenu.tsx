import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown'
import Button from '@mui/material/Button'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { startableBulkActions, type StartableBulkAction } from './bulk-actions'
import { BulkStartDialog } from './BulkStartDialog'

/** Działania zbiorcze: a bulk action for the companies ticked in the Pulpit, as a job. */
export function BulkActionsMenu({ companyIds }: { companyIds: readonly string[] }) {
  const { t } = useTranslation()
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const [action, setAction] = useState<StartableBulkAction>()

  return (
    <>
      <Button
        variant="contained"
        size="small"
        endIcon={<ArrowDropDownIcon />}
        onClick={(event) => setAnchor(event.currentTarget)}
        aria-haspopup="menu"
        data-testid="bulk-menu"
      >
        {t('jobs.menu')}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {startableBulkActions.map((name) => (
          <MenuItem
            key={name}
            onClick={() => (setAnchor(null), setAction(name))}
            data-testid={`bulk-action-${name}`}
          >
            {t(`jobs.action.${name}`)}
          </MenuItem>
        ))}
      </Menu>
      {action && (
        <BulkStartDialog
          action={action}
          companyIds={companyIds}
          onClose={() => setAction(undefined)}
        />
      )}
    </>
  )
}
