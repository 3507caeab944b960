import { randomUUID } from 'node:crypto'
import type { Company } from '../../shared/domain/company'
import type { Identity, IdentityRow } from '../../shared/domain/identities'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import { certificateEnvironments } from '../credentials/certificate-environments'
import {
  assertKsefReadsSubject,
  assertValidNow,
  loadCertificateFiles,
  type CertificateFilesInput,
  type LoadedCredential,
} from '../credentials/certificate-import'
import { describeKeyAlgorithm } from '../crypto/keys'
import type { Logger } from '../log'
import type { CertificateFiles } from '../vault/certificate-files'
import type { CompanyRepository } from '../vault/company-repository'
import type { SecretStore } from '../vault/secret-store'
import { identityKeySecret, type IdentityRepository } from './identity-repository'

export interface IdentityServiceDeps {
  identities: IdentityRepository
  companies: Pick<CompanyRepository, 'list'>
  certificateFiles: CertificateFiles
  secrets: SecretStore
  clock: Clock
  log: Logger
}

/** What a removal did, or (without the user's word) would do. */
export interface IdentityRemoval {
  identityId: string
  companyIds: string[]
}

/**
 * Tożsamości: a certificate stored once (its key sealed, its file beside the companies'), checked
 * as KSeF will check it, and assigned to the companies it logs in. Every refusal stores nothing.
 */
export class IdentityService {
  readonly #deps: IdentityServiceDeps

  constructor(deps: IdentityServiceDeps) {
    this.#deps = deps
  }

  list(): IdentityRow[] {
    return this.#deps.identities.rows()
  }

  /** Importuj tożsamość: certificate + key files or a .p12, as the Certyfikaty tab takes them. */
  async import(files: CertificateFilesInput): Promise<IdentityRow> {
    const credential = await loadCertificateFiles(files)
    const identity = this.#checked(credential, randomUUID())
    if (this.list().some((i) => i.fingerprintSha256 === identity.fingerprintSha256)) {
      throw new AppError(
        'IDENTITY_DUPLICATE',
        'This certificate is already stored as an identity.',
        {
          identityName: identity.name,
        },
      )
    }
    await this.#store(identity, credential, () => this.#deps.identities.add(identity))
    this.#deps.log.info('identity stored', { identityId: identity.id })
    return { ...identity, companyIds: [] }
  }

  /**
   * Usuń: without `force` an identity that logs companies in is refused with their count, which
   * the page asks the user about; the removal then leaves those companies with no identity.
   */
  async remove(identityId: string, force: boolean): Promise<IdentityRemoval> {
    const row = this.#row(identityId)
    if (row.companyIds.length > 0 && !force) {
      throw new AppError(
        'IDENTITY_IN_USE',
        `${companiesLogIn(row.companyIds.length)} with this identity; confirm the removal to leave them without it.`,
        { companyCount: row.companyIds.length, identityName: row.name },
      )
    }
    const companyIds = this.#deps.identities.remove(identityId)
    await this.#deps.secrets.delete(identityKeySecret(identityId))
    await this.#deps.certificateFiles.remove(identityId)
    this.#deps.log.info('identity removed', { identityId, companies: companyIds.length })
    return { identityId, companyIds }
  }

  /**
   * Makes the identity the one that logs each company in, in one write. Every company must exist
   * and be of an environment the certificate works in; one that is not refuses the whole list.
   */
  assign(identityId: string, companyIds: readonly string[]): IdentityRow {
    const identity = this.#row(identityId)
    if (companyIds.length === 0) {
      throw new AppError(
        'IDENTITY_NO_COMPANIES',
        'Choose at least one company to assign the identity to.',
      )
    }
    const companies = new Map(this.#deps.companies.list().map((c) => [c.id, c]))
    for (const companyId of companyIds) {
      const company = companies.get(companyId)
      if (!company) {
        throw new AppError('COMPANY_NOT_FOUND', 'No such company.', { companyId })
      }
      assertWorksIn(identity, company)
    }
    this.#deps.identities.assign(
      identityId,
      companyIds,
      new Date(this.#deps.clock.now()).toISOString(),
    )
    this.#deps.log.info('identity assigned', { identityId, companies: companyIds.length })
    return this.#row(identityId)
  }

  unassign(identityId: string, companyIds: readonly string[]): IdentityRow {
    this.#row(identityId)
    this.#deps.identities.unassign(identityId, companyIds)
    return this.#row(identityId)
  }

  /**
   * Odnów: the identity's renewed certificate (the same subject) takes its place, and every
   * company it logged in follows in the same write. The old key and file go afterwards.
   */
  async renew(identityId: string, files: CertificateFilesInput): Promise<IdentityRow> {
    const old = this.#row(identityId)
    const credential = await loadCertificateFiles(files)
    const renewed = this.#checked(credential, randomUUID())
    if (!sameSubject(old, renewed)) {
      throw new AppError(
        'IDENTITY_RENEWAL_OTHER_SUBJECT',
        `The new certificate names ${renewed.subject}, not the identity's ${old.subject}.`,
        { identityName: old.name },
      )
    }
    if (this.list().some((i) => i.fingerprintSha256 === renewed.fingerprintSha256)) {
      throw new AppError(
        'IDENTITY_DUPLICATE',
        'This certificate is already stored as an identity.',
        {
          identityName: renewed.name,
        },
      )
    }
    let moved: string[] = []
    await this.#store(renewed, credential, () => {
      moved = this.#deps.identities.replace(identityId, renewed)
    })
    await this.#deps.secrets.delete(identityKeySecret(identityId))
    await this.#deps.certificateFiles.remove(identityId)
    this.#deps.log.info('identity renewed', { identityId: renewed.id, companies: moved.length })
    return { ...renewed, companyIds: this.#row(renewed.id).companyIds }
  }

  #row(identityId: string): IdentityRow {
    const row = this.list().find((i) => i.id === identityId)
    if (!row)
      throw new AppError('IDENTITY_NOT_FOUND', 'No such identity is stored.', { identityId })
    return row
  }

  /** The checks of a certificate bound to no company: valid now, one KSeF reads, one that logs in. */
  #checked(credential: LoadedCredential, id: string): Identity {
    const { certificate } = credential
    assertValidNow(certificate, this.#deps.clock)
    const origin = certificateEnvironments(certificate)
    if (origin.issuerKind !== 'external' && certificate.usage === 'Offline') {
      throw new AppError(
        'IDENTITY_NOT_AUTHENTICATION',
        'This is an Offline certificate: it signs KOD II links only and logs no one in, so it cannot be an identity.',
      )
    }
    assertKsefReadsSubject(certificate, origin)
    return {
      id,
      name: certificate.commonName ?? certificate.subject,
      kind: 'Authentication',
      serialNumber: certificate.serialNumber,
      subject: certificate.subject,
      subjectIdentifier: certificate.identifier
        ? { type: certificate.identifier.type, value: certificate.identifier.value }
        : null,
      issuer: certificate.issuer,
      issuerKind: origin.issuerKind,
      environments: [...origin.environments],
      validFrom: certificate.validFrom,
      validTo: certificate.validTo,
      fingerprintSha256: certificate.fingerprintSha256,
      keyAlgorithm: describeKeyAlgorithm(certificate.publicKey),
      addedAt: new Date(this.#deps.clock.now()).toISOString(),
      ksefStatus: null,
    }
  }

  /** The key sealed first, then the file, then the record; a failure undoes the earlier steps. */
  async #store(
    identity: Identity,
    credential: LoadedCredential,
    record: () => void,
  ): Promise<void> {
    const keyName = identityKeySecret(identity.id)
    await this.#deps.secrets.set(
      keyName,
      credential.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    )
    try {
      await this.#deps.certificateFiles.write(identity.id, credential.certificate.pem)
      record()
    } catch (error) {
      await this.#deps.certificateFiles.remove(identity.id)
      await this.#deps.secrets.delete(keyName)
      throw error
    }
  }
}

/** An identity works only where its certificate does (environments never mix). */
export function assertWorksIn(identity: Identity, company: Company): void {
  if (!identity.environments.includes(company.environment)) {
    throw new AppError(
      'IDENTITY_WRONG_ENVIRONMENT',
      `The identity ${identity.name} works in ${identity.environments.join('/')}; ${company.name} logs in to ${company.environment}.`,
      {
        identityName: identity.name,
        identityEnvironments: identity.environments.join('/'),
        companyName: company.name,
        companyEnvironment: company.environment,
      },
    )
  }
}

const sameSubject = (a: Identity, b: Identity): boolean =>
  a.subjectIdentifier === null || b.subjectIdentifier === null
    ? a.subject === b.subject
    : a.subjectIdentifier.type === b.subjectIdentifier.type &&
      a.subjectIdentifier.value === b.subjectIdentifier.value

const companiesLogIn = (count: number): string =>
  count === 1 ? '1 company logs in' : `${count} companies log in`
