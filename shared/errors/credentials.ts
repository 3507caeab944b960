// Error codes of the credentials a user brings (certificates, keys, KSeF tokens) and stores per
// company. Each names what is wrong with the input; nothing is stored when one is raised.
import { z } from 'zod'
import { KsefCertificateStatus, KsefTokenStatus } from '../domain/credentials'
import { Environment } from '../domain/environment'
import { DateTime, Text, type DetailsSchema } from './details'

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

/** The environments KSeF issued a certificate for, as main names them: "Test/Demo". */
export const EnvironmentList = z
  .string()
  .regex(new RegExp(`^(${Environment.options.join('|')})(/(${Environment.options.join('|')}))*$`))

/** The details of each credential code, exactly: a field not listed here is not sent. */
export const credentialErrorDetails = {
  CERT_FILES_MISSING: z.object({}),
  CERT_EXPIRED: z.object({ validTo: DateTime }),
  CERT_NOT_YET_VALID: z.object({ validFrom: DateTime }),
  CERT_WRONG_ENVIRONMENT: z.object({
    certificateEnvironments: EnvironmentList,
    companyEnvironment: Environment,
  }),
  CERT_SELF_SIGNED_NOT_TEST: z.object({ companyEnvironment: Environment }),
  CERT_SUBJECT_OTHER_NIP: z.object({ certificateNip: Text, companyNip: Text }),
  CERT_DUPLICATE: z.object({}),
  // The stored certificate asked for (the window), or the serial number the CLI was given.
  CERT_NOT_FOUND: z.object({ certificateId: Text.optional(), serialNumber: Text.optional() }),
  CERT_TEST_ONLY_ON_TEST: z.object({ companyEnvironment: Environment }),
  TOKEN_FORMAT: z.object({}),
  // "Nip 5265877635": the context's type code and identifier, as the token names it.
  TOKEN_OTHER_CONTEXT: z.object({ tokenContext: Text }),
  TOKEN_DUPLICATE: z.object({}),
  TOKEN_NOT_FOUND: z.object({ referenceNumber: Text.optional() }),
  CERT_REVOKED: z.object({ ksefStatus: KsefCertificateStatus }),
  // The CLI's Sprawdź token adds the reference number of the token it checked.
  TOKEN_REVOKED: z.object({
    ksefStatus: KsefTokenStatus.optional(),
    referenceNumber: Text.optional(),
  }),
  TOKENS_ENDED: z.object({ sunsetAt: DateTime }),
  COMPANY_HAS_CREDENTIALS: z.object({ field: z.enum(['identifier', 'environment']) }),
} satisfies Record<CredentialErrorCode, DetailsSchema>
