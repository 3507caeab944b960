/** Why a CSV file of companies cannot be read at all; nothing of it is imported. */
export const companyImportErrorCodes = [
  'CSV_TOO_LARGE',
  'CSV_NOT_TEXT',
  'CSV_EMPTY',
  'CSV_NO_HEADER',
  'CSV_WRONG_SEPARATOR',
  'CSV_MISSING_COLUMN',
  'CSV_MALFORMED',
  'CSV_NOTHING_TO_IMPORT',
] as const

export type CompanyImportErrorCode = (typeof companyImportErrorCodes)[number]
