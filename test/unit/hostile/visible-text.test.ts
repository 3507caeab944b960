// Issue 13: terminal control characters in a subject or a company name are shown escaped.
import { describe, expect, it } from 'vitest'
import { visibleJson, visibleText } from '../../../shared/domain/visible-text'

describe('visibleText', () => {
  it.each([
    ['ESC (screen clearing)', 'Firma\u001b[2J\u001b[H', 'Firma\\u{1b}[2J\\u{1b}[H'],
    ['OSC (window title)', '\u001b]0;pwned\u0007', '\\u{1b}]0;pwned\\u{7}'],
    ['NUL and BEL', 'a\u0000b\u0007', 'a\\u{0}b\\u{7}'],
    ['carriage return', 'ok\rFAKE', 'ok\\u{d}FAKE'],
    ['DEL and C1 CSI', 'a\u007fb\u009b2J', 'a\\u{7f}b\\u{9b}2J'],
    ['right-to-left override', 'Firma\u202elanigiro', 'Firma\\u{202e}lanigiro'],
    [
      'isolates and marks',
      '\u2066x\u2069\u200e\u200f\u061c',
      '\\u{2066}x\\u{2069}\\u{200e}\\u{200f}\\u{61c}',
    ],
    ['line feed and tab in a one-line field', 'Firma\nNIP: 1\tx', 'Firma\\u{a}NIP: 1\\u{9}x'],
  ])('escapes %s', (_, text, shown) => {
    expect(visibleText(text)).toBe(shown)
  })

  it('keeps line feed and tab in text laid out in lines, and Polish letters everywhere', () => {
    expect(visibleText('Zażółć gęślą jaźń\n\tNIP\u001b', { keepLineBreaks: true })).toBe(
      'Zażółć gęślą jaźń\n\tNIP\\u{1b}',
    )
  })
})

describe('visibleJson', () => {
  it('writes DEL, C1 and bidi controls as JSON escapes: the same value, nothing raw', () => {
    const value = { name: 'a\u202eb\u009bc\u007f\u001b' }
    const json = visibleJson(JSON.stringify(value))
    expect(json).toBe('{"name":"a\\u202eb\\u009bc\\u007f\\u001b"}')
    expect(JSON.parse(json)).toEqual(value)
  })
})
