import { describe, expect, it } from 'vitest'
import { appErrorCodes } from '../../../shared/ipc/errors'

describe('error codes', () => {
  // Each area keeps its own list; a code listed by two areas would mean two meanings for one word.
  it('no code is listed by two areas', () => {
    const seen = new Set<string>()
    const twice = appErrorCodes.filter((code) => seen.size === seen.add(code).size)
    expect(twice).toEqual([])
  })
})
