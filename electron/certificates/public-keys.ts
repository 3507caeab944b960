// Pobierz certyfikaty klucza publicznego: MF's public-key certificates of an environment, kept
// in memory per environment until the user asks again (they change rarely, and a login that
// needs them reloads them on its own when KSeF says a key is gone).
import type { Environment } from '../../shared/domain/environment'
import type {
  PublicKeyCertificates,
  PublicKeyCertificateSummary,
} from '../../shared/domain/ksef-certificates'
import type { KsefClients } from '../auth/ksef-clients'
import type { Clock } from '../clock'
import { readCertificate } from '../crypto/certificates'
import type { PublicKeyCertificate } from '../ksef/security'

export class PublicKeyCache {
  readonly #cached = new Map<Environment, PublicKeyCertificates>()

  constructor(private readonly deps: { clients: KsefClients; clock: Clock }) {}

  async get(environment: Environment, refresh: boolean): Promise<PublicKeyCertificates> {
    const cached = this.#cached.get(environment)
    if (cached && !refresh) return cached
    const certificates = await this.deps.clients
      .forEnvironment(environment)
      .security.getPublicKeyCertificates()
    const fetched: PublicKeyCertificates = {
      environment,
      fetchedAt: new Date(this.deps.clock.now()).toISOString(),
      certificates: certificates.map(summarise),
    }
    this.#cached.set(environment, fetched)
    return fetched
  }
}

function summarise(key: PublicKeyCertificate): PublicKeyCertificateSummary {
  const certificate = readCertificate(Buffer.from(key.certificate, 'base64'))
  return {
    usage: key.usage,
    validFrom: new Date(Date.parse(key.validFrom)).toISOString(),
    validTo: new Date(Date.parse(key.validTo)).toISOString(),
    fingerprintSha256: certificate.fingerprintSha256,
    publicKeyId: key.publicKeyId,
    subject: certificate.subject,
  }
}
