import type { Company } from './company'

/** Search in the company list: by name (case- and accent-insensitive) or by identifier digits. */
export function matchesCompanySearch(company: Company, query: string): boolean {
  const q = fold(query.trim())
  if (q === '') return true
  if (fold(company.name).includes(q)) return true
  const digits = query.replace(/[\s-]/g, '')
  return company.identifier.value.replace(/-/g, '').includes(digits)
}

const fold = (text: string): string =>
  text
    .toLocaleLowerCase('pl')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/ł/g, 'l')
