import type { Handler } from './context'

// Przejście na certyfikaty: the service decides which companies move and runs them.
export const migrationHandlers: {
  'migration:candidates': Handler<'migration:candidates'>
  'migration:requests': Handler<'migration:requests'>
  'migration:signed': Handler<'migration:signed'>
} = {
  'migration:candidates': ({ companyIds }, ctx) =>
    Promise.resolve(ctx.migration.candidates(companyIds)),
  'migration:requests': ({ companyIds }, ctx) => ctx.migration.requests(companyIds),
  'migration:signed': ({ files, revokeTokens }, ctx) => ctx.migration.signed(files, revokeTokens),
}
