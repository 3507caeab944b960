// Error codes of the KSeF tokens managed in KSeF (tab Tokeny: Pobierz tokeny, Generuj token KSeF,
// Dezaktywuj, Sprawdź token). KSeF's own refusals (26001, 26002 …) arrive as KsefError codes and
// shared/ksef/codes.ts explains them; these are the app's own checks and its words for KSeF's.
import { z } from 'zod'
import { KsefTokenStatus } from '../domain/credentials'
import { Count, ksefRefusalDetails, type DetailsSchema } from './details'

export const tokenErrorCodes = [
  'TOKEN_DESCRIPTION_TOO_SHORT', // the description (Opis) has fewer than 5 characters
  'TOKEN_DESCRIPTION_TOO_LONG', // the description has more than 256 characters
  'TOKEN_NO_PERMISSION', // no permission was chosen for the new token
  'TOKEN_FILTER_TOO_SHORT', // a description or author filter of 1–2 characters (KSeF needs 3)
  'TOKEN_REVEAL_USED', // the one-time reveal of a generated token was used already
  'TOKEN_REVEAL_EXPIRED', // the reveal of a generated token waited too long
  'TOKEN_REVEAL_UNKNOWN', // no such reveal (the app was restarted, or it was never issued)
  'TOKEN_SEAL_FAILED', // KSeF generated a token this computer could not store: it was deactivated
  'TOKEN_NOT_IN_KSEF', // KSeF shows no such token to this session
  'TOKEN_ALREADY_REVOKED', // the token is being revoked or was revoked in KSeF already
  'TOKEN_REVOKE_FORBIDDEN', // KSeF refuses this session the revocation of this token (403)
] as const

export type TokenErrorCode = (typeof tokenErrorCodes)[number]

/** The details of each token code, exactly: a field not listed here is not sent. */
export const tokenErrorDetails = {
  TOKEN_DESCRIPTION_TOO_SHORT: z.object({
    field: z.literal('description'),
    minLength: Count,
    length: Count,
  }),
  TOKEN_DESCRIPTION_TOO_LONG: z.object({
    field: z.literal('description'),
    maxLength: Count,
    length: Count,
  }),
  TOKEN_NO_PERMISSION: z.object({ field: z.literal('permissions') }),
  TOKEN_FILTER_TOO_SHORT: z.object({ field: z.enum(['description', 'author']), minLength: Count }),
  TOKEN_REVEAL_USED: z.object({}),
  TOKEN_REVEAL_EXPIRED: z.object({}),
  TOKEN_REVEAL_UNKNOWN: z.object({}),
  // The code of what kept the token from being sealed (SECRETS_LOCKED …), or INTERNAL.
  TOKEN_SEAL_FAILED: z.object({ cause: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/) }),
  // KSeF's 21405, as the KsefError of the read carried it.
  TOKEN_NOT_IN_KSEF: z.object(ksefRefusalDetails),
  TOKEN_ALREADY_REVOKED: z.object({ status: KsefTokenStatus }),
  // KSeF's 403, as the KsefError of the revocation carried it.
  TOKEN_REVOKE_FORBIDDEN: z.object(ksefRefusalDetails),
} satisfies Record<TokenErrorCode, DetailsSchema>
