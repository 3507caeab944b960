import { describe, expect, it } from 'vitest'
import {
  brokenExportPasswordRules,
  checkExportPassword,
  isValidExportPassword,
} from '../../../shared/validation/export-password'

describe('MF export-password rules', () => {
  it.each(['Abcdefgh1234567!', 'ZAQ!2wsxCDE#4rfv', 'aB3' + '-'.repeat(12), 'X'.repeat(29) + 'a1='])(
    'accepts %s',
    (password) => {
      expect(brokenExportPasswordRules(password)).toEqual([])
      expect(checkExportPassword(password)).toBeNull()
      expect(isValidExportPassword(password)).toBe(true)
    },
  )

  it('names each broken rule', () => {
    expect(brokenExportPasswordRules('Short1!')).toEqual(['length'])
    expect(brokenExportPasswordRules('A'.repeat(30) + 'a1!')).toEqual(['length'])
    expect(brokenExportPasswordRules('abcdefgh1234567!')).toEqual(['upper'])
    expect(brokenExportPasswordRules('ABCDEFGH1234567!')).toEqual(['lower'])
    expect(brokenExportPasswordRules('Abcdefghijklmno!')).toEqual(['digit'])
    expect(brokenExportPasswordRules('Abcdefgh12345678')).toEqual(['special'])
    expect(brokenExportPasswordRules('')).toEqual(['length', 'upper', 'lower', 'digit', 'special'])
  })

  it.each([
    ['a Polish letter', 'Zażółćgęśl1234!'],
    ['a space', 'Abcdefg 1234567!'],
    ['other punctuation', 'Abcdefgh1234567!.'],
    ['a tilde', 'Abcdefgh1234567~'],
  ])('refuses %s', (_, password) => {
    expect(brokenExportPasswordRules(password)).toContain('characters')
    expect(checkExportPassword(password)).toBe('EXPORT_PASSWORD_RULES')
  })

  it('counts characters, not UTF-16 units, at the length limit', () => {
    expect(brokenExportPasswordRules('Ab1!' + 'x'.repeat(28))).toEqual([])
    expect(brokenExportPasswordRules('Ab1!' + 'x'.repeat(29))).toEqual(['length'])
  })
})
