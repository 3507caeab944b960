import { CsvError, parse } from 'csv-parse/sync'
import type { Company, CompanyDraft, CompanyIdentifier } from '../../shared/domain/company'
import type {
  CompanyImportPreview,
  CsvSeparator,
  ImportRow,
  ImportRowVerdict,
} from '../../shared/domain/company-import'
import { AppError } from '../../shared/ipc/errors'
import { checkCompanyDraft, normalizeCompanyDraft } from '../../shared/validation/company'
import { companyColumns, environmentOfCell, type CompanyColumn } from './csv-columns'
import { decodeCsv } from './csv-text'

const separators: readonly CsvSeparator[] = [';', ',']
// Separators people pick by mistake (a TSV export, a pipe-delimited dump): named in the error.
const otherSeparators = ['\t', '|'] as const

/** Reads a CSV of companies and gives every row its verdict; nothing is stored. */
export function previewCompanyCsv(
  bytes: Uint8Array,
  existing: readonly Company[],
): CompanyImportPreview {
  const { text, encoding } = decodeCsv(bytes)
  const headerLine = firstLine(text)
  const separator = detectSeparator(headerLine)
  const records = parseRecords(text, separator)
  const [header, ...body] = records
  const columns = columnPositions(header?.cells ?? [])
  if (body.length === 0)
    throw new AppError('CSV_EMPTY', 'The file has a header row but no companies.')
  const seen = new Map<string, number>()
  const rows = body.map(({ cells, line }) => rowVerdict(cells, line, columns, seen, existing))
  return { encoding, separator, rows }
}

type ColumnPositions = Record<CompanyColumn, number>
type CsvRecord = { cells: string[]; line: number }

function firstLine(text: string): string {
  return text.split(/\r?\n/).find((line) => line.trim() !== '') ?? ''
}

function headerCells(line: string, separator: string): string[] {
  try {
    return parse(line, { delimiter: separator, relax_quotes: true })[0] ?? []
  } catch {
    return []
  }
}

const knownColumnCount = (cells: readonly string[]): number =>
  new Set(cells.map(companyColumns.of).filter((column) => column !== undefined)).size

/** The separator under which the header names the most known columns. */
function detectSeparator(headerLine: string): CsvSeparator {
  const best = separators
    .map((separator) => ({
      separator,
      known: knownColumnCount(headerCells(headerLine, separator)),
    }))
    .reduce((a, b) => (b.known > a.known ? b : a))
  if (best.known > 0) return best.separator
  const other = otherSeparators.find(
    (separator) => knownColumnCount(headerCells(headerLine, separator)) > 0,
  )
  if (other !== undefined) {
    throw new AppError(
      'CSV_WRONG_SEPARATOR',
      `The columns are separated by ${other === '\t' ? 'tabs' : `"${other}"`}; use a semicolon (;) or a comma (,).`,
      { separator: other },
    )
  }
  throw new AppError(
    'CSV_NO_HEADER',
    'The first row does not name the columns: it must name nazwa (name), nip or identyfikator (identifier) and środowisko (environment).',
    { firstRow: headerLine.slice(0, 200) },
  )
}

function parseRecords(text: string, separator: CsvSeparator): CsvRecord[] {
  try {
    const parsed = parse(text, {
      delimiter: separator,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[]
    // csv-parse counts the line a record ends on; a row is known by the line it starts on.
    return parsed.map(({ record, info }) => ({
      cells: record,
      line:
        info.lines - record.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0),
    }))
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines
      throw new AppError(
        'CSV_MALFORMED',
        `The file is not valid CSV${line === undefined ? '' : ` near line ${line}`}: a quote is opened and never closed, or a field has text after its closing quote.`,
        line === undefined ? { reason: error.code } : { reason: error.code, line },
      )
    }
    throw error
  }
}

function columnPositions(cells: readonly string[]): ColumnPositions {
  const positions: Partial<ColumnPositions> = {}
  cells.forEach((cell, index) => {
    const column = companyColumns.of(cell)
    if (column !== undefined && positions[column] === undefined) positions[column] = index
  })
  for (const column of companyColumns.required) {
    if (positions[column] === undefined) {
      throw new AppError(
        'CSV_MISSING_COLUMN',
        `The header has no column ${companyColumns.describe(column)}.`,
        { column: companyColumns.describe(column), header: cells.join(' | ').slice(0, 200) },
      )
    }
  }
  return positions as ColumnPositions
}

function identifierOfCell(value: string): CompanyIdentifier {
  const compact = value.replace(/\s/g, '')
  return /^\d{10}-\d{5}$/.test(compact)
    ? { type: 'InternalId', value: compact }
    : { type: 'Nip', value: value.trim() }
}

// A name written by our own export with a guard against spreadsheet formulas ('=…) comes back as it was.
const unguardName = (name: string): string => (/^'[=+\-@]/.test(name) ? name.slice(1) : name)

function rowVerdict(
  cells: readonly string[],
  line: number,
  columns: ColumnPositions,
  seen: Map<string, number>,
  existing: readonly Company[],
): ImportRow {
  const cell = (column: CompanyColumn): string => cells[columns[column]] ?? ''
  const name = unguardName(cell('name').trim())
  const identifier = cell('identifier').trim()
  const environmentText = cell('environment').trim()
  const row = { line, name, identifier, environment: environmentText }
  const verdict = (value: ImportRowVerdict, extra: Partial<ImportRow> = {}): ImportRow => ({
    ...row,
    verdict: value,
    ...extra,
  })
  const environment = environmentOfCell(environmentText)
  const draft: CompanyDraft = {
    name,
    identifier: identifierOfCell(identifier),
    environment: environment ?? 'Test',
  }
  const problems = checkCompanyDraft(draft)
  if (problems.name) return verdict(problems.name)
  if (problems.identifier) return verdict(problems.identifier)
  if (environment === undefined) return verdict('CSV_ROW_BAD_ENVIRONMENT')
  const normalized = normalizeCompanyDraft(draft)
  const key = `${normalized.environment}|${normalized.identifier.type}|${normalized.identifier.value}`
  const firstLineOfTwin = seen.get(key)
  if (firstLineOfTwin !== undefined)
    return verdict('CSV_ROW_DUPLICATE_IN_FILE', { duplicateOfLine: firstLineOfTwin })
  seen.set(key, line)
  const twin = existing.find(
    (company) =>
      company.environment === normalized.environment &&
      company.identifier.type === normalized.identifier.type &&
      company.identifier.value === normalized.identifier.value,
  )
  if (twin) return verdict('COMPANY_DUPLICATE', { existingName: twin.name })
  return verdict('OK', { draft: normalized })
}
