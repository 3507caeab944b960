import { describe, expect, it } from 'vitest'
import { checkNip, isValidNip, normalizeNip } from '../../../shared/validation/nip'
import { checkInternalId, nipOfInternalId } from '../../../shared/validation/internal-id'

describe('checkNip', () => {
  it.each(['5265877635', '1111111111', '7740001454', '526-587-76-35', '526 587 76 35'])(
    'accepts the valid NIP %s',
    (nip) => {
      expect(checkNip(nip)).toBeNull()
      expect(isValidNip(nip)).toBe(true)
    },
  )

  it('rejects a wrong check digit', () => {
    expect(checkNip('5265877636')).toBe('NIP_BAD_CHECKSUM')
    expect(checkNip('1234567890')).toBe('NIP_BAD_CHECKSUM')
  })

  it('rejects a NIP whose weighted sum leaves 10, which no check digit can match', () => {
    // 6*1+5*2+7*3+2*4+3*5+4*6+5*7+6*8+7*9 = 230, 230 mod 11 = 10
    expect(checkNip('1234567891')).toBe('NIP_BAD_CHECKSUM')
  })

  it.each([
    ['526587763', 'NIP_WRONG_LENGTH'],
    ['52658776351', 'NIP_WRONG_LENGTH'],
    ['52658A7635', 'NIP_NOT_DIGITS'],
    ['PL5265877635', 'NIP_NOT_DIGITS'],
    ['', 'NIP_REQUIRED'],
    ['  ', 'NIP_REQUIRED'],
    ['0265877635', 'NIP_BAD_PREFIX'],
    ['5005877635', 'NIP_BAD_PREFIX'],
  ] as const)('rejects %j with %s', (nip, problem) => {
    expect(checkNip(nip)).toBe(problem)
  })

  it('normalizes separators away and keeps the digits', () => {
    expect(normalizeNip(' 526-587-76-35 ')).toBe('5265877635')
  })
})

describe('checkInternalId', () => {
  it('accepts NIP-5 digits with a valid NIP part', () => {
    expect(checkInternalId('5265877635-00001')).toBeNull()
    expect(nipOfInternalId('5265877635-00001')).toBe('5265877635')
  })

  it.each([
    ['5265877636-00001', 'INTERNAL_ID_BAD_NIP'],
    ['5265877635-0001', 'INTERNAL_ID_FORMAT'],
    ['5265877635-000011', 'INTERNAL_ID_FORMAT'],
    ['5265877635', 'INTERNAL_ID_FORMAT'],
    ['526587763500001', 'INTERNAL_ID_FORMAT'],
    ['5265877635-0000A', 'INTERNAL_ID_FORMAT'],
    ['52658776AB-00001', 'INTERNAL_ID_FORMAT'],
    ['', 'INTERNAL_ID_REQUIRED'],
  ] as const)('rejects %j with %s', (id, problem) => {
    expect(checkInternalId(id)).toBe(problem)
  })
})
