import { describe, expect, it } from 'vitest'
import { checkCompanyDraft, normalizeCompanyDraft } from '../../../shared/validation/company'

const draft = {
  name: 'Biuro Rachunkowe Kowalski',
  identifier: { type: 'Nip' as const, value: '526-587-76-35' },
  environment: 'Test' as const,
}

describe('checkCompanyDraft', () => {
  it('has no problems for a complete draft', () => {
    expect(checkCompanyDraft(draft)).toEqual({})
  })

  it('names each field with its problem', () => {
    expect(
      checkCompanyDraft({ ...draft, name: '   ', identifier: { type: 'Nip', value: '123' } }),
    ).toEqual({
      name: 'COMPANY_NAME_REQUIRED',
      identifier: 'NIP_WRONG_LENGTH',
    })
    expect(checkCompanyDraft({ ...draft, name: 'x'.repeat(201) })).toEqual({
      name: 'COMPANY_NAME_TOO_LONG',
    })
  })

  it('checks an InternalId by its own rules', () => {
    expect(
      checkCompanyDraft({ ...draft, identifier: { type: 'InternalId', value: '5265877635' } }),
    ).toEqual({ identifier: 'INTERNAL_ID_FORMAT' })
  })
})

describe('normalizeCompanyDraft', () => {
  it('trims the name and strips separators from the identifier', () => {
    expect(normalizeCompanyDraft({ ...draft, name: '  Kowalski  ' })).toEqual({
      name: 'Kowalski',
      identifier: { type: 'Nip', value: '5265877635' },
      environment: 'Test',
    })
  })
})
