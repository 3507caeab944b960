import AppBar from '@mui/material/AppBar'
import Box from '@mui/material/Box'
import Paper from '@mui/material/Paper'
import Tab from '@mui/material/Tab'
import Tabs from '@mui/material/Tabs'
import Toolbar from '@mui/material/Toolbar'
import Typography from '@mui/material/Typography'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Company } from '../../shared/domain/company'
import { LanguageSwitch } from './features/app/LanguageSwitch'
import { AuditView } from './features/audit/AuditView'
import { BackupMenu } from './features/backup/BackupMenu'
import { NoticeBar } from './features/app/NoticeBar'
import { CompanyDialog, emptyCompanyDraft } from './features/companies/CompanyDialog'
import { CompanyList } from './features/companies/CompanyList'
import { ImportCompaniesDialog } from './features/companies/ImportCompaniesDialog'
import { RemoveCompanyDialog } from './features/companies/RemoveCompanyDialog'
import { CompanyHeader } from './features/company/CompanyHeader'
import { CompanyTabs } from './features/company/CompanyTabs'
import { DashboardSelectionActions } from './features/dashboard/DashboardSelectionActions'
import { DashboardView } from './features/dashboard/DashboardView'
import { JobsView } from './features/bulk/JobsView'
import { IdentitiesView } from './features/identities/IdentitiesView'
import { MigrationButton, MigrationDialogHost } from './features/migration/MigrationButton'
import { useCompanies, useCompanyStatus } from './store/companies'
import { followIdentityChanges } from './store/identities'
import { followJobs } from './store/jobs'
import { appViews, useView, type AppView } from './store/view'

type Dialog =
  | { kind: 'add' }
  | { kind: 'import' }
  | { kind: 'edit'; company: Company }
  | { kind: 'remove'; company: Company }

export function App() {
  const { t } = useTranslation()
  // Selectors, not the whole store: a pushed badge of some company does not re-render the app.
  const selected = useCompanies((state) =>
    state.companies.find((company) => company.id === state.selectedId),
  )
  const add = useCompanies((state) => state.add)
  const update = useCompanies((state) => state.update)
  const [dialog, setDialog] = useState<Dialog>()
  const view = useView((state) => state.view)
  const show = useView((state) => state.show)
  const editedId = dialog?.kind === 'edit' ? dialog.company.id : undefined
  const editedStatus = useCompanyStatus(editedId ?? '')
  const close = () => setDialog(undefined)
  // Followed whichever view is shown: Zadania opens on a job's latest state, Tożsamości on the
  // identities as they are.
  useEffect(() => followJobs(), [])
  useEffect(() => followIdentityChanges(), [])

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <AppBar position="static" elevation={0}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ fontWeight: 700 }}>
            {t('app.title')}
          </Typography>
          <Tabs
            value={view}
            onChange={(_event, value: AppView) => show(value)}
            aria-label={t('app.views.label')}
            textColor="inherit"
            slotProps={{ indicator: { sx: { bgcolor: 'common.white' } } }}
            sx={{ flex: 1, minHeight: 48 }}
          >
            {appViews.map((name) => (
              <Tab
                key={name}
                value={name}
                label={t(`app.views.${name}`)}
                aria-controls="app-view"
                data-testid={`view-${name}`}
                // The unchosen tab's usual 60 % opacity is too faint on the app bar's blue.
                sx={{ minHeight: 48, opacity: 0.9 }}
              />
            ))}
          </Tabs>
          <BackupMenu />
          <LanguageSwitch />
        </Toolbar>
      </AppBar>
      <NoticeBar />
      {/* The companies view stays mounted under the Pulpit: its search and tabs are kept. */}
      {view === 'identities' && (
        <Box id="app-view" sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          <IdentitiesView />
        </Box>
      )}
      {view === 'audit' && (
        <Box id="app-view" sx={{ display: 'flex', flex: 1, minHeight: 0, minWidth: 0 }}>
          <AuditView />
        </Box>
      )}
      {view === 'jobs' && (
        <Box id="app-view" sx={{ display: 'flex', flex: 1, minHeight: 0, minWidth: 0 }}>
          <JobsView />
        </Box>
      )}
      {view === 'dashboard' && (
        <Box id="app-view" sx={{ display: 'flex', flex: 1, minHeight: 0, minWidth: 0 }}>
          <DashboardView
            selectionActions={(companyIds) => (
              <>
                <DashboardSelectionActions companyIds={companyIds} />
                <MigrationButton companyIds={companyIds} />
              </>
            )}
          />
        </Box>
      )}
      <Box
        id={view === 'companies' ? 'app-view' : undefined}
        sx={{ display: view === 'companies' ? 'flex' : 'none', flex: 1, minHeight: 0 }}
      >
        <Paper
          square
          elevation={0}
          sx={{ width: 340, flexShrink: 0, borderRight: 1, borderColor: 'divider' }}
        >
          <CompanyList
            onAdd={() => setDialog({ kind: 'add' })}
            onImport={() => setDialog({ kind: 'import' })}
          />
        </Paper>
        <Box
          component="main"
          sx={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}
        >
          {selected ? (
            // key: selecting another company starts its tabs afresh, nothing carries over
            <Box
              key={selected.id}
              sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}
            >
              <CompanyHeader
                company={selected}
                onEdit={() => setDialog({ kind: 'edit', company: selected })}
                onRemove={() => setDialog({ kind: 'remove', company: selected })}
              />
              <CompanyTabs company={selected} />
            </Box>
          ) : (
            <Typography color="text.secondary" sx={{ m: 'auto' }} data-testid="select-prompt">
              {t('companies.selectPrompt')}
            </Typography>
          )}
        </Box>
      </Box>
      {dialog?.kind === 'add' && (
        <CompanyDialog
          title={t('companyForm.addTitle')}
          initial={emptyCompanyDraft}
          onSave={add}
          onClose={close}
        />
      )}
      {dialog?.kind === 'import' && <ImportCompaniesDialog onClose={close} />}
      <MigrationDialogHost />
      {dialog?.kind === 'edit' && (
        <CompanyDialog
          title={t('companyForm.editTitle')}
          initial={{
            name: dialog.company.name,
            identifier: dialog.company.identifier,
            environment: dialog.company.environment,
          }}
          contextLocked={editedStatus?.contextLocked ?? false}
          onSave={(draft) => update(dialog.company.id, draft)}
          onClose={close}
        />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveCompanyDialog company={dialog.company} onClose={close} />
      )}
    </Box>
  )
}
