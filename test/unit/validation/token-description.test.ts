import { describe, expect, it } from 'vitest'
import {
  brokenTokenDescriptionRule,
  tokenDescriptionLength,
} from '../../../shared/validation/token-description'

describe('a KSeF token description (5–256 characters)', () => {
  it.each([
    ['', 'tooShort'],
    ['Abcd', 'tooShort'],
    ['Abcde', null],
    ['x'.repeat(256), null],
    ['x'.repeat(257), 'tooLong'],
  ] as const)('%j breaks %s', (description, rule) => {
    expect(brokenTokenDescriptionRule(description)).toBe(rule)
  })

  it('counts as KSeF does: a Polish letter is one character, an emoji two', () => {
    expect(tokenDescriptionLength('Żółć')).toBe(4)
    expect(tokenDescriptionLength('Faktury 🧾')).toBe(10)
    expect(brokenTokenDescriptionRule('Żółć')).toBe('tooShort')
    expect(brokenTokenDescriptionRule('🧾'.repeat(128))).toBeNull()
    expect(brokenTokenDescriptionRule('🧾'.repeat(129))).toBe('tooLong')
  })
})
