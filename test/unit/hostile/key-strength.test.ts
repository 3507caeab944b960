// Issue 13, "Keys KSeF will not take": KSeF takes RSA of 2048 bits or more and EC curves of 256
// bits or more (REFERENCE.md §3.4); a weaker key is refused at import as KEY_TOO_WEAK.
import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { assertAcceptedKeyAlgorithm, assertSigningKey } from '../../../electron/crypto/keys'

const ecKey = (namedCurve: string) => generateKeyPairSync('ec', { namedCurve }).privateKey

describe('key strength', () => {
  it.each([
    ['RSA 1024', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey],
    ['RSA 2047', generateKeyPairSync('rsa', { modulusLength: 2047 }).privateKey],
    ['EC prime192v1', ecKey('prime192v1')],
    ['EC secp224r1', ecKey('secp224r1')],
    ['EC brainpoolP224r1', ecKey('brainpoolP224r1')],
  ])('refuses %s as too weak', (algorithm, key) => {
    expect(() => assertSigningKey(key)).toThrow(
      expect.objectContaining({ code: 'KEY_TOO_WEAK', details: { algorithm } }),
    )
  })

  it('keeps KEY_UNSUPPORTED for a strong curve this app does not sign with', () => {
    expect(() => assertSigningKey(ecKey('brainpoolP256r1'))).toThrow(
      expect.objectContaining({ code: 'KEY_UNSUPPORTED' }),
    )
    expect(() => assertAcceptedKeyAlgorithm({ type: 'ec', curve: 'secp256k1' })).toThrow(
      expect.objectContaining({ code: 'KEY_UNSUPPORTED' }),
    )
  })

  it.each([
    [{ type: 'rsa', bits: 2048 }],
    [{ type: 'rsa', bits: 4096 }],
    [{ type: 'ec', curve: 'P-256' }],
    [{ type: 'ec', curve: 'P-384' }],
    [{ type: 'ec', curve: 'P-521' }],
  ] as const)('accepts %j', (algorithm) => {
    expect(assertAcceptedKeyAlgorithm(algorithm)).toEqual(algorithm)
  })
})
