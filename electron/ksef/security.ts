// MF's public-key certificates: the KsefTokenEncryption key encrypts KSeF tokens at login, the
// SymmetricKeyEncryption key wraps invoice keys.
import type { Clock } from '../clock'
import { emptyFacts, KsefError } from './errors'
import type { KsefHttp } from './http'
import type { components } from './openapi-types'

export type PublicKeyCertificate = components['schemas']['PublicKeyCertificate']
export type PublicKeyUsage = components['schemas']['PublicKeyCertificateUsage']

export async function getPublicKeyCertificates(http: KsefHttp): Promise<PublicKeyCertificate[]> {
  const response = await http.request<PublicKeyCertificate[]>({
    method: 'GET',
    path: '/security/public-key-certificates',
    repeatable: true,
  })
  return Array.isArray(response.data) ? response.data : []
}

/** The key for a usage, valid now; of several, the one valid from the latest date (as MF advises). */
export function findPublicKey(
  certificates: readonly PublicKeyCertificate[],
  usage: PublicKeyUsage,
  clock: Clock,
): PublicKeyCertificate | undefined {
  const now = clock.now()
  return certificates
    .filter((c) => c.usage.includes(usage))
    .filter((c) => Date.parse(c.validFrom) <= now && now <= Date.parse(c.validTo))
    .sort((a, b) => Date.parse(b.validFrom) - Date.parse(a.validFrom))[0]
}

/** As findPublicKey, but no valid key is the error the user sees. */
export function pickPublicKey(
  certificates: readonly PublicKeyCertificate[],
  usage: PublicKeyUsage,
  clock: Clock,
): PublicKeyCertificate {
  const chosen = findPublicKey(certificates, usage, clock)
  if (!chosen) {
    throw new KsefError(
      'KSEF_NO_TOKEN_KEY',
      `KSeF publishes no valid public key for ${usage} right now.`,
      {
        ...emptyFacts({ method: 'GET', path: '/security/public-key-certificates' }),
        description: usage,
      },
    )
  }
  return chosen
}
