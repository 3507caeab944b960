import type { Company } from '../../shared/domain/company'
import type { Environment } from '../../shared/domain/environment'

const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const

/**
 * The n-th valid NIP of a fixed sequence (nine digits from n, then the check digit; prefixes
 * whose check digit would be 10 are skipped), so seeded data is the same in every run.
 */
export function nthNip(n: number): string {
  for (let candidate = 120_000_000 + n * 11; ; candidate += 1) {
    const digits = String(candidate)
    const check = weights.reduce((sum, weight, i) => sum + weight * Number(digits[i]), 0) % 11
    if (check !== 10) return `${digits}${check}`
  }
}

const environments: readonly Environment[] = ['Test', 'Demo', 'Production']

/** Companies of an office: distinct NIPs, Polish names, environments in turn. */
export function seededCompanies(count: number, at = '2026-11-01T08:00:00.000Z'): Company[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Klient ${i + 1} Spółka z o.o.`,
    identifier: { type: 'Nip' as const, value: nthNip(i) },
    environment: environments[i % environments.length] ?? 'Test',
    createdAt: at,
    updatedAt: at,
  }))
}
