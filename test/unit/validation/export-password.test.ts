import { describe, expect, it } from 'vitest'
import {
  brokenExportPasswordRules,
  checkExportPassword,
  exportPasswordRuleCodes,
  generateExportPassword,
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

  it.each([
    ['Short1!', 'length', 'EXPORT_PASSWORD_LENGTH'],
    ['A'.repeat(30) + 'a1!', 'length', 'EXPORT_PASSWORD_LENGTH'],
    ['abcdefgh1234567!', 'upper', 'EXPORT_PASSWORD_UPPER'],
    ['ABCDEFGH1234567!', 'lower', 'EXPORT_PASSWORD_LOWER'],
    ['Abcdefghijklmno!', 'digit', 'EXPORT_PASSWORD_DIGIT'],
    ['Abcdefgh12345678', 'special', 'EXPORT_PASSWORD_SPECIAL'],
  ])('names the one rule %s breaks, with its own code', (password, rule, code) => {
    expect(brokenExportPasswordRules(password)).toEqual([rule])
    expect(checkExportPassword(password)).toBe(code)
  })

  it('lists every broken rule in the MF order, the first one giving the code', () => {
    expect(brokenExportPasswordRules('')).toEqual(['length', 'upper', 'lower', 'digit', 'special'])
    expect(checkExportPassword('')).toBe('EXPORT_PASSWORD_LENGTH')
  })

  it('gives every rule a code of its own', () => {
    const codes = Object.values(exportPasswordRuleCodes)
    expect(new Set(codes).size).toBe(codes.length)
  })

  it.each([
    ['a Polish letter', 'Zażółćgęśl1234!'],
    ['a space', 'Abcdefg 1234567!'],
    ['other punctuation', 'Abcdefgh1234567!.'],
    ['a tilde', 'Abcdefgh1234567!~'],
  ])('refuses %s', (_, password) => {
    expect(brokenExportPasswordRules(password)).toEqual(['characters'])
    expect(checkExportPassword(password)).toBe('EXPORT_PASSWORD_CHARACTERS')
  })

  it('counts characters, not UTF-16 units, at the length limit', () => {
    expect(brokenExportPasswordRules('Ab1!' + 'x'.repeat(28))).toEqual([])
    expect(brokenExportPasswordRules('Ab1!' + 'x'.repeat(29))).toEqual(['length'])
  })
})

describe('generateExportPassword (Generuj hasło)', () => {
  it('always makes a password the MF rules accept, and never the same one twice', () => {
    const made = Array.from({ length: 5000 }, () => generateExportPassword())
    expect(made.filter((password) => !isValidExportPassword(password))).toEqual([])
    expect(new Set(made).size).toBe(made.length)
  })

  it('uses the whole allowed alphabet in every position', () => {
    const made = Array.from({ length: 3000 }, () => generateExportPassword())
    const seen = new Set(made.join(''))
    expect(seen.size).toBe(26 + 26 + 10 + 14)
    for (const position of [0, 23]) {
      const kinds = new Set(
        made.map((p) => {
          const c = p[position] ?? ''
          if (/[A-Z]/.test(c)) return 'upper'
          if (/[a-z]/.test(c)) return 'lower'
          return /[0-9]/.test(c) ? 'digit' : 'special'
        }),
      )
      expect(kinds.size).toBe(4)
    }
  })
})
