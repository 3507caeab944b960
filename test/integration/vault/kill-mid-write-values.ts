// What the killed writer writes in generation g, and how the test reads g back from each file: a
// value must be whole and of one generation, or the check fails.
import type { Company } from '../../../shared/domain/company'

const companyCount = 40

export const certificateId = '6f1c2b8e-1b1a-4c1e-9a55-0b6c1f6d2a11'

export const secretNames = ['company/a/token/1', 'company/a/key/1', 'company/b/token/1']

const idOf = (n: number) => `0d6b1f9e-8f3a-4a5e-b4c7-${n.toString(16).padStart(12, '0')}`

export function companiesOf(generation: number): Company[] {
  return Array.from({ length: companyCount }, (_, n) => ({
    id: idOf(n),
    name: `generation ${generation} company ${n}`,
    identifier: { type: 'Nip', value: '5265877635' },
    environment: 'Test',
    createdAt: '2026-11-21T09:00:00.000Z',
    updatedAt: '2026-11-21T09:00:00.000Z',
  }))
}

/** The one generation every company of the list is of; throws when they differ or any is missing. */
export function generationOfCompanies(companies: Company[]): number {
  const generations = new Set(
    companies.map((company) => Number(/^generation (\d+) company /.exec(company.name)?.[1])),
  )
  if (companies.length !== companyCount || generations.size !== 1) {
    throw new Error(
      `settings mixed or cut: ${companies.length} companies, generations ${[...generations].join(',')}`,
    )
  }
  return [...generations][0] ?? 0
}

// Long enough that a write takes more than one system call's worth of time.
const padding = (generation: number) => `:${String(generation).repeat(4000)}`

export const secretOf = (name: string, generation: number): string =>
  `${name}:${generation}${padding(generation)}`

export function generationOfSecret(name: string, value: string): number {
  const generation = Number(value.slice(name.length + 1).split(':')[0])
  if (value !== secretOf(name, generation)) throw new Error(`secret ${name} cut or mixed`)
  return generation
}

export const certificateOf = (generation: number): string =>
  `-----BEGIN CERTIFICATE-----\n${generation}${padding(generation)}\n-----END CERTIFICATE-----\n`

export function generationOfCertificate(pem: string): number {
  const generation = Number(pem.split('\n')[1]?.split(':')[0])
  if (pem !== certificateOf(generation)) throw new Error('certificate file cut or mixed')
  return generation
}
