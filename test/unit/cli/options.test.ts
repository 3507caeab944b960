import { describe, expect, it } from 'vitest'
import { environments } from '../../../shared/domain/environment'
import { environmentOf, environmentOptionName } from '../../../electron/cli/options'

describe('--env', () => {
  it('names the three environments test, demo and prod, both ways', () => {
    expect(environments.map(environmentOptionName)).toEqual(['test', 'demo', 'prod'])
    expect(['test', 'demo', 'prod'].map((env) => environmentOf({ env }))).toEqual([
      'Test',
      'Demo',
      'Production',
    ])
  })

  it('refuses any other word, and a missing --env, as wrong usage', () => {
    expect(() => environmentOf({ env: 'Production' })).toThrow(
      expect.objectContaining({
        code: 'CLI_USAGE',
        message: '--env must be one of test, demo, prod, not "Production".',
      }),
    )
    expect(() => environmentOf({})).toThrow(expect.objectContaining({ code: 'CLI_USAGE' }))
  })
})
