import { describe, expect, it } from 'vitest'
import { errorText } from '../../../electron/cli/error-text'

describe('errorText', () => {
  it('is one line for the app’s own errors', () => {
    expect(errorText({ code: 'CLI_USAGE', message: '--company is required.' })).toBe(
      'error CLI_USAGE: --company is required.\n',
    )
  })

  it('explains a KSeF code in plain words, with what to do and the id MF support asks for', () => {
    expect(
      errorText({
        code: 'KSEF_AUTH_FAILED',
        message: 'KSeF refused the login: Nieprawidłowy token (status 450).',
        details: {
          ksefCodeKind: 'authStatus',
          ksefCode: 450,
          ksefDetails: ['Token został unieważniony.'],
          serviceCode: null,
          traceId: '00-abc-01',
        },
      }),
    ).toBe(
      'error KSEF_AUTH_FAILED: KSeF refused the login: Nieprawidłowy token (status 450).\n' +
        '  KSeF 450: Bad token. The KSeF token is wrong, revoked, inactive, made for another company or environment, or comes from KSeF 1.0.\n' +
        '  KSeF says: Token został unieważniony.\n' +
        '  What to do: Generate a new KSeF 2.0 token for this company and environment, or log in with a certificate.\n' +
        '  Error reference for MF support: 00-abc-01\n',
    )
  })

  it('ignores details that are not a KSeF code', () => {
    expect(
      errorText({ code: 'COMPANY_DUPLICATE', message: 'Twice.', details: { ksefCode: 450 } }),
    ).toBe('error COMPANY_DUPLICATE: Twice.\n')
  })
})
