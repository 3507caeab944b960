import { describe, expect, it } from 'vitest'
import en from '../../../renderer/src/i18n/en.json'
import pl from '../../../renderer/src/i18n/pl.json'
import { appErrorCodes } from '../../../shared/ipc/errors'

type Tree = { [key: string]: string | Tree }

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  )
}

// Plural forms differ by language (Polish has one/few/many, English one/other).
const withoutPlurals = (list: string[]) =>
  new Set(list.map((key) => key.replace(/_(one|few|many|other)$/, '')))

describe('translations', () => {
  it('every error code a user can meet has Polish and English words', () => {
    const missing = appErrorCodes.filter(
      (code) => !(code in (pl.errors as Tree)) || !(code in (en.errors as Tree)),
    )
    expect(missing).toEqual([])
  })

  it('Polish and English have the same keys', () => {
    expect(withoutPlurals(keys(en as Tree))).toEqual(withoutPlurals(keys(pl as Tree)))
  })

  it('no translation is empty', () => {
    for (const tree of [pl, en]) {
      for (const key of keys(tree)) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Tree)[part], tree)
        expect(value, key).not.toBe('')
      }
    }
  })
})
