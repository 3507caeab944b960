// Error codes of Przejście na certyfikaty (the move from KSeF tokens to certificates): the choice
// of companies, and the signed files that were not run. What KSeF refuses on the way (a login, an
// enrollment, a revocation) keeps the code of the step that met it.
import { z } from 'zod'
import { Count, Text, type DetailsSchema } from './details'

export const migrationErrorCodes = [
  'MIGRATION_NO_COMPANIES', // no company was chosen, or none of those chosen logs in only with a token
  'MIGRATION_NOT_TOKEN_ONLY', // a company chosen for the requests logs in with a certificate or an identity, or has no token
  'MIGRATION_NO_FILES', // no signed file was loaded
  'MIGRATION_FILE_NO_COMPANY', // the signed request names a context no company of the list has
  'MIGRATION_FILE_UNKNOWN_CHALLENGE', // the request's challenge is not the company's latest request (used, or replaced)
  'MIGRATION_FILE_DUPLICATE', // a second signed file for a company loaded in the same batch
  'MIGRATION_SIGNER_LIMIT', // one signer signed more requests than KSeF lets one subject hold active certificates
] as const

export type MigrationErrorCode = (typeof migrationErrorCodes)[number]

/** The details of each migration code, exactly: a field not listed here is not sent. */
export const migrationErrorDetails = {
  MIGRATION_NO_COMPANIES: z.object({}),
  // The companies' names, comma-separated, and how many.
  MIGRATION_NOT_TOKEN_ONLY: z.object({ names: Text, count: Count }),
  MIGRATION_NO_FILES: z.object({}),
  // "Nip 5265877635": the context the request names.
  MIGRATION_FILE_NO_COMPANY: z.object({ requestContext: Text }),
  MIGRATION_FILE_UNKNOWN_CHALLENGE: z.object({ companyName: Text }),
  // The file that was taken for the company.
  MIGRATION_FILE_DUPLICATE: z.object({ companyName: Text, takenFile: Text }),
  // Whom KSeF would issue the certificates to: a NIP, a PESEL, or a certificate's fingerprint.
  MIGRATION_SIGNER_LIMIT: z.object({
    companyName: Text,
    signerType: z.enum(['Nip', 'Pesel', 'Fingerprint']),
    signer: Text,
    count: Count,
    limit: Count,
  }),
} satisfies Record<MigrationErrorCode, DetailsSchema>
