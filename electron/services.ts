import { isAppError, type AppError } from '../shared/ipc/errors'
import type { Clock } from './clock'
import type { EventSink } from './events'
import type { HandlerContext } from './handlers/context'
import type { Logger } from './log'
import { NoticeBoard } from './notices'
import type { CertificateFiles } from './vault/certificate-files'
import { CompanyRepository } from './vault/company-repository'
import { CredentialRepository } from './vault/credential-repository'
import { PreferencesRepository } from './vault/preferences-repository'
import type { OpenedSettings } from './vault/conf-settings-store'
import type { SealedFileSecretStore } from './vault/sealed-file-secret-store'

export interface Ports {
  version: string
  dataFolder: string
  clock: Clock
  log: Logger
  events: EventSink
  settings: OpenedSettings
  secrets: SealedFileSecretStore
  certificateFiles: CertificateFiles
  /** Problems the platform found on its own (e.g. no system keyring). */
  warnings?: AppError[]
}

/**
 * Builds every service once from the ports (the composition roots — main.ts, the CLI, the test
 * bridge — differ only in the ports they pass). Problems met while opening the stores become
 * notices the user sees at once, instead of failures at the first login.
 */
export async function buildHandlerContext(ports: Ports): Promise<HandlerContext> {
  const notices = new NoticeBoard()
  const report = (error: AppError) => {
    ports.log.error('data file problem', { code: error.code, message: error.message })
    notices.add(error)
  }
  if (ports.settings.recovered) report(ports.settings.recovered)
  for (const warning of ports.warnings ?? []) report(warning)
  try {
    const secretsProblem = await ports.secrets.open()
    if (secretsProblem) report(secretsProblem)
  } catch (error) {
    if (!isAppError(error) || error.code !== 'SECRETS_LOCKED') throw error
    report(error)
  }
  return {
    app: { version: ports.version, dataFolder: ports.dataFolder },
    clock: ports.clock,
    log: ports.log,
    events: ports.events,
    notices,
    secrets: ports.secrets,
    companies: new CompanyRepository(ports.settings.store),
    preferences: new PreferencesRepository(ports.settings.store),
    credentials: new CredentialRepository(ports.settings.store),
    certificateFiles: ports.certificateFiles,
  }
}
