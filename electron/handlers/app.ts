import type { AppNotice, AppStatus } from '../../shared/domain/app-status'
import { AppError, type AppErrorCode } from '../../shared/ipc/errors'
import { unopenedSecretsCodes } from '../vault/sealed-file-secret-store'
import type { Handler, HandlerContext } from './context'

function noticeAction(code: AppErrorCode): AppNotice['action'] {
  if (unopenedSecretsCodes.includes(code)) return 'resetSecrets'
  return code === 'SETTINGS_CORRUPT' ? 'setAsideSettings' : undefined
}

const status = (ctx: HandlerContext): AppStatus => ({
  version: ctx.app.version,
  dataFolder: ctx.app.dataFolder,
  notices: ctx.notices.list().map((notice) => {
    const action = noticeAction(notice.error.code)
    return action ? { ...notice, action } : notice
  }),
})

export const appHandlers: {
  'app:status': Handler<'app:status'>
  'app:dismissNotice': Handler<'app:dismissNotice'>
  'app:resetSecrets': Handler<'app:resetSecrets'>
  'app:setAsideSettings': Handler<'app:setAsideSettings'>
} = {
  'app:status': (_input, ctx) => Promise.resolve(status(ctx)),
  'app:dismissNotice': ({ id }, ctx) => {
    ctx.notices.dismiss(id)
    return Promise.resolve(status(ctx))
  },
  // A secrets file no key opens would otherwise lock the user out for good: safeStorage cannot
  // tell a damaged file from a foreign key, so only the user can decide to start afresh.
  'app:resetSecrets': async (_input, ctx) => {
    const movedTo = await ctx.secrets.startAfreshWhenLocked()
    ctx.log.info('secrets file moved aside by the user', movedTo ? { movedTo } : {})
    for (const notice of ctx.notices.list()) {
      if (unopenedSecretsCodes.includes(notice.error.code)) ctx.notices.dismiss(notice.id)
    }
    return status(ctx)
  },
  // A settings file that does not open is kept as it is and never written: only the user's word
  // sets it aside, so the app can start with empty settings.
  'app:setAsideSettings': (_input, ctx) => {
    if (!ctx.setAsideSettings) {
      throw new AppError('SETTINGS_NOT_CORRUPT', 'The settings file opens; nothing was moved.')
    }
    const movedTo = ctx.setAsideSettings()
    ctx.log.info('settings file moved aside by the user', movedTo ? { movedTo } : {})
    for (const notice of ctx.notices.list()) {
      if (notice.error.code === 'SETTINGS_CORRUPT') ctx.notices.dismiss(notice.id)
    }
    return Promise.resolve(status(ctx))
  },
}
