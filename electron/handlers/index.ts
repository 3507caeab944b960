import { appHandlers } from './app'
import { authHandlers } from './auth'
import { certificateHandlers } from './certificates'
import { companyHandlers } from './companies'
import { companyCsvHandlers } from './company-csv'
import type { Handlers } from './context'
import { ksefCertificateHandlers } from './ksef-certificates'
import { ksefTokenHandlers } from './ksef-tokens'
import { preferenceHandlers } from './preferences'
import { tokenHandlers } from './tokens'

export const handlers: Handlers = {
  ...appHandlers,
  ...preferenceHandlers,
  ...companyHandlers,
  ...companyCsvHandlers,
  ...certificateHandlers,
  ...ksefCertificateHandlers,
  ...tokenHandlers,
  ...ksefTokenHandlers,
  ...authHandlers,
}
