import { z } from 'zod'
import { AppErrorPayload } from '../ipc/errors'

/**
 * Something the user must know about that happened outside any request: a settings file moved
 * aside at start, a secrets file that does not open. Shown as a banner until dismissed.
 */
export const AppNotice = z.object({
  id: z.string(),
  error: AppErrorPayload,
  /** What only the user may decide about a file that does not open: move it aside and go on. */
  action: z.enum(['resetSecrets', 'setAsideSettings']).optional(),
})
export type AppNotice = z.infer<typeof AppNotice>

export const AppStatus = z.object({
  version: z.string(),
  dataFolder: z.string(),
  notices: z.array(AppNotice),
})
export type AppStatus = z.infer<typeof AppStatus>
