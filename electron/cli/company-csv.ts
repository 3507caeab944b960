// `companies import --csv` / `companies export --csv`: Importuj firmy z CSV and the list written
// out, through the same handlers (and the same verdicts) as the window's preview.
import type { CompanyImportPreview, ImportRow } from '../../shared/domain/company-import'
import type { FileSaver } from '../files/file-saver'
import type { CliCommand } from './command'
import { dataFolderHelp, dataFolderOptions, dataFolderUsage, withDataFolder } from './data-folder'
import type { CliIo } from './io'
import { requiredString } from './options'

const verdictText: Record<Exclude<ImportRow['verdict'], 'OK'>, (row: ImportRow) => string> = {
  COMPANY_NAME_REQUIRED: () => 'the name is blank',
  COMPANY_NAME_TOO_LONG: () => 'the name is longer than 200 characters',
  NIP_REQUIRED: () => 'the NIP is blank',
  NIP_NOT_DIGITS: () => 'the NIP has characters other than digits',
  NIP_WRONG_LENGTH: () => 'the NIP does not have 10 digits',
  NIP_BAD_PREFIX: () => 'the NIP cannot start with 0 or have 00 in positions 2–3',
  NIP_BAD_CHECKSUM: () => 'the NIP check digit does not match (a typo)',
  INTERNAL_ID_REQUIRED: () => 'the identifier is blank',
  INTERNAL_ID_FORMAT: () => 'the internal identifier is not NIP-12345',
  INTERNAL_ID_BAD_NIP: () => 'the NIP part of the internal identifier is not a valid NIP',
  CSV_ROW_BAD_ENVIRONMENT: (row) =>
    `the environment "${row.environment}" is not test, demo or prod`,
  CSV_ROW_DUPLICATE_IN_FILE: (row) => `the same company as line ${row.duplicateOfLine ?? '?'}`,
  COMPANY_DUPLICATE: (row) => `already in the data folder as "${row.existingName ?? ''}"`,
}

function previewText(preview: CompanyImportPreview, outcome: string): string {
  const skipped = preview.rows.filter((row) => row.verdict !== 'OK')
  const lines = [
    `${preview.rows.length} rows read (${preview.encoding}, separated by "${preview.separator}").`,
    ...skipped.map(
      (row) =>
        `line ${row.line}: skipped, ${row.verdict}: ${verdictText[row.verdict as keyof typeof verdictText](row)}`,
    ),
    outcome,
  ]
  return lines.join('\n')
}

const companiesImport: CliCommand = {
  path: ['companies', 'import'],
  summary: 'add the companies of a CSV file (nazwa;nip;środowisko)',
  usage: `--csv FILE [--dry-run] ${dataFolderUsage}`,
  help:
    'The first row names the columns, in Polish or English: nazwa/name, nip or identyfikator/\n' +
    'identifier, środowisko/environment (test, demo, prod, or as the app shows them). Columns are\n' +
    'separated by ; or , and the file is UTF-8 (with or without BOM) or Windows-1250. Each row gets a\n' +
    'verdict; the good rows are added in one write, the others are listed and skipped. --dry-run\n' +
    'prints the verdicts and adds nothing.\n\n' +
    dataFolderHelp,
  options: { csv: { type: 'string' }, 'dry-run': { type: 'boolean' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const path = requiredString(values, 'csv')
    const file = { name: path, base64: io.readFile(path).toString('base64') }
    return withDataFolder(values, io, async ({ call }) => {
      if (values['dry-run'] === true) {
        const preview = await call('companies:importPreview', { file })
        const good = preview.rows.filter((row) => row.verdict === 'OK').length
        return {
          text: previewText(preview, `${good} would be added (--dry-run: nothing was stored).`),
          json: preview,
        }
      }
      const result = await call('companies:import', { file })
      return {
        text: previewText(result.preview, `${result.added.length} added.`),
        json: result,
      }
    })
  },
}

/** Writes the one file an export makes at the path the user gave. */
const fileAt = (path: string, io: CliIo, overwrite: boolean): FileSaver => ({
  save: (files) =>
    Promise.resolve(
      files.map((file) => {
        io.writeFile(path, Buffer.from(file.bytes), { secret: false, overwrite })
        return { name: file.name, saved: true, location: io.resolvePath(path) }
      }),
    ),
})

const companiesExport: CliCommand = {
  path: ['companies', 'export'],
  summary: 'write the companies of the data folder to a CSV file',
  usage: `--csv FILE [--force] ${dataFolderUsage}`,
  help:
    'Writes nazwa;nip;środowisko in UTF-8 with a BOM (Excel opens it as is); `companies import`\n' +
    'reads it back. --force replaces an existing file.\n\n' +
    dataFolderHelp,
  options: { csv: { type: 'string' }, force: { type: 'boolean' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const path = requiredString(values, 'csv')
    return withDataFolder(
      values,
      io,
      async ({ call }) => {
        const companies = await call('companies:list', undefined)
        const saved = await call('companies:exportCsv', {})
        return {
          text: `${companies.length} companies written to ${saved[0]?.location ?? path}.`,
          json: saved,
        }
      },
      { fileSaver: fileAt(path, io, values.force === true) },
    )
  },
}

export const companyCsvCommands: CliCommand[] = [companiesImport, companiesExport]
