import { appHandlers } from './app'
import { auditHandlers } from './audit'
import { authHandlers } from './auth'
import { bulkHandlers } from './bulk'
import { backupHandlers } from './backup'
import { certificateHandlers } from './certificates'
import { companyHandlers } from './companies'
import { companyCsvHandlers } from './company-csv'
import { dashboardHandlers } from './dashboard'
import type { Handlers } from './context'
import { identityHandlers } from './identities'
import { ksefCertificateHandlers } from './ksef-certificates'
import { ksefTokenHandlers } from './ksef-tokens'
import { migrationHandlers } from './migration'
import { preferenceHandlers } from './preferences'
import { tokenHandlers } from './tokens'

export const handlers: Handlers = {
  ...appHandlers,
  ...preferenceHandlers,
  ...companyHandlers,
  ...companyCsvHandlers,
  ...dashboardHandlers,
  ...certificateHandlers,
  ...ksefCertificateHandlers,
  ...tokenHandlers,
  ...ksefTokenHandlers,
  ...authHandlers,
  ...identityHandlers,
  ...migrationHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...bulkHandlers,
}
