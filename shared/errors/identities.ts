// Error codes of Tożsamości: certificates stored once and assigned to many companies. Each names
// what is wrong; nothing is stored or changed when one is raised.
import { z } from 'zod'
import { Environment } from '../domain/environment'
import { Count, Text, type DetailsSchema } from './details'

export const identityErrorCodes = [
  'IDENTITY_NOT_FOUND', // no such stored identity
  'IDENTITY_DUPLICATE', // this certificate is already stored as an identity
  'IDENTITY_NOT_AUTHENTICATION', // an Offline certificate signs KOD II links only: it logs no one in
  'IDENTITY_IN_USE', // removing an identity companies log in with needs the user's word
  'IDENTITY_WRONG_ENVIRONMENT', // the identity's certificate does not work in a chosen company's environment
  'IDENTITY_NO_COMPANIES', // an assignment that names no company
  'IDENTITY_UNKNOWN_NIP', // a NIP of the assignment names no company of the data folder
  'IDENTITY_RENEWAL_OTHER_SUBJECT', // the renewed certificate names another subject than the identity
] as const

export type IdentityErrorCode = (typeof identityErrorCodes)[number]

/** The details of each identity code, exactly: a field not listed here is not sent. */
export const identityErrorDetails = {
  IDENTITY_NOT_FOUND: z.object({ identityId: Text }),
  IDENTITY_DUPLICATE: z.object({ identityName: Text }),
  IDENTITY_NOT_AUTHENTICATION: z.object({}),
  IDENTITY_IN_USE: z.object({ companyCount: Count, identityName: Text }),
  IDENTITY_WRONG_ENVIRONMENT: z.object({
    identityName: Text,
    // "Test/Demo": where the identity's certificate works.
    identityEnvironments: Text,
    companyName: Text,
    companyEnvironment: Environment,
  }),
  IDENTITY_NO_COMPANIES: z.object({}),
  // The NIPs that name no company, comma-separated, as the user gave them.
  IDENTITY_UNKNOWN_NIP: z.object({ nips: Text, count: Count }),
  IDENTITY_RENEWAL_OTHER_SUBJECT: z.object({ identityName: Text }),
} satisfies Record<IdentityErrorCode, DetailsSchema>
