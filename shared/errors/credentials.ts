// Error codes of the credentials a user brings (certificates, keys, KSeF tokens) and stores per
// company. Each names what is wrong with the input; nothing is stored when one is raised.
export const credentialErrorCodes = [
  'CERT_FILES_MISSING', // neither a certificate with its key nor a .p12/.pfx was given
  'CERT_EXPIRED', // the certificate's validity ended
  'CERT_NOT_YET_VALID', // the certificate's validity has not begun
  'CERT_WRONG_ENVIRONMENT', // issued by KSeF for another environment than the company's
  'CERT_SELF_SIGNED_NOT_TEST', // self-signed certificates work only in the Test environment
  'CERT_SUBJECT_OTHER_NIP', // the certificate names another NIP than the company's
  'CERT_DUPLICATE', // this certificate is already stored for the company
  'CERT_NOT_FOUND', // no such stored certificate
  'CERT_TEST_ONLY_ON_TEST', // a test certificate can be created only for a Test company
  'TOKEN_FORMAT', // the pasted text is not a KSeF token
  'TOKEN_OTHER_CONTEXT', // the token was generated for another company (context)
  'TOKEN_DUPLICATE', // this token is already stored for the company
  'TOKEN_NOT_FOUND', // no such stored token
  'CERT_REVOKED', // KSeF reports the certificate revoked, blocked or expired: never used to log in
  'TOKEN_REVOKED', // KSeF reports the token revoked (or revoking, failed): never used to log in
  'TOKENS_ENDED', // after 31 December 2026 tokens are off unless the user turned them back on
  'COMPANY_HAS_CREDENTIALS', // identifier or environment change would orphan stored credentials
] as const

export type CredentialErrorCode = (typeof credentialErrorCodes)[number]
