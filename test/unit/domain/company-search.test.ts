import { describe, expect, it } from 'vitest'
import type { Company } from '../../../shared/domain/company'
import { matchesCompanySearch } from '../../../shared/domain/company-search'

const company = (name: string, value: string): Company => ({
  id: '6f1c2b8e-1b1a-4c1e-9a55-0b6c1f6d2a11',
  name,
  identifier: { type: value.includes('-') ? 'InternalId' : 'Nip', value },
  environment: 'Test',
  createdAt: '2026-11-21T08:00:00.000Z',
  updatedAt: '2026-11-21T08:00:00.000Z',
})

describe('matchesCompanySearch', () => {
  const zolw = company('Żółw Łódzki Sp. z o.o.', '5265877635')

  it('matches everything for an empty query', () => {
    expect(matchesCompanySearch(zolw, '  ')).toBe(true)
  })

  it('matches the name regardless of case and Polish diacritics', () => {
    expect(matchesCompanySearch(zolw, 'zolw lodz')).toBe(true)
    expect(matchesCompanySearch(zolw, 'ŻÓŁW')).toBe(true)
    expect(matchesCompanySearch(zolw, 'kowalski')).toBe(false)
  })

  it('matches identifier digits, typed with or without separators', () => {
    expect(matchesCompanySearch(zolw, '5265')).toBe(true)
    expect(matchesCompanySearch(zolw, '526-587')).toBe(true)
    expect(matchesCompanySearch(zolw, '999')).toBe(false)
    expect(matchesCompanySearch(company('Oddział', '5265877635-00001'), '5265877635-00001')).toBe(
      true,
    )
  })
})
