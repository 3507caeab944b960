import { createPrivateKey, type KeyObject } from 'node:crypto'
import type { Company } from '../../shared/domain/company'
import {
  certificateStatusBarsLogin,
  tokenStatusBarsLogin,
  type TokenSummary,
} from '../../shared/domain/credentials'
import type { Environment } from '../../shared/domain/environment'
import { loginCertificateOf } from '../../shared/domain/identities'
import { tokenPolicy } from '../../shared/domain/token-sunset'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import { certificateValidity, readCertificate, type CertificateInfo } from '../crypto/certificates'
import { identityKeySecret, type IdentityRepository } from '../identities/identity-repository'
import { assertWorksIn } from '../identities/identity-service'
import type { CertificateFiles } from '../vault/certificate-files'
import type { CredentialRepository } from '../vault/credential-repository'
import type { PreferencesRepository } from '../vault/preferences-repository'
import { certificateKeySecret, tokenSecret, type SecretStore } from '../vault/secret-store'

export interface LoginCredentialsDeps {
  credentials: Pick<
    CredentialRepository,
    'certificates' | 'defaultCertificate' | 'defaultToken' | 'token'
  >
  identities: Pick<IdentityRepository, 'assignedTo'>
  certificateFiles: Pick<CertificateFiles, 'read'>
  secrets: Pick<SecretStore, 'get'>
  preferences: Pick<PreferencesRepository, 'get'>
  clock: Clock
}

/**
 * The stored credential a login uses, checked for everything the app can know before KSeF is
 * asked: it exists, is for the company's environment, is valid now, KSeF has not reported it
 * revoked, and (tokens) the end-of-2026 rule allows it. A refusal sends and changes nothing.
 */
export class LoginCredentials {
  readonly #deps: LoginCredentialsDeps

  constructor(deps: LoginCredentialsDeps) {
    this.#deps = deps
  }

  /**
   * The certificate that logs the company in (loginCertificateOf: its own default, or else its
   * identity), with its unsealed key. An identity signs for the company's context: KSeF lets it in
   * where the company granted it permissions, and answers 415 where it did not.
   */
  async certificate(
    company: Company,
  ): Promise<{ id: string; certificate: CertificateInfo; privateKey: KeyObject }> {
    const { credentials } = this.#deps
    const identity = this.#deps.identities.assignedTo(company.id)
    const choice = loginCertificateOf(
      company.id,
      credentials.certificates(company.id),
      identity,
      this.#deps.clock.now(),
    )
    if (choice.kind === 'identity' && identity) {
      assertWorksIn(identity, company)
      if (certificateStatusBarsLogin(identity.ksefStatus)) {
        throw new AppError(
          'CERT_REVOKED',
          `KSeF reports this certificate as ${identity.ksefStatus ?? ''}: it will not log in again. Request a new certificate or choose another default.`,
          { ksefStatus: identity.ksefStatus },
        )
      }
      return this.#unsealed(identity.id, identityKeySecret(identity.id))
    }
    const summary = credentials.defaultCertificate(company.id, 'Authentication')
    if (!summary) {
      if (credentials.defaultCertificate(company.id, 'Offline')) {
        throw new AppError(
          'CERT_OFFLINE_CANNOT_LOGIN',
          'The stored certificate is of type Offline: it signs KOD II links only and cannot log in. Load an Authentication certificate.',
        )
      }
      throw new AppError(
        'CERT_NO_DEFAULT',
        'No Authentication certificate is stored for this company and no identity is assigned to it: load a certificate on the Certyfikaty tab or assign an identity.',
      )
    }
    sameEnvironment(company, summary.environment)
    if (certificateStatusBarsLogin(summary.ksefStatus)) {
      throw new AppError(
        'CERT_REVOKED',
        `KSeF reports this certificate as ${summary.ksefStatus ?? ''}: it will not log in again. Request a new certificate or choose another default.`,
        { ksefStatus: summary.ksefStatus },
      )
    }
    return this.#unsealed(summary.id, certificateKeySecret(company.id, summary.id))
  }

  /** The stored certificate, valid now, and its private key. */
  async #unsealed(
    id: string,
    keySecret: string,
  ): Promise<{ id: string; certificate: CertificateInfo; privateKey: KeyObject }> {
    const certificate = readCertificate(await this.#deps.certificateFiles.read(id))
    const validity = certificateValidity(certificate, this.#deps.clock)
    if (validity === 'not-yet-valid') {
      throw new AppError(
        'CERT_NOT_YET_VALID',
        `The certificate is valid only from ${certificate.validFrom}.`,
        { validFrom: certificate.validFrom },
      )
    }
    if (validity === 'expired') {
      throw new AppError('CERT_EXPIRED', `The certificate expired on ${certificate.validTo}.`, {
        validTo: certificate.validTo,
      })
    }
    const pem = await this.#deps.secrets.get(keySecret)
    if (!pem)
      throw new AppError(
        'CERT_NOT_FOUND',
        'The private key of this certificate is missing: load it again.',
      )
    return { id, certificate, privateKey: createPrivateKey(pem) }
  }

  /** A stored token of the company (the default unless one is named), with its unsealed secret. */
  async token(
    company: Company,
    tokenId?: string,
  ): Promise<{ summary: TokenSummary; token: string }> {
    const summary = tokenId
      ? this.#deps.credentials.token(company.id, tokenId)
      : this.#deps.credentials.defaultToken(company.id)
    if (!summary) {
      throw tokenId
        ? new AppError('TOKEN_NOT_FOUND', 'This token is no longer stored for the company.')
        : new AppError(
            'TOKEN_NO_DEFAULT',
            'No KSeF token is stored for this company: paste one on the Tokeny tab.',
          )
    }
    const policy = tokenPolicy(this.#deps.clock.now(), this.#deps.preferences.get().tokensAfter2026)
    if (!policy.allowed) {
      throw new AppError(
        'TOKENS_ENDED',
        'KSeF tokens could be used until 31 December 2026: generating and logging in with them is off. Log in with a KSeF certificate; if the regulation was extended, turn tokens back on in the settings.',
        { sunsetAt: policy.sunsetAt },
      )
    }
    sameEnvironment(company, summary.environment)
    if (tokenStatusBarsLogin(summary.ksefStatus)) {
      throw new AppError(
        'TOKEN_REVOKED',
        'This token was revoked in KSeF: it will not log in again. Generate a new token or log in with a certificate.',
        { ksefStatus: summary.ksefStatus },
      )
    }
    const token = await this.#deps.secrets.get(tokenSecret(company.id, summary.id))
    if (!token)
      throw new AppError('TOKEN_NOT_FOUND', 'The stored token is missing: paste it again.')
    return { summary, token }
  }
}

function sameEnvironment(company: Company, environment: Environment): void {
  if (environment !== company.environment) {
    throw new AppError(
      'CREDENTIAL_WRONG_ENVIRONMENT',
      `This credential was stored for ${environment}; the company logs in to ${company.environment}.`,
      { credentialEnvironment: environment, companyEnvironment: company.environment },
    )
  }
}
