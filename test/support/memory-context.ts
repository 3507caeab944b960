import type { Clock } from '../../electron/clock'
import type { EventSink } from '../../electron/events'
import type { HandlerContext } from '../../electron/handlers/context'
import { silentLogger } from '../../electron/log'
import { NoticeBoard } from '../../electron/notices'
import { MemoryCertificateFiles } from '../../electron/vault/certificate-files'
import { CompanyRepository } from '../../electron/vault/company-repository'
import { CredentialRepository } from '../../electron/vault/credential-repository'
import { PreferencesRepository } from '../../electron/vault/preferences-repository'
import { MemorySecretStore } from '../../electron/vault/secret-store'
import { MemorySettingsStore } from '../../electron/vault/settings-store'
import type { EventName } from '../../shared/ipc/names'

export class FakeClock implements Clock {
  constructor(private time = Date.parse('2026-11-21T09:00:00Z')) {}
  now(): number {
    return this.time
  }
  advance(ms: number): void {
    this.time += ms
  }
}

export class RecordingEvents implements EventSink {
  readonly emitted: { event: EventName; payload: unknown }[] = []
  emit(event: EventName, payload: unknown): void {
    this.emitted.push({ event, payload })
  }
}

/** A handler context over in-memory stores, for tests that need no files. */
export function memoryContext() {
  const settings = new MemorySettingsStore()
  const secrets = new MemorySecretStore()
  const clock = new FakeClock()
  const events = new RecordingEvents()
  const ctx: HandlerContext = {
    app: { version: '0.0.0-test', dataFolder: '/nowhere' },
    clock,
    log: silentLogger,
    events,
    notices: new NoticeBoard(),
    secrets,
    companies: new CompanyRepository(settings),
    preferences: new PreferencesRepository(settings),
    credentials: new CredentialRepository(settings),
    certificateFiles: new MemoryCertificateFiles(),
  }
  return { ctx, settings, secrets, clock, events }
}
