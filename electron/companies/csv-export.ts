import type { Company } from '../../shared/domain/company'
import { environmentCsvName } from './csv-columns'

const header = ['nazwa', 'nip', 'środowisko'] as const

// A cell a spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe; the import
// takes it off again, so a name goes out and comes back unchanged.
const guardFormula = (value: string): string => (/^[=+\-@]/.test(value) ? `'${value}` : value)

function cell(value: string): string {
  const guarded = guardFormula(value)
  return /[";\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}

/** One CSV line of the app's exports: `;`-separated, quoted as CSV defines, formulas guarded. */
export const line = (cells: readonly string[]): string => cells.map(cell).join(';')

// A BOM and semicolons: what Excel on a Polish Windows opens correctly with a double click.
export const asFile = (lines: readonly string[]): Buffer =>
  Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8')

/** The companies as a CSV file the import reads back: nazwa;nip;środowisko. */
export function companiesCsv(companies: readonly Company[]): Buffer {
  return asFile([
    line(header),
    ...companies.map((company) =>
      line([company.name, company.identifier.value, environmentCsvName[company.environment]]),
    ),
  ])
}

/** The template offered for download: the header and one example row to overwrite. */
export function companyCsvTemplate(): Buffer {
  return asFile([line(header), line(['Przykładowa Firma Sp. z o.o.', '5265877635', 'test'])])
}
