import { z } from 'zod'
import { Environment } from './environment'

export const Id = z.uuid()
export type Id = z.infer<typeof Id>

export const CompanyIdentifierType = z.enum(['Nip', 'InternalId'])
export type CompanyIdentifierType = z.infer<typeof CompanyIdentifierType>

/** The KSeF context a company logs in to. */
export const CompanyIdentifier = z.object({
  type: CompanyIdentifierType,
  value: z.string(),
})
export type CompanyIdentifier = z.infer<typeof CompanyIdentifier>

export const companyNameMaxLength = 200

/** What a user types in the company form; rules are checked by validateCompanyDraft. */
export const CompanyDraft = z.object({
  name: z.string(),
  identifier: CompanyIdentifier,
  environment: Environment,
})
export type CompanyDraft = z.infer<typeof CompanyDraft>

export const Company = CompanyDraft.extend({
  id: Id,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type Company = z.infer<typeof Company>
