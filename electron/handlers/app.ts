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
} = {
  'app:status': (_input, ctx) => Promise.resolve(status(ctx)),
  'app:dismissNotice': ({ id }, ctx) => {
    ctx.notices.dismiss(id)
    return Promise.resolve(status(ctx))
  },
}
