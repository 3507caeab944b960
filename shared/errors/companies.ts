import { z } from 'zod'
import { Text, type DetailsSchema } from './details'

/** What is wrong with a company as typed (the form, a CSV row): one per field rule. */
export const companyDraftErrorCodes = [
  'NIP_REQUIRED',
  'NIP_NOT_DIGITS',
  'NIP_WRONG_LENGTH',
  'NIP_BAD_PREFIX',
  'NIP_BAD_CHECKSUM',
  'INTERNAL_ID_REQUIRED',
  'INTERNAL_ID_FORMAT',
  'INTERNAL_ID_BAD_NIP',
  'COMPANY_NAME_REQUIRED',
  'COMPANY_NAME_TOO_LONG',
] as const

export const companyErrorCodes = [
  ...companyDraftErrorCodes,
  'COMPANY_DUPLICATE',
  'COMPANY_NOT_FOUND',
] as const

export type CompanyErrorCode = (typeof companyErrorCodes)[number]

// Which input holds the identifier: the company form (identifier), a test certificate's NIP, an
// AuthTokenRequest's context. The company form reads it to put the message under its field.
const nipProblem = z.object({ field: z.enum(['identifier', 'nip', 'context']) })
const internalIdProblem = z.object({ field: z.enum(['identifier', 'context']) })
const nameProblem = z.object({ field: z.literal('name') })

/** The details of each company code, exactly: a field not listed here is not sent. */
export const companyErrorDetails = {
  NIP_REQUIRED: nipProblem,
  NIP_NOT_DIGITS: nipProblem,
  NIP_WRONG_LENGTH: nipProblem,
  NIP_BAD_PREFIX: nipProblem,
  NIP_BAD_CHECKSUM: nipProblem,
  INTERNAL_ID_REQUIRED: internalIdProblem,
  INTERNAL_ID_FORMAT: internalIdProblem,
  INTERNAL_ID_BAD_NIP: internalIdProblem,
  COMPANY_NAME_REQUIRED: nameProblem,
  COMPANY_NAME_TOO_LONG: nameProblem,
  COMPANY_DUPLICATE: z.object({ field: z.literal('identifier'), existingName: Text }),
  // The CLI's --nip or --internal-id that named no company, or the id an assignment named.
  COMPANY_NOT_FOUND: z.object({ identifier: Text.optional(), companyId: Text.optional() }),
} satisfies Record<CompanyErrorCode, DetailsSchema>
