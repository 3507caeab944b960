import { expect } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import type { Logger } from '../../../electron/log'
import type { Company } from '../../../shared/domain/company'
import type { AppErrorPayload } from '../../../shared/ipc/errors'
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
  type TokenPermission,
} from '../../ksef-sim'
import { FakeClock, memoryContext } from '../../support/memory-context'
import { noClientLimits } from '../../support/client-limits'

export const nip = '5265877635'
export const context = { type: 'Nip', value: nip } as const

/**
 * The real handlers over memory stores, against a simulator sharing one fake clock. Waiting
 * moves that clock instead of real time: a poll or a Retry-After costs nothing, and KSeF's
 * Pending → Active happens exactly when the app has waited long enough.
 */
export async function startTokenApp(
  options: { now?: number; simulator?: SimulatorOptions; identifier?: string } = {},
) {
  const clock = new FakeClock(options.now)
  const waits: number[] = []
  const sleep = (ms: number) => {
    waits.push(ms)
    clock.advance(ms)
    return Promise.resolve()
  }
  const sim: RunningSimulator = await startSimulator({
    clock,
    limits: false,
    authStatusDelayMs: 0,
    tokenActivationDelayMs: 60_000,
    revocationDelayMs: 30_000,
    ...options.simulator,
  })
  const logLines: string[] = []
  const log: Logger = {
    info: (message, fields) => logLines.push(JSON.stringify({ message, ...fields })),
    error: (message, fields) => logLines.push(JSON.stringify({ message, ...fields })),
  }
  const harness = await memoryContext({
    ksefApiUrl: sim.url,
    clock,
    sleep,
    log,
    rateLimiter: noClientLimits(),
  })
  const dispatch = createDispatch(handlers, harness.ctx)
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok) {
      throw Object.assign(new Error(`${envelope.error.code}: ${envelope.error.message}`), {
        payload: envelope.error,
      })
    }
    return envelope.value as T
  }
  const refused = async (channel: string, input?: unknown): Promise<AppErrorPayload> => {
    const envelope = await dispatch(channel, input)
    expect(envelope.ok, `${channel} should be refused`).toBe(false)
    if (envelope.ok) throw new Error('unreachable')
    return envelope.error
  }
  const company = await call<Company>('companies:add', {
    name: 'Spółka Testowa',
    identifier: { type: 'Nip', value: options.identifier ?? nip },
    environment: 'Test',
  })
  /** The settings document as it would be written to settings.json. */
  const settingsText = () => JSON.stringify(harness.settings.read())
  const eventsOf = (event: string) => harness.events.emitted.filter((e) => e.event === event)
  return {
    ...harness,
    sim,
    dispatch,
    call,
    refused,
    company,
    companyId: company.id,
    waits,
    logLines,
    settingsText,
    eventsOf,
    async close() {
      await harness.ctx.ksefTokens.idle()
      await harness.ctx.login.idle()
      expect(sim.contractViolations).toEqual([])
      await sim.close()
    },
  }
}

export type TokenApp = Awaited<ReturnType<typeof startTokenApp>>

/** Logs the company in with a self-signed test certificate of its own NIP: its owner. */
export async function loginAsOwner(app: TokenApp): Promise<void> {
  await app.call('certificates:createTest', { companyId: app.companyId, makeDefault: true })
  await app.call('auth:loginWithCertificate', { companyId: app.companyId })
}

export const pesel = '90010112345'
export const person = { type: 'Pesel', value: pesel } as const

/** Logs the company in with a KSeF certificate of a person granted these permissions only. */
export async function loginAsPerson(app: TokenApp, permissions: TokenPermission[]): Promise<void> {
  app.sim.seed.grantPermission({ context, subject: person, permissions })
  const issued = await app.sim.seed.issueCertificate({
    subject: {
      commonName: 'Anna Księgowa',
      countryName: 'PL',
      givenName: 'Anna',
      surname: 'Księgowa',
      serialNumber: `PNOPL-${pesel}`,
    },
  })
  const file = (name: string, text: string) => ({
    name,
    base64: Buffer.from(text).toString('base64'),
  })
  await app.call('certificates:import', {
    companyId: app.companyId,
    files: {
      certificate: file('anna.crt', issued.certificatePem),
      privateKey: file('anna.key', issued.privateKeyPem),
    },
    password: '',
    allowOtherSubject: true,
    makeDefault: true,
  })
  await app.call('auth:loginWithCertificate', { companyId: app.companyId })
}
