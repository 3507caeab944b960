import BackupIcon from '@mui/icons-material/Backup'
import Button from '@mui/material/Button'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CreateBackupDialog } from './CreateBackupDialog'
import { RestoreBackupDialog } from './RestoreBackupDialog'

/** Kopia zapasowa in the app bar: Utwórz kopię, Przywróć z kopii. */
export function BackupMenu() {
  const { t } = useTranslation()
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const [dialog, setDialog] = useState<'create' | 'restore'>()
  const open = (which: 'create' | 'restore') => {
    setAnchor(null)
    setDialog(which)
  }
  return (
    <>
      <Button
        color="inherit"
        startIcon={<BackupIcon />}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{ whiteSpace: 'nowrap' }}
        data-testid="backup-menu"
      >
        {t('backup.menu')}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => open('create')} data-testid="backup-menu-create">
          {t('backup.create.title')}
        </MenuItem>
        <MenuItem onClick={() => open('restore')} data-testid="backup-menu-restore">
          {t('backup.restore.title')}
        </MenuItem>
      </Menu>
      {dialog === 'create' && <CreateBackupDialog onClose={() => setDialog(undefined)} />}
      {dialog === 'restore' && <RestoreBackupDialog onClose={() => setDialog(undefined)} />}
    </>
  )
}
