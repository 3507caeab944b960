// The app's handlers over the simulator, sharing one fake clock with it and never waiting: what
// the certificate lifecycle tests drive.
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import type { HandlerContext } from '../../../electron/handlers/context'
import { openNodeServices } from '../../../electron/node-services'
import type { AppErrorPayload } from '../../../shared/ipc/errors'
import type { CertificateProgress } from '../../../shared/domain/ksef-certificates'
import type { Company } from '../../../shared/domain/company'
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../ksef-sim'
import { FakeClock, RecordingEvents, memoryContext } from '../../support/memory-context'
import { noClientLimits } from '../../support/client-limits'

export const nip = '5265877635'
export const otherNip = '7762811692'
export const noWait = (): Promise<void> => Promise.resolve()

export async function simulator(
  clock: FakeClock,
  options: Omit<SimulatorOptions, 'clock'> = {},
): Promise<RunningSimulator> {
  return startSimulator({
    clock,
    authStatusDelayMs: 0,
    enrollmentDelayMs: 0,
    revocationDelayMs: 0,
    limits: false,
    ...options,
  })
}

export interface App {
  ctx: HandlerContext
  events: RecordingEvents
  call<T>(channel: string, input: unknown): Promise<T>
  /** The error a call fails with (the test fails when it succeeds). */
  refused(channel: string, input: unknown): Promise<AppErrorPayload>
  steps(): CertificateProgress[]
  changes(): number
}

export function appOver(ctx: HandlerContext, events: RecordingEvents): App {
  const dispatch = createDispatch(handlers, ctx)
  return {
    ctx,
    events,
    async call<T>(channel: string, input: unknown): Promise<T> {
      const envelope = await dispatch(channel, input)
      if (!envelope.ok) {
        throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`)
      }
      return envelope.value as T
    },
    async refused(channel: string, input: unknown): Promise<AppErrorPayload> {
      const envelope = await dispatch(channel, input)
      if (envelope.ok) throw new Error(`${channel} succeeded, a refusal was expected`)
      return envelope.error
    },
    steps: () =>
      events.emitted
        .filter((e) => e.event === 'certificates:progress')
        .map((e) => e.payload as CertificateProgress),
    changes: () => events.emitted.filter((e) => e.event === 'certificates:changed').length,
  }
}

/** A memory-backed app with a Test company of `nip`. */
export async function memoryApp(sim: RunningSimulator, clock: FakeClock) {
  const harness = await memoryContext({
    ksefApiUrl: sim.url,
    clock,
    sleep: noWait,
    rateLimiter: noClientLimits(),
  })
  const app = appOver(harness.ctx, harness.events)
  const company = await addCompany(app)
  return { ...app, settings: harness.settings, secrets: harness.secrets, company }
}

/** The app over a data folder, as the CLI and a restarted desktop app open it. */
export async function folderApp(sim: RunningSimulator, clock: FakeClock, dataFolder: string) {
  const events = new RecordingEvents()
  const services = await openNodeServices({
    dataFolder,
    passphrase: 'certificate lifecycle test',
    clock,
    events,
    ksefApiUrl: sim.url,
    sleep: noWait,
    rateLimiter: noClientLimits(),
  })
  return { ...appOver(services.ctx, events), close: services.close }
}

export function addCompany(app: App, identifier = nip): Promise<Company> {
  return app.call<Company>('companies:add', {
    name: 'Spółka Testowa',
    identifier: { type: 'Nip', value: identifier },
    environment: 'Test',
  })
}

/** The company logged in with a self-signed test certificate (its default Authentication one). */
export async function logInWithTestCertificate(app: App, companyId: string) {
  const certificate = await app.call<{ id: string }>('certificates:createTest', {
    companyId,
    makeDefault: true,
  })
  await app.call('auth:loginWithCertificate', { companyId })
  return certificate
}

export { FakeClock }
