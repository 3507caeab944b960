import type { Company } from './company'

/** Search in the company list: by name (case- and accent-insensitive) or by identifier digits. */
export function matchesCompanySearch(
  company: Pick<Company, 'name' | 'identifier'>,
  query: string,
): boolean {
  const q = fold(query.trim())
  if (q === '') return true
  if (fold(company.name).includes(q)) return true
  const digits = query.replace(/[\s-]/g, '')
  return company.identifier.value.replace(/-/g, '').includes(digits)
}

/**
 * The search of a long list (an office's 2,000 companies): each name is folded once, so a
 * keystroke compares strings only; the same matches as matchesCompanySearch, in the list's order.
 */
export function companySearch<T extends Pick<Company, 'name' | 'identifier'>>(
  companies: readonly T[],
): (query: string) => T[] {
  const entries = companies.map((company) => ({
    company,
    name: fold(company.name),
    digits: company.identifier.value.replace(/-/g, ''),
  }))
  return (query) => {
    const q = fold(query.trim())
    if (q === '') return [...companies]
    const digits = query.replace(/[\s-]/g, '')
    return entries
      .filter((entry) => entry.name.includes(q) || entry.digits.includes(digits))
      .map((entry) => entry.company)
  }
}

const fold = (text: string): string =>
  text
    .toLocaleLowerCase('pl')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/ł/g, 'l')
