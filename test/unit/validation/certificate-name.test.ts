import { describe, expect, it } from 'vitest'
import {
  brokenCertificateNameRules,
  checkCertificateName,
  isValidCertificateName,
} from '../../../shared/validation/certificate-name'

describe('KSeF certificate-name rules', () => {
  it.each(['Biuro', 'Certyfikat_uwierzytelniający-2026', 'ŻÓŁW ąćęłńóśźż 01', 'a'.repeat(100)])(
    'accepts %s',
    (name) => {
      expect(brokenCertificateNameRules(name)).toEqual([])
      expect(checkCertificateName(name)).toBeNull()
      expect(isValidCertificateName(name)).toBe(true)
    },
  )

  it('wants 5 to 100 characters', () => {
    expect(brokenCertificateNameRules('abcd')).toEqual(['length'])
    expect(brokenCertificateNameRules('a'.repeat(101))).toEqual(['length'])
    expect(brokenCertificateNameRules('')).toEqual(['length'])
  })

  it.each(['cert.2026', 'firma/1', 'Müller GmbH', 'tab\there', 'quote"s'])(
    'refuses the characters of %s',
    (name) => {
      expect(brokenCertificateNameRules(name)).toContain('characters')
      expect(checkCertificateName(name)).toBe('CERTIFICATE_NAME_RULES')
    },
  )
})
