// Error codes of the KSeF tokens managed in KSeF (tab Tokeny: Pobierz tokeny, Generuj token KSeF,
// Dezaktywuj, Sprawdź token). KSeF's own refusals (26001, 26002 …) arrive as KsefError codes and
// shared/ksef/codes.ts explains them; these are the app's own checks and its words for KSeF's.
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
