// Error codes of talking to KSeF (electron/ksef). The KSeF code itself (21115, 415, …) travels in
// KsefError.ksef / details, and shared/ksef/codes.ts explains it.
import { z } from 'zod'
import { Text, ksefRefusalDetails, type DetailsSchema } from './details'

export const ksefErrorCodes = [
  'KSEF_ERROR', // KSeF refused the request (HTTP 400 with an exception code)
  'KSEF_UNAUTHORIZED', // HTTP 401: the access token is missing, expired or revoked
  'KSEF_FORBIDDEN', // HTTP 403: no permission, wrong IP, wrong login method (reasonCode says which)
  'KSEF_GONE', // HTTP 410: the operation's status is no longer kept by KSeF
  'KSEF_NOT_FOUND', // HTTP 404: no such endpoint or resource
  'KSEF_RATE_LIMITED', // HTTP 429: too many requests; retry after the given number of seconds
  'KSEF_UNAVAILABLE', // HTTP 5xx: KSeF failed or is in maintenance
  'KSEF_TIMEOUT', // KSeF did not answer in time
  'KSEF_NETWORK', // KSeF could not be reached (no connection, DNS, TLS)
  'KSEF_NOT_SENT', // the app closed while background work's request waited for its turn: never sent
  'KSEF_UNEXPECTED_RESPONSE', // KSeF answered with something the contract does not describe
  'KSEF_AUTH_FAILED', // the authentication operation ended with a failure status (415, 450, …)
  'KSEF_AUTH_PENDING_TIMEOUT', // the authentication operation stayed "in progress" too long
  'KSEF_NO_TOKEN_KEY', // KSeF published no valid public key for KSeF-token encryption
  'CERTIFICATE_NAME_RULES', // an enrollment name breaks the KSeF rules (5–100, allowed characters)
] as const

export type KsefErrorCode = (typeof ksefErrorCodes)[number]

/** What a KsefError carries (a 403's `security` only as KsefSecurityDetails). */
const refusal = z.object(ksefRefusalDetails)

// The CLI's Sprawdź token names the token it checked; the verdicts on a token are these codes.
const verdictOnToken = z.object({ ...ksefRefusalDetails, referenceNumber: Text.optional() })

/** The details of each KSeF code, exactly: a field not listed here is not sent. */
export const ksefErrorDetails = {
  KSEF_ERROR: verdictOnToken,
  KSEF_UNAUTHORIZED: verdictOnToken,
  KSEF_FORBIDDEN: verdictOnToken,
  KSEF_GONE: refusal,
  KSEF_NOT_FOUND: refusal,
  KSEF_RATE_LIMITED: refusal,
  KSEF_UNAVAILABLE: refusal,
  KSEF_TIMEOUT: refusal,
  KSEF_NETWORK: refusal,
  KSEF_NOT_SENT: z.object({}),
  KSEF_UNEXPECTED_RESPONSE: refusal,
  KSEF_AUTH_FAILED: verdictOnToken,
  KSEF_AUTH_PENDING_TIMEOUT: refusal,
  KSEF_NO_TOKEN_KEY: refusal,
  CERTIFICATE_NAME_RULES: z.object({ field: z.literal('certificateName') }),
} satisfies Record<KsefErrorCode, DetailsSchema>
