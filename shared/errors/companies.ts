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
