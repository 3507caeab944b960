// Error codes of logging a company in (tab Ogólne). KSeF's own refusals arrive as KsefError codes
// (KSEF_AUTH_FAILED with the status 415/450/460… in details); these are the app's own checks.
import { z } from 'zod'
import { Environment } from '../domain/environment'
import { DateTime, KsefCode, Text, type DetailsSchema } from './details'

export const authErrorCodes = [
  'CERT_NO_DEFAULT', // no default Authentication certificate is stored for the company
  'CERT_OFFLINE_CANNOT_LOGIN', // an Offline certificate only signs KOD II links
  'TOKEN_NO_DEFAULT', // no default KSeF token is stored for the company
  'CREDENTIAL_WRONG_ENVIRONMENT', // the credential was stored for another environment
  'AUTH_REQUEST_NOT_SIGNED', // the loaded file carries no XML signature
  'AUTH_REQUEST_OTHER_COMPANY', // the signed request is for another context than the company
  'AUTH_REQUEST_CHALLENGE_EXPIRED', // its challenge is older than 10 minutes
  'AUTH_OPERATION_NOT_FOUND', // no such authentication operation for the company
  'AUTH_OPERATION_EXPIRED', // its authentication token no longer works
  'AUTH_OPERATION_NOT_READY', // tokens can be redeemed only after status 200
  'AUTH_ALREADY_REDEEMED', // the tokens of this operation were taken already
  'AUTH_IN_PROGRESS', // a login of the company is already under way
  'AUTH_NOT_LOGGED_IN', // the company has no session
  'AUTH_SESSION_EXPIRED', // the refresh token ran out: log in again
] as const

export type AuthErrorCode = (typeof authErrorCodes)[number]

/** The details of each login code, exactly: a field not listed here is not sent. */
export const authErrorDetails = {
  CERT_NO_DEFAULT: z.object({}),
  CERT_OFFLINE_CANNOT_LOGIN: z.object({}),
  TOKEN_NO_DEFAULT: z.object({}),
  CREDENTIAL_WRONG_ENVIRONMENT: z.object({
    credentialEnvironment: Environment,
    companyEnvironment: Environment,
  }),
  AUTH_REQUEST_NOT_SIGNED: z.object({}),
  // "Nip 5265877635": the context the request names, as its type code and identifier.
  AUTH_REQUEST_OTHER_COMPANY: z.object({ requestContext: Text }),
  // When the app's own challenge ran out; a challenge it never issued has no time to name.
  AUTH_REQUEST_CHALLENGE_EXPIRED: z.object({ expiredAt: DateTime.optional() }),
  AUTH_OPERATION_NOT_FOUND: z.object({}),
  AUTH_OPERATION_EXPIRED: z.object({ usableUntil: DateTime }),
  AUTH_OPERATION_NOT_READY: z.object({}),
  AUTH_ALREADY_REDEEMED: z.object({}),
  AUTH_IN_PROGRESS: z.object({}),
  AUTH_NOT_LOGGED_IN: z.object({}),
  // The KSeF code of the refused refresh, when KSeF gave one.
  AUTH_SESSION_EXPIRED: z.object({ ksefCode: KsefCode.nullable() }),
} satisfies Record<AuthErrorCode, DetailsSchema>
