import type { Environment } from '../../shared/domain/environment'
import type { PublicKeyCertificate } from '../ksef/security'

/**
 * The MF public-key certificates of each environment as last fetched, so a token login does not
 * fetch them every time; the client reloads them when none is valid or KSeF retired the one sent.
 */
export class PublicKeyCache {
  readonly #keys = new Map<Environment, PublicKeyCertificate[]>()

  get(environment: Environment): PublicKeyCertificate[] | undefined {
    return this.#keys.get(environment)
  }

  set(environment: Environment, keys: PublicKeyCertificate[]): void {
    this.#keys.set(environment, keys)
  }
}
