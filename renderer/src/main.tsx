import CssBaseline from '@mui/material/CssBaseline'
import { ThemeProvider } from '@mui/material/styles'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { api } from './api'
import { App } from './App'
import { downloadFilesMainOffers } from './files'
import { startI18n } from './i18n'
import { useApp } from './store/app'
import { subscribeToAuthEvents } from './store/auth'
import { subscribeToCertificateEvents } from './store/certificates'
import { subscribeToCompanyEvents, useCompanies } from './store/companies'
import { subscribeToTokenEvents } from './store/tokens'
import { themeFor } from './theme'

async function boot(): Promise<void> {
  const preferences = await api.invoke('preferences:get')
  await startI18n(preferences.language)
  useApp.setState({ language: preferences.language })
  subscribeToCompanyEvents()
  subscribeToAuthEvents()
  downloadFilesMainOffers()
  subscribeToCertificateEvents()
  subscribeToTokenEvents()
  await Promise.all([useApp.getState().loadStatus(), useCompanies.getState().load()])

  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root')
  createRoot(root).render(
    <StrictMode>
      <ThemeProvider theme={themeFor(matchMedia('(prefers-reduced-motion: reduce)').matches)}>
        <CssBaseline />
        <App />
      </ThemeProvider>
    </StrictMode>,
  )
}

void boot()
