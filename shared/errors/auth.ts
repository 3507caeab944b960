// Error codes of logging a company in (tab Ogólne). KSeF's own refusals arrive as KsefError codes
// (KSEF_AUTH_FAILED with the status 415/450/460… in details); these are the app's own checks.
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
