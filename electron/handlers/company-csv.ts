import { changed } from './companies'
import type { Handler } from './context'

const bytesOf = (file: { base64: string }): Uint8Array => Buffer.from(file.base64, 'base64')

export const companyCsvHandlers: {
  'companies:importPreview': Handler<'companies:importPreview'>
  'companies:import': Handler<'companies:import'>
  'companies:exportCsv': Handler<'companies:exportCsv'>
  'companies:csvTemplate': Handler<'companies:csvTemplate'>
} = {
  'companies:importPreview': ({ file }, ctx) =>
    Promise.resolve(ctx.companyCsv.preview(bytesOf(file))),
  'companies:import': ({ file }, ctx) => {
    const result = ctx.companyCsv.import(bytesOf(file))
    changed(ctx)
    return Promise.resolve(result)
  },
  'companies:exportCsv': ({ companyIds }, ctx) => ctx.companyCsv.export(companyIds),
  'companies:csvTemplate': (_input, ctx) => ctx.companyCsv.template(),
}
