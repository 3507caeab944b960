import { describe, expect, it } from 'vitest'
import { environments } from '../../../shared/domain/environment'
import { CertificateRevocationReason } from '../../../shared/domain/ksef-certificates'
import { TokenPermission } from '../../../shared/domain/ksef-tokens'
import {
  contractValue,
  contractValues,
  environmentOf,
  environmentOptionName,
  optionValueName,
} from '../../../electron/cli/options'

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

describe('values of the contract as options name them', () => {
  it('writes each value in lower case with dashes, and reads it back', () => {
    expect(TokenPermission.options.map(optionValueName)).toEqual([
      'invoice-read',
      'invoice-write',
      'credentials-read',
      'credentials-manage',
      'subunit-manage',
      'enforcement-operations',
      'introspection',
      'collective-identifier-manage',
    ])
    expect(optionValueName('EC')).toBe('ec')
    expect(
      contractValue({ reason: 'key-compromise' }, 'reason', CertificateRevocationReason.options),
    ).toBe('KeyCompromise')
    expect(contractValue({}, 'reason', CertificateRevocationReason.options, 'Unspecified')).toBe(
      'Unspecified',
    )
  })

  it('reads a comma-separated list once each, an absent one as empty', () => {
    expect(
      contractValues(
        { permissions: 'invoice-read, invoice-write,invoice-read' },
        'permissions',
        TokenPermission.options,
      ),
    ).toEqual(['InvoiceRead', 'InvoiceWrite'])
    expect(contractValues({}, 'permissions', TokenPermission.options)).toEqual([])
  })

  it('refuses a name it does not know, an empty item and a missing value, as wrong usage', () => {
    expect(() =>
      contractValue({ reason: 'KeyCompromise' }, 'reason', CertificateRevocationReason.options),
    ).toThrow(
      expect.objectContaining({
        code: 'CLI_USAGE',
        message:
          '--reason must be one of unspecified, superseded, key-compromise, not "KeyCompromise".',
      }),
    )
    expect(() => contractValue({ key: 'dsa' }, 'key', ['EC', 'RSA'])).toThrow(
      expect.objectContaining({ message: '--key must be ec or rsa, not "dsa".' }),
    )
    expect(() =>
      contractValues({ status: 'active,,revoked' }, 'status', ['Active', 'Revoked']),
    ).toThrow(
      expect.objectContaining({
        code: 'CLI_USAGE',
        message: '--status takes a comma-separated list, not "active,,revoked".',
      }),
    )
    expect(() => contractValue({}, 'type', ['Authentication', 'Offline'])).toThrow(
      expect.objectContaining({ code: 'CLI_USAGE', message: '--type is required.' }),
    )
  })
})
