import type { Environment } from '../../shared/domain/environment'

export type CompanyColumn = 'name' | 'identifier' | 'environment'

// Header cells and environment cells are compared without case, diacritics or surrounding
// spaces: "Środowisko", "srodowisko" and "ŚRODOWISKO " name the same column.
const fold = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/\s+/g, ' ')

const headerNames: Record<CompanyColumn, readonly string[]> = {
  name: ['nazwa', 'nazwa firmy', 'name', 'company', 'company name'],
  identifier: ['nip', 'identyfikator', 'identifier', 'id'],
  environment: ['srodowisko', 'environment', 'env'],
}

const columnByHeader = new Map(
  Object.entries(headerNames).flatMap(([column, names]) =>
    names.map((name) => [name, column as CompanyColumn] as const),
  ),
)

const descriptions: Record<CompanyColumn, string> = {
  name: 'nazwa / name',
  identifier: 'nip / identyfikator / identifier',
  environment: 'środowisko / environment',
}

export const companyColumns = {
  required: ['name', 'identifier', 'environment'] as const satisfies readonly CompanyColumn[],
  of: (header: string): CompanyColumn | undefined => columnByHeader.get(fold(header)),
  describe: (column: CompanyColumn): string => descriptions[column],
}

// The words of the CLI (test, demo, prod) and the app's own labels, in Polish and English.
const environmentNames: Record<Environment, readonly string[]> = {
  Test: ['test', 'testowe', 'srodowisko testowe'],
  Demo: [
    'demo',
    'demo (przedprodukcyjne)',
    'demo (pre-production)',
    'przedprodukcyjne',
    'pre-production',
  ],
  Production: ['prod', 'production', 'produkcja', 'produkcyjne', 'srodowisko produkcyjne'],
}

const environmentByName = new Map(
  Object.entries(environmentNames).flatMap(([environment, names]) =>
    names.map((name) => [name, environment as Environment] as const),
  ),
)

export const environmentOfCell = (text: string): Environment | undefined =>
  environmentByName.get(fold(text))

/** How the export and the template write an environment: the CLI's words. */
export const environmentCsvName: Record<Environment, string> = {
  Test: 'test',
  Demo: 'demo',
  Production: 'prod',
}
