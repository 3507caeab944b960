import {
  createTestCertificate,
  type TestCertificate,
} from '../../../electron/crypto/test-certificates'
import type { Clock } from '../../../electron/clock'

export const fixedClock: Clock = { now: () => Date.parse('2026-03-16T09:30:00Z') }

const cache = new Map<string, Promise<TestCertificate>>()

/** One person certificate per key type, made once per test file. */
export function personCredential(
  keyType: 'ec' | 'rsa',
  nip = '5265877635',
): Promise<TestCertificate> {
  const key = `${keyType}:${nip}`
  let credential = cache.get(key)
  if (!credential) {
    credential = createTestCertificate(
      {
        kind: 'person',
        givenName: 'Jan',
        surname: 'Kowalski',
        identifier: { type: 'Nip', value: nip },
      },
      { keyType, clock: fixedClock },
    )
    cache.set(key, credential)
  }
  return credential
}
