import { z } from 'zod'
import { Count, Text, type DetailsSchema } from './details'

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

/** The details of each CSV code, exactly: a field not listed here is not sent. */
export const companyImportErrorDetails = {
  CSV_TOO_LARGE: z.object({ sizeBytes: Count, limitBytes: Count }),
  CSV_NOT_TEXT: z.object({}),
  CSV_EMPTY: z.object({}),
  // The header's first 200 characters, as the file has them.
  CSV_NO_HEADER: z.object({ firstRow: Text }),
  CSV_WRONG_SEPARATOR: z.object({ separator: z.enum(['\t', '|']) }),
  CSV_MISSING_COLUMN: z.object({ column: Text, header: Text }),
  // csv-parse's code of the fault, and the line it was found near when it says.
  CSV_MALFORMED: z.object({ reason: Text, line: z.number().int().positive().optional() }),
  CSV_NOTHING_TO_IMPORT: z.object({ rows: Count }),
} satisfies Record<CompanyImportErrorCode, DetailsSchema>
