import type { Handler } from './context'

// Tab Tokeny, the tokens as KSeF keeps them; the work is done by ctx.ksefTokens (electron/tokens).
export const ksefTokenHandlers: {
  'tokens:ksefList': Handler<'tokens:ksefList'>
  'tokens:generate': Handler<'tokens:generate'>
  'tokens:reveal': Handler<'tokens:reveal'>
  'tokens:status': Handler<'tokens:status'>
  'tokens:revoke': Handler<'tokens:revoke'>
  'tokens:check': Handler<'tokens:check'>
  'tokens:policy': Handler<'tokens:policy'>
} = {
  'tokens:ksefList': ({ companyId, filter, continuation }, ctx) =>
    ctx.ksefTokens.list(companyId, filter, continuation),
  'tokens:generate': ({ companyId, draft }, ctx) => ctx.ksefTokens.generate(companyId, draft),
  'tokens:reveal': ({ revealTicket }, ctx) => Promise.resolve(ctx.ksefTokens.reveal(revealTicket)),
  'tokens:status': ({ companyId, referenceNumber }, ctx) =>
    ctx.ksefTokens.status(companyId, referenceNumber),
  'tokens:revoke': ({ companyId, referenceNumber }, ctx) =>
    ctx.ksefTokens.revoke(companyId, referenceNumber),
  'tokens:check': ({ companyId, tokenId }, ctx) => ctx.ksefTokens.check(companyId, tokenId),
  'tokens:policy': (_input, ctx) => Promise.resolve(ctx.ksefTokens.policy()),
}
