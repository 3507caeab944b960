import type { LoginMethod } from '../../shared/domain/auth'
import type { KsefClients } from '../auth/ksef-clients'
import type { Background } from '../background'
import type { Clock } from '../clock'
import type { EventSink } from '../events'
import type { IdentityRepository } from '../identities/identity-repository'
import type { Logger } from '../log'
import type { CertificateFiles } from '../vault/certificate-files'
import type { CompanyRepository } from '../vault/company-repository'
import type { CredentialRepository } from '../vault/credential-repository'
import type { EnrollmentRepository } from '../vault/enrollment-repository'
import type { SecretStore } from '../vault/secret-store'

/** What the certificate lifecycle needs of the company's KSeF session, and nothing more. */
export interface CompanySession {
  /** How the current session was obtained; undefined when the company is not logged in. */
  method(companyId: string): LoginMethod | undefined
  /** A usable access token, refreshed first when it runs out. */
  accessToken(companyId: string): Promise<string>
}

export interface CertificateLifecyclePorts {
  companies: CompanyRepository
  credentials: CredentialRepository
  /** An identity KSeF lists in a company's session has its status recorded, as a certificate does. */
  identities: Pick<IdentityRepository, 'recordKsefStatuses'>
  enrollments: EnrollmentRepository
  certificateFiles: CertificateFiles
  secrets: SecretStore
  session: CompanySession
  clients: KsefClients
  clock: Clock
  events: EventSink
  log: Logger
  /** Enrollments wait there for KSeF's decision: cut short and awaited when the app closes. */
  background: Background
}
