import type { Handler } from './context'

// Dziennik zdarzeń: what the audit log holds, whether its chain is whole, and its CSV.
export const auditHandlers: {
  'audit:list': Handler<'audit:list'>
  'audit:verify': Handler<'audit:verify'>
  'audit:exportCsv': Handler<'audit:exportCsv'>
} = {
  'audit:list': (filter, ctx) => ctx.audit.list(filter),
  'audit:verify': (_input, ctx) => ctx.audit.verify(),
  'audit:exportCsv': (filter, ctx) => ctx.audit.exportCsv(filter),
}
