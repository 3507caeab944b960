import type { Handler } from './context'

export const bulkHandlers: {
  'bulk:start': Handler<'bulk:start'>
  'bulk:cancel': Handler<'bulk:cancel'>
  'bulk:jobs': Handler<'bulk:jobs'>
  'bulk:job': Handler<'bulk:job'>
  'bulk:exportCsv': Handler<'bulk:exportCsv'>
} = {
  'bulk:start': (input, ctx) => Promise.resolve(ctx.bulk.start(input)),
  'bulk:cancel': ({ jobId }, ctx) => Promise.resolve(ctx.bulk.cancel(jobId)),
  'bulk:jobs': (_input, ctx) => Promise.resolve(ctx.bulk.jobs()),
  'bulk:job': ({ jobId }, ctx) => Promise.resolve(ctx.bulk.job(jobId)),
  'bulk:exportCsv': ({ jobId }, ctx) => ctx.bulk.exportCsv(jobId),
}
