import { appHandlers } from './app'
import { certificateHandlers } from './certificates'
import { companyHandlers } from './companies'
import type { Handlers } from './context'
import { preferenceHandlers } from './preferences'
import { tokenHandlers } from './tokens'

export const handlers: Handlers = {
  ...appHandlers,
  ...preferenceHandlers,
  ...companyHandlers,
  ...certificateHandlers,
  ...tokenHandlers,
}
