import { describe, expect, it } from 'vitest'
import {
  certificateNameErrors,
  forbiddenCertificateNameCharacters,
} from '../../../shared/validation/certificate-name'

describe('certificate-name errors, one code per broken rule', () => {
  it('accepts a good name', () => {
    expect(certificateNameErrors('Uwierzytelnienie biura_2026')).toEqual([])
  })

  it.each([
    ['Abcd', ['CERT_NAME_TOO_SHORT']],
    ['', ['CERT_NAME_TOO_SHORT']],
    ['a'.repeat(101), ['CERT_NAME_TOO_LONG']],
    ['Sp. z o.o.', ['CERT_NAME_CHARACTERS']],
    ['a.b', ['CERT_NAME_TOO_SHORT', 'CERT_NAME_CHARACTERS']],
  ])('%j breaks %j', (name, codes) => {
    expect(certificateNameErrors(name)).toEqual(codes)
  })

  it('counts letters, not UTF-16 units', () => {
    expect(certificateNameErrors('ąćęłń')).toEqual([])
  })

  it('names each forbidden character once', () => {
    expect(forbiddenCertificateNameCharacters('Biuro/1.0.2 Müller')).toEqual(['/', '.', 'ü'])
  })
})
