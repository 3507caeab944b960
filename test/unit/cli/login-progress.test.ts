import { describe, expect, it } from 'vitest'
import { progressPrinter } from '../../../electron/cli/login-progress'

const companyId = '00000000-0000-4000-8000-000000000001'

describe('progressPrinter', () => {
  it('prints each step once, repeated polls with the same status once', () => {
    const printed: string[] = []
    const print = progressPrinter((text) => printed.push(text))
    const base = { companyId, method: 'token' as const }
    print({ ...base, step: 'challenge' })
    print({ ...base, step: 'encrypting' })
    print({ ...base, step: 'sending' })
    for (const statusCode of [100, 100, 100, 200])
      print({ ...base, step: 'waiting', referenceNumber: 'R-1', statusCode })
    print({ ...base, step: 'rateLimited', waitSeconds: 3 })
    print({ ...base, step: 'redeeming' })
    print({ ...base, step: 'done' })
    expect(printed).toEqual([
      'login: getting a challenge from KSeF\n',
      'login: encrypting the KSeF token with the MF public key\n',
      'login: sending it to KSeF\n',
      'login: KSeF is checking R-1 (status 100)\n',
      'login: KSeF is checking R-1 (status 200)\n',
      'login: KSeF asked to slow down (HTTP 429): waiting 3 s\n',
      'login: redeeming the access and refresh tokens\n',
    ])
  })
})
