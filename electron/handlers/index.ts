import { appHandlers } from './app'
import { companyHandlers } from './companies'
import type { Handlers } from './context'
import { preferenceHandlers } from './preferences'

export const handlers: Handlers = {
  ...appHandlers,
  ...preferenceHandlers,
  ...companyHandlers,
}
