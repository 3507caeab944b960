import { z } from 'zod'
import { companyDraftErrorCodes } from '../errors/companies'
import { Company, CompanyDraft } from './company'

/** How the file was written, as detected: shown in the preview so a wrong guess is visible. */
export const CsvEncoding = z.enum(['utf-8', 'utf-8-bom', 'windows-1250'])
export type CsvEncoding = z.infer<typeof CsvEncoding>

export const CsvSeparator = z.enum([';', ','])
export type CsvSeparator = z.infer<typeof CsvSeparator>

/** The verdict on one row: imported, or the one reason it is not. */
export const ImportRowVerdict = z.enum([
  'OK',
  ...companyDraftErrorCodes,
  'CSV_ROW_BAD_ENVIRONMENT',
  'CSV_ROW_DUPLICATE_IN_FILE',
  'COMPANY_DUPLICATE',
])
export type ImportRowVerdict = z.infer<typeof ImportRowVerdict>

export const ImportRow = z.object({
  /** The line of the file the row starts on (1 is the header). */
  line: z.number().int().positive(),
  name: z.string(),
  identifier: z.string(),
  environment: z.string(),
  verdict: ImportRowVerdict,
  /** The company the row becomes, when the verdict is OK. */
  draft: CompanyDraft.optional(),
  /** For CSV_ROW_DUPLICATE_IN_FILE: the line that wins. */
  duplicateOfLine: z.number().int().positive().optional(),
  /** For COMPANY_DUPLICATE: the name the company already has in the app. */
  existingName: z.string().optional(),
})
export type ImportRow = z.infer<typeof ImportRow>

export const CompanyImportPreview = z.object({
  encoding: CsvEncoding,
  separator: CsvSeparator,
  rows: z.array(ImportRow),
})
export type CompanyImportPreview = z.infer<typeof CompanyImportPreview>

/** The largest CSV read: 2,000 companies take about 150 kB, so 2 MiB is far beyond any office. */
export const companyCsvMaxBytes = 2 * 1024 * 1024

export const importableDrafts = (preview: CompanyImportPreview): CompanyDraft[] =>
  preview.rows.flatMap((row) => (row.verdict === 'OK' && row.draft ? [row.draft] : []))

/** A CSV file picked in the page. Over the limit it still crosses, so main can say how large it is. */
export const CsvFilePayload = z.object({
  name: z.string().max(255),
  base64: z.base64().max(16_000_000),
})
export type CsvFilePayload = z.infer<typeof CsvFilePayload>

export const CompanyImportResult = z.object({
  added: z.array(Company),
  preview: CompanyImportPreview,
})
export type CompanyImportResult = z.infer<typeof CompanyImportResult>
