import AppBar from '@mui/material/AppBar'
import Box from '@mui/material/Box'
import Paper from '@mui/material/Paper'
import Toolbar from '@mui/material/Toolbar'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Company } from '../../shared/domain/company'
import { LanguageSwitch } from './features/app/LanguageSwitch'
import { NoticeBar } from './features/app/NoticeBar'
import { CompanyDialog, emptyCompanyDraft } from './features/companies/CompanyDialog'
import { CompanyList } from './features/companies/CompanyList'
import { ImportCompaniesDialog } from './features/companies/ImportCompaniesDialog'
import { RemoveCompanyDialog } from './features/companies/RemoveCompanyDialog'
import { CompanyHeader } from './features/company/CompanyHeader'
import { CompanyTabs } from './features/company/CompanyTabs'
import { useCompanies } from './store/companies'

type Dialog =
  | { kind: 'add' }
  | { kind: 'import' }
  | { kind: 'edit'; company: Company }
  | { kind: 'remove'; company: Company }

export function App() {
  const { t } = useTranslation()
  const { companies, selectedId, statuses, add, update, loadOverview } = useCompanies()
  const [dialog, setDialog] = useState<Dialog>()
  const selected = companies.find((company) => company.id === selectedId)
  const close = () => setDialog(undefined)

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <AppBar position="static" elevation={0}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ flex: 1, fontWeight: 700 }}>
            {t('app.title')}
          </Typography>
          <LanguageSwitch />
        </Toolbar>
      </AppBar>
      <NoticeBar />
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
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
                onEdit={() => {
                  // Whether NIP and environment may change follows the credentials stored now.
                  void loadOverview()
                  setDialog({ kind: 'edit', company: selected })
                }}
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
      {dialog?.kind === 'edit' && (
        <CompanyDialog
          title={t('companyForm.editTitle')}
          initial={{
            name: dialog.company.name,
            identifier: dialog.company.identifier,
            environment: dialog.company.environment,
          }}
          contextLocked={statuses[dialog.company.id]?.contextLocked ?? false}
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
