import type { AppStatus } from '../../shared/domain/app-status'
import type { Handler, HandlerContext } from './context'

const status = (ctx: HandlerContext): AppStatus => ({
  version: ctx.app.version,
  dataFolder: ctx.app.dataFolder,
  notices: ctx.notices.list(),
})

export const appHandlers: {
  'app:status': Handler<'app:status'>
  'app:dismissNotice': Handler<'app:dismissNotice'>
  'app:resetSecrets': Handler<'app:resetSecrets'>
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
      if (notice.error.code === 'SECRETS_LOCKED') ctx.notices.dismiss(notice.id)
    }
    return status(ctx)
  },
}
