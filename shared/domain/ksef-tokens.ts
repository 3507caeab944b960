import { z } from 'zod'
import { Id } from './company'
import { KsefTokenStatus, TokenCheck, TokenPermission, TokenSummary } from './credentials'

export { KsefTokenStatus, TokenPermission }

export const TokenIdentifier = z.object({ type: z.string(), value: z.string() })

/** One token as KSeF lists it (GET /tokens), matched to a copy stored here by reference number. */
export const KsefTokenRow = z.object({
  referenceNumber: z.string(),
  description: z.string(),
  permissions: z.array(TokenPermission),
  status: KsefTokenStatus,
  author: TokenIdentifier,
  context: TokenIdentifier,
  dateCreated: z.iso.datetime({ offset: true }),
  lastUseDate: z.iso.datetime({ offset: true }).nullable(),
  statusDetails: z.array(z.string()),
  /** The copy of the token kept on this computer, when there is one. */
  stored: TokenSummary.nullable(),
})
export type KsefTokenRow = z.infer<typeof KsefTokenRow>

export const TokenListFilter = z.object({
  status: z.array(KsefTokenStatus).default([]),
  description: z.string().max(256).default(''),
  author: z.string().max(64).default(''),
})
export type TokenListFilter = z.infer<typeof TokenListFilter>

export const KsefTokenPage = z.object({
  companyId: Id,
  rows: z.array(KsefTokenRow),
  /** Pokaż więcej: pass it back for the next page; null when there is none. */
  continuation: z.string().nullable(),
  /**
   * What KSeF lets this session see (REFERENCE §5): every token of the context (the session
   * holds CredentialsRead or CredentialsManage), only those its own subject generated (a
   * signature login without them), or only the token it logged in with (a token login without
   * them).
   */
  visibility: z.enum(['all', 'ownOnly', 'sessionToken']),
})
export type KsefTokenPage = z.infer<typeof KsefTokenPage>

export const TokenDraft = z.object({
  permissions: z.array(TokenPermission).max(8),
  description: z.string().max(512),
  makeDefault: z.boolean().default(false),
})
export type TokenDraft = z.infer<typeof TokenDraft>

/**
 * What Generuj token KSeF returns: the sealed copy's summary and a one-time ticket for the
 * reveal dialog. The token itself crosses only through tokens:reveal, once.
 */
export const GeneratedTokenResult = z.object({
  stored: TokenSummary,
  revealTicket: z.string(),
})
export type GeneratedTokenResult = z.infer<typeof GeneratedTokenResult>

/**
 * Dezaktywuj: the token as KSeF shows it after the revocation (Revoking, then Revoked followed in
 * the background), and where the default went when the revoked token was the default.
 */
export const RevokedToken = KsefTokenRow.extend({
  /** The revoked token was this company's default for Zaloguj tokenem KSeF. */
  wasDefault: z.boolean(),
  /**
   * The newest other usable token of the same context, now the default; null when there was
   * none (the revoked one then stays the default, so a token login says it is revoked).
   */
  defaultPassedTo: TokenSummary.nullable(),
})
export type RevokedToken = z.infer<typeof RevokedToken>

/** Sprawdź token: a real login and logout with it, the company's own session untouched. */
export const TokenCheckResult = TokenCheck.extend({ tokenId: Id, message: z.string().nullable() })
export type TokenCheckResult = z.infer<typeof TokenCheckResult>

/** Whether tokens may be generated and used now (the end-of-2026 rule and its switch). */
export const TokenPolicy = z.object({
  /** Generating and logging in with tokens is allowed now. */
  allowed: z.boolean(),
  /** The legal date has passed (app clock). */
  afterSunset: z.boolean(),
  /** The user's switch: tokens stay on after 2026 (the law was extended). */
  allowAfterSunset: z.boolean(),
  sunsetAt: z.iso.datetime(),
})
export type TokenPolicy = z.infer<typeof TokenPolicy>
