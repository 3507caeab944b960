import { describe, expect, it } from 'vitest'
import {
  explainKsefCode,
  findKsefCode,
  ksefCodes,
  type KsefCodeKind,
} from '../../../shared/ksef/codes'

const documented: [KsefCodeKind, (number | string)[]][] = [
  ['authStatus', [100, 200, 415, 425, 450, 460, 470, 480, 500, 550]],
  [
    'exception',
    [
      21001, 21111, 21115, 21117, 21217, 21301, 21304, 21308, 21401, 21405, 21406, 21418, 21470,
      9101, 9102, 9103, 9105, 25001, 25002, 25003, 25004, 25005, 25006, 25007, 25008, 25009, 25010,
      25011, 26001, 26002,
      // The contract's /testdata answers (subject or permission exists already).
      30001,
    ],
  ],
  ['enrollmentStatus', [100, 200, 400, 500, 550]],
  ['http', [401, 403, 410, 429, 500, 502, 503, 504]],
  [
    'forbiddenReason',
    [
      'missing-permissions',
      'ip-not-allowed',
      'insufficient-resource-access',
      'auth-method-not-allowed',
      'security-service-blocked',
      'context-type-not-allowed',
    ],
  ],
]

describe('KSeF codes', () => {
  it.each(documented)('explains every documented %s code in Polish and English', (kind, codes) => {
    for (const code of codes) {
      const explanation = findKsefCode(kind, code)
      expect(explanation, `${kind} ${code}`).toBeDefined()
      for (const language of ['pl', 'en'] as const) {
        const text = explanation?.[language]
        expect(text?.title.length, `${kind} ${code} ${language}`).toBeGreaterThan(3)
        expect(text?.explanation.length).toBeGreaterThan(10)
        expect(text?.fix.length).toBeGreaterThan(5)
      }
    }
  })

  it('names every cause of 21115, not only another environment', () => {
    const { en, pl } = explainKsefCode('exception', 21115)
    for (const cause of [
      /another environment/,
      /self-signed certificate outside the Test environment/,
      /missing a required attribute/,
      /weak key/,
      /issuer not on the trusted list/,
      /revoked, blocked or expired/,
    ]) {
      expect(en.explanation).toMatch(cause)
    }
    for (const cause of [
      /innego środowiska/,
      /samopodpisany poza środowiskiem testowym/,
      /brakuje wymaganego atrybutu/,
      /zbyt słaby klucz/,
      /wystawca spoza listy zaufanych/,
      /unieważniony, zablokowany lub wygasły/,
    ]) {
      expect(pl.explanation).toMatch(cause)
    }
  })

  it('says what the accountant needs for the common failures', () => {
    expect(explainKsefCode('exception', 21115).en.explanation).toMatch(/another environment/)
    expect(explainKsefCode('exception', 21115).pl.explanation).toMatch(/innego środowiska/)
    expect(explainKsefCode('authStatus', 415).en.title).toBe('No permissions in this context')
    expect(explainKsefCode('authStatus', 450).en.title).toBe('Bad token')
    expect(explainKsefCode('exception', 9105).en.explanation).toMatch(/format/)
    expect(explainKsefCode('exception', '21111').en.explanation).toMatch(/10 minutes/)
  })

  it('names an undocumented code instead of failing', () => {
    expect(findKsefCode('exception', 12345)).toBeUndefined()
    expect(explainKsefCode('exception', 12345).en.title).toBe('KSeF code 12345')
    expect(explainKsefCode('exception', 12345).pl.explanation).toContain('12345')
  })

  it('explains the documented codes and no other, so a mistyped code cannot hide', () => {
    const explained = Object.fromEntries(
      Object.entries(ksefCodes).map(([kind, entries]) => [kind, Object.keys(entries).sort()]),
    )
    const expected = Object.fromEntries(
      documented.map(([kind, codes]) => [
        kind,
        [
          ...new Set(codes.map((c) => (kind === 'http' && Number(c) >= 500 ? '5xx' : String(c)))),
        ].sort(),
      ]),
    )
    expect(explained).toEqual(expected)
  })

  it('says everything in Polish and in English in words of each language', () => {
    for (const [kind, entries] of Object.entries(ksefCodes)) {
      for (const [code, { pl, en }] of Object.entries(entries)) {
        for (const part of ['title', 'explanation', 'fix'] as const) {
          expect(pl[part].trim(), `${kind} ${code} pl ${part}`).not.toBe('')
          expect(en[part].trim(), `${kind} ${code} en ${part}`).not.toBe('')
          expect(pl[part], `${kind} ${code} ${part} untranslated`).not.toBe(en[part])
        }
      }
    }
  })
})
