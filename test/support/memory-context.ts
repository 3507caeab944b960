import { MemoryAuditFile } from '../../electron/audit/audit-file'
import { MemoryBulkJobFiles } from '../../electron/bulk/bulk-job-files'
import { buildHandlerContext } from '../../electron/services'
import type { Clock } from '../../electron/clock'
import type { EventSink } from '../../electron/events'
import type { FileSaver } from '../../electron/files/file-saver'
import type { HandlerContext } from '../../electron/handlers/context'
import type { KsefRateLimiter } from '../../electron/ksef/rate-limiter'
import { silentLogger, type Logger } from '../../electron/log'
import { MemoryCertificateFiles } from '../../electron/vault/certificate-files'
import { MemorySecretStore } from '../../electron/vault/secret-store'
import { MemorySettingsStore } from '../../electron/vault/settings-store'
import type { EventName } from '../../shared/ipc/names'

/** A clock a test can move. */
export interface MovableClock extends Clock {
  advance(ms: number): void
}

export class FakeClock implements MovableClock {
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

export interface MemoryContextOptions {
  /** The simulator's URL, for tests that log in. */
  ksefApiUrl?: string
  clock?: MovableClock
  sleep?: (ms: number) => Promise<void>
  log?: Logger
  /** Where exports go (a FolderFileSaver over a temp folder, for the tests that export). */
  fileSaver?: FileSaver
  /** noClientLimits() with a simulator started with `limits: false`. */
  rateLimiter?: KsefRateLimiter
}

/** The real services over in-memory stores, for tests that need no files. */
export async function memoryContext(options: MemoryContextOptions = {}) {
  const settings = new MemorySettingsStore()
  const secrets = new MemorySecretStore()
  const clock = options.clock ?? new FakeClock()
  const events = new RecordingEvents()
  const auditFile = new MemoryAuditFile()
  // The audit log's seal apart from `secrets`, which tests count and list as a company's.
  const auditSeal = new MemorySecretStore()
  const bulkJobFiles = new MemoryBulkJobFiles()
  const ctx: HandlerContext = await buildHandlerContext({
    version: '0.0.0-test',
    dataFolder: '/nowhere',
    clock,
    log: options.log ?? silentLogger,
    events,
    settings: { store: settings },
    secrets,
    certificateFiles: new MemoryCertificateFiles(),
    osUser: 'tester',
    auditFile,
    auditSeal,
    bulkJobFiles,
    ...(options.ksefApiUrl ? { ksefApiUrl: options.ksefApiUrl } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.fileSaver ? { fileSaver: options.fileSaver } : {}),
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
  })
  return { ctx, settings, secrets, clock, events, auditFile, auditSeal, bulkJobFiles }
}

/** Real time that a test can move forward (an expired challenge), for runs against a live simulator. */
export class ShiftableClock implements MovableClock {
  #offset = 0
  now(): number {
    return Date.now() + this.#offset
  }
  advance(ms: number): void {
    this.#offset += ms
  }
}
