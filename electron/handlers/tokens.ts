import { randomUUID } from 'node:crypto'
import { tokenStatusBarsLogin } from '../../shared/domain/credentials'
import { AppError } from '../../shared/ipc/errors'
import { maskKsefToken, parseKsefToken } from '../../shared/validation/ksef-token'
import { tokenSecret } from '../vault/secret-store'
import { requireCompany } from './company-lookup'
import type { Handler } from './context'

export const tokenHandlers: {
  'tokens:list': Handler<'tokens:list'>
  'tokens:add': Handler<'tokens:add'>
  'tokens:setDefault': Handler<'tokens:setDefault'>
  'tokens:remove': Handler<'tokens:remove'>
} = {
  'tokens:list': ({ companyId }, ctx) => {
    requireCompany(ctx, companyId)
    return Promise.resolve(ctx.credentials.tokens(companyId))
  },

  // Wklej token: a token generated elsewhere (the MF web app), sealed at once, shown masked only.
  'tokens:add': async ({ companyId, token, description, makeDefault }, ctx) => {
    const company = requireCompany(ctx, companyId)
    const parsed = parseKsefToken(token)
    if (!parsed) {
      throw new AppError(
        'TOKEN_FORMAT',
        'This is not a KSeF token: a token looks like "20251010-EC-…|nip-5265877635|…" (three parts separated by "|").',
      )
    }
    if (
      parsed.context.type !== company.identifier.type ||
      parsed.context.value !== company.identifier.value
    ) {
      throw new AppError(
        'TOKEN_OTHER_CONTEXT',
        `This token logs in to ${parsed.context.type} ${parsed.context.value}, not to this company.`,
        { tokenContext: `${parsed.context.type} ${parsed.context.value}` },
      )
    }
    if (
      ctx.credentials.tokens(companyId).some((t) => t.referenceNumber === parsed.referenceNumber)
    ) {
      throw new AppError('TOKEN_DUPLICATE', 'This token is already stored for this company.')
    }
    const id = randomUUID()
    await ctx.secrets.set(tokenSecret(companyId, id), token.trim())
    const stored = ctx.credentials.addToken(
      {
        id,
        companyId,
        masked: maskKsefToken(token),
        referenceNumber: parsed.referenceNumber,
        context: parsed.context,
        description: description.trim(),
        environment: company.environment,
        addedAt: new Date(ctx.clock.now()).toISOString(),
        isDefault: false,
        origin: 'pasted',
        permissions: [],
        ksefStatus: null,
        ksefCheckedAt: null,
        lastCheck: null,
      },
      makeDefault,
    )
    ctx.log.info('token added', { companyId, tokenId: id })
    return stored
  },

  // Domyślny, for pasted and generated tokens alike; one KSeF reports revoked cannot log in.
  'tokens:setDefault': ({ companyId, tokenId }, ctx) => {
    requireCompany(ctx, companyId)
    const token = ctx.credentials.token(companyId, tokenId)
    if (!token) {
      throw new AppError('TOKEN_NOT_FOUND', 'This token is no longer stored for the company.')
    }
    if (tokenStatusBarsLogin(token.ksefStatus)) {
      throw new AppError(
        'TOKEN_REVOKED',
        `KSeF reports this token as ${token.ksefStatus ?? ''}: it cannot log in, so it cannot be the default.`,
        { ksefStatus: token.ksefStatus },
      )
    }
    ctx.credentials.setDefaultToken(companyId, tokenId)
    return Promise.resolve(ctx.credentials.tokens(companyId))
  },

  'tokens:remove': async ({ companyId, tokenId }, ctx) => {
    requireCompany(ctx, companyId)
    if (!ctx.credentials.tokens(companyId).some((t) => t.id === tokenId)) {
      throw new AppError('TOKEN_NOT_FOUND', 'This token is no longer stored for the company.')
    }
    await ctx.secrets.delete(tokenSecret(companyId, tokenId))
    ctx.credentials.removeToken(companyId, tokenId)
    ctx.log.info('token removed', { companyId, tokenId })
    return ctx.credentials.tokens(companyId)
  },
}
