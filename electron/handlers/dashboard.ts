import type { Handler } from './context'

export const dashboardHandlers: {
  'dashboard:view': Handler<'dashboard:view'>
  'dashboard:exportCsv': Handler<'dashboard:exportCsv'>
} = {
  'dashboard:view': (_input, ctx) => Promise.resolve(ctx.dashboard.view()),
  'dashboard:exportCsv': ({ companyIds }, ctx) => ctx.dashboard.exportCsv(companyIds),
}
