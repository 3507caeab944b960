import type { Company } from '../../shared/domain/company'
import type { FilePayload } from '../../shared/domain/credentials'
import type { Clock } from '../clock'
import { buildAuthTokenRequest, readAuthTokenRequest } from '../crypto/auth-token-request'
import { authTokenRequestText } from '../crypto/xml-text'
import type { AuthenticationInit, InitiationStep } from '../ksef/auth'
import type { KsefClient } from '../ksef/client'
import type { Logger } from '../log'
import type { AuthRepository } from '../vault/auth-repository'
import { contextOf } from './company-lookup'
import type { KsefClients } from './ksef-clients'
import type { LoginCredentials } from './login-credentials'
import type { PublicKeyCache } from './public-key-cache'
import { challengeLifetimeMs, checkSignedRequest } from './signed-request'

/** KSeF's 202 for a login with a credential stored here, and which credential it was. */
export interface CredentialLoginStart {
  init: AuthenticationInit
  credentialId: string
}

export interface WaysInDeps {
  credentials: Pick<LoginCredentials, 'certificate' | 'token'>
  auth: Pick<AuthRepository, 'saveChallenge' | 'findChallenge' | 'removeChallenge'>
  publicKeys: PublicKeyCache
  clients: KsefClients
  clock: Clock
  log: Logger
}

/**
 * The three ways of Ogólne into KSeF, up to KSeF's 202: a certificate stored here signs the
 * request, a stored token is encrypted with the MF key, or a request signed elsewhere is sent as
 * it is. What follows (status, redeem) is the same for all three.
 */
export class WaysIn {
  readonly #deps: WaysInDeps

  constructor(deps: WaysInDeps) {
    this.#deps = deps
  }

  /** Zaloguj certyfikatem KSeF: the default Authentication certificate signs the request here. */
  async certificate(
    company: Company,
    onStep: (step: InitiationStep) => void,
  ): Promise<CredentialLoginStart> {
    const { id, certificate, privateKey } = await this.#deps.credentials.certificate(company)
    const init = await this.#client(company).auth.initiateCertificateAuthentication(
      {
        context: contextOf(company),
        certificate: certificate.der,
        privateKey,
        // A certificate naming no NIP or PESEL is known to KSeF by its fingerprint.
        subjectIdentifierType: certificate.identifier
          ? 'certificateSubject'
          : 'certificateFingerprint',
      },
      { clock: this.#deps.clock, onStep },
    )
    return { init, credentialId: id }
  }

  /** Zaloguj tokenem KSeF: a stored token (the default unless one is named), encrypted with MF's key. */
  async token(
    company: Company,
    tokenId: string | undefined,
    onStep: (step: InitiationStep) => void,
  ): Promise<CredentialLoginStart> {
    const { summary, token } = await this.#deps.credentials.token(company, tokenId)
    const { publicKeys } = this.#deps
    const init = await this.#client(company).auth.initiateTokenAuthentication(
      { context: contextOf(company), token, publicKeys: publicKeys.get(company.environment) },
      {
        clock: this.#deps.clock,
        onStep,
        onPublicKeys: (keys) => publicKeys.set(company.environment, keys),
      },
    )
    return { init, credentialId: summary.id }
  }

  /** Pobierz żądanie autoryzacyjne: a fresh challenge in an unsigned AuthTokenRequest to sign elsewhere. */
  async downloadRequest(company: Company): Promise<{ fileName: string; xml: string }> {
    const challenge = await this.#client(company).auth.getChallenge()
    // Counted on this computer's clock from when the challenge arrived: a skewed PC clock must
    // not shorten or stretch the 10 minutes shown and checked here.
    const issuedAt = this.#deps.clock.now()
    this.#deps.auth.saveChallenge({
      companyId: company.id,
      challenge: challenge.challenge,
      issuedAt: new Date(issuedAt).toISOString(),
      expiresAt: new Date(issuedAt + challengeLifetimeMs).toISOString(),
    })
    const xml = buildAuthTokenRequest({
      challenge: challenge.challenge,
      context: contextOf(company),
      subjectIdentifierType: 'certificateSubject',
    })
    this.#deps.log.info('authorization request issued', { companyId: company.id })
    return {
      fileName: `AuthTokenRequest-${company.identifier.value}-${challenge.challenge}.xml`,
      xml,
    }
  }

  /** Zaloguj podpisanym żądaniem autoryzacyjnym: checks the signed file here, then sends it as it is. */
  async signedRequest(company: Company, file: FilePayload): Promise<AuthenticationInit> {
    const bytes = Buffer.from(file.base64, 'base64')
    const request = readAuthTokenRequest(authTokenRequestText(bytes))
    checkSignedRequest(
      request,
      company,
      this.#deps.auth.findChallenge(request.challenge),
      this.#deps.clock,
    )
    const init = await this.#client(company).auth.submitXadesSignature(bytes)
    // A challenge is single-use: the countdown ends here.
    this.#deps.auth.removeChallenge(company.id)
    return init
  }

  #client(company: Company): KsefClient {
    return this.#deps.clients.forEnvironment(company.environment)
  }
}
