// The limits main carries are the contract's, operation for operation.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { rateLimitTableOf } from '../../../electron/ksef/rate-limit-contract'
import { rateLimitTable } from '../../../electron/ksef/rate-limit-table'

const contract: unknown = JSON.parse(
  readFileSync(new URL('../../../ksef-contract/openapi.json', import.meta.url), 'utf8'),
)

describe('the rate-limit table', () => {
  it('is the contract’s x-rate-limits (regenerate with npm run generate:rate-limits)', () => {
    expect(rateLimitTable).toEqual(rateLimitTableOf(contract))
  })

  it('holds the groups REFERENCE.md §2.7 lists', () => {
    const limitsOf = (method: string, template: string) =>
      rateLimitTable.find((row) => row.method === method && row.template === template)
    expect(limitsOf('POST', '/auth/challenge')).toEqual({
      method: 'POST',
      template: '/auth/challenge',
      limits: { perSecond: 60 },
      secured: false,
    })
    expect(limitsOf('GET', '/tokens')?.limits).toEqual({
      perSecond: 10,
      perMinute: 30,
      perHour: 120,
    })
    expect(limitsOf('GET', '/sessions')?.limits).toEqual({
      perSecond: 5,
      perMinute: 10,
      perHour: 60,
    })
    expect(rateLimitTable.length).toBeGreaterThan(70)
  })
})
