import { describe, expect, it } from 'vitest'
import { chooseCompany, describeCompany } from '../../../electron/cli/company-choice'
import type { Company } from '../../../shared/domain/company'
import { isAppError } from '../../../shared/ipc/errors'

const at = '2026-01-01T00:00:00.000Z'
const company = (
  id: string,
  identifier: Company['identifier'],
  environment: Company['environment'],
  name = `Firma ${id}`,
): Company => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  name,
  identifier,
  environment,
  createdAt: at,
  updatedAt: at,
})

const testNip = company('1', { type: 'Nip', value: '5265877635' }, 'Test')
const demoNip = company('2', { type: 'Nip', value: '5265877635' }, 'Demo')
const internal = company('3', { type: 'InternalId', value: '5265877635-00001' }, 'Production')
const all = [testNip, demoNip, internal]

function refusal(work: () => unknown) {
  try {
    work()
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected a refusal')
}

describe('chooseCompany (--company, --env)', () => {
  it('finds a company by its NIP as typed, separators and all, or by its InternalId', () => {
    expect(chooseCompany(all, '526-587-76-35', 'Test')).toBe(testNip)
    expect(chooseCompany(all, '526 587 76 35', 'Demo')).toBe(demoNip)
    expect(chooseCompany(all, '5265877635-00001')).toBe(internal)
    expect(chooseCompany([testNip, internal], '5265877635')).toBe(testNip)
  })

  it('asks for --env when the identifier is on the list in two environments, naming both', () => {
    expect(refusal(() => chooseCompany(all, '5265877635'))).toEqual({
      code: 'CLI_COMPANY_AMBIGUOUS',
      message:
        '5265877635 is on the list in 2 environments: "Firma 1" (--env test) and "Firma 2" (--env demo). Add --env to choose one.',
    })
  })

  it('says where an unknown identifier is, and where else it is', () => {
    expect(refusal(() => chooseCompany(all, '7762811692')).code).toBe('COMPANY_NOT_FOUND')
    expect(refusal(() => chooseCompany(all, '5265877635', 'Production')).message).toContain(
      'in Production in this data folder. It is on the list in Test (--env test), Demo (--env demo).',
    )
  })

  it('names a company with its identifier and environment', () => {
    expect(describeCompany(internal)).toBe('Firma 3 (InternalId 5265877635-00001, Production)')
  })
})
