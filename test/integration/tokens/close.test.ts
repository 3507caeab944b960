import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import { openNodeServices, type NodeServices } from '../../../electron/node-services'
import type { Company } from '../../../shared/domain/company'
import type { TokenSummary } from '../../../shared/domain/credentials'
import type { EnrollmentResult } from '../../../shared/domain/ksef-certificates'
import type { GeneratedTokenResult } from '../../../shared/domain/ksef-tokens'
import { enrollmentKeySecret } from '../../../electron/vault/enrollment-repository'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { FakeClock } from '../../support/memory-context'
import { tempFolder } from '../../support/temp-folder'
import { noClientLimits } from '../../support/client-limits'

// Closing the services (the CLI's end, the desktop app's quit) while a token is still Pending
// and an enrollment still undecided: the waits are cut short, what runs is awaited, and nothing
// reads KSeF or writes to the data folder afterwards. The next start follows the token again.

let clock: FakeClock
let sim: RunningSimulator
let folder: ReturnType<typeof tempFolder>
/** Waits move the fake clock at once, except while held: then they wait for `release`. */
let held: (() => void)[] | undefined
let onHeld: (() => void) | undefined
const sleep = (ms: number): Promise<void> => {
  if (held) {
    const waits = held
    onHeld?.()
    return new Promise((resolve) => waits.push(resolve))
  }
  clock.advance(ms)
  return Promise.resolve()
}
const release = () => {
  const waits = held ?? []
  held = undefined
  for (const resolve of waits) resolve()
}

beforeEach(async () => {
  clock = new FakeClock()
  held = undefined
  onHeld = undefined
  sim = await startSimulator({
    clock,
    limits: false,
    authStatusDelayMs: 0,
    enrollmentDelayMs: 60_000,
    tokenActivationDelayMs: 60_000,
  })
  folder = tempFolder('ksef-desk-close-')
})
afterEach(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
  folder.remove()
})

async function open() {
  const services: NodeServices = await openNodeServices({
    dataFolder: folder.path,
    passphrase: 'close test',
    clock,
    ksefApiUrl: sim.url,
    sleep,
    rateLimiter: noClientLimits(),
  })
  const dispatch = createDispatch(handlers, services.ctx)
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok)
      throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`)
    return envelope.value as T
  }
  return { ...services, call }
}

async function loggedInCompany(app: Awaited<ReturnType<typeof open>>): Promise<Company> {
  const company = await app.call<Company>('companies:add', {
    name: 'Spółka Testowa',
    identifier: { type: 'Nip', value: '5265877635' },
    environment: 'Test',
  })
  await app.call('certificates:createTest', { companyId: company.id, makeDefault: true })
  await app.call('auth:loginWithCertificate', { companyId: company.id })
  return company
}

const mainLog = () => readFileSync(join(folder.path, 'logs', 'main.log'), 'utf8')

it('stops following a Pending token at close, and follows it again at the next start', async () => {
  const first = await open()
  const company = await loggedInCompany(first)
  held = []
  const { stored } = await first.call<GeneratedTokenResult>('tokens:generate', {
    companyId: company.id,
    draft: { permissions: ['InvoiceRead'], description: 'Token przed zamknięciem' },
  })
  expect(held).toHaveLength(1)
  sim.clearRequests()

  await first.close()
  const logAtClose = mainLog()
  expect(logAtClose).toContain('token status left for the next start')
  // The wait the follow was in ends now: a follow still running would read KSeF and log.
  release()
  await first.ctx.ksefTokens.idle()
  expect(sim.requests).toEqual([])
  expect(mainLog()).toBe(logAtClose)

  const second = await open()
  try {
    expect(
      (await second.call<TokenSummary[]>('tokens:list', { companyId: company.id }))[0],
    ).toMatchObject({ id: stored.id, ksefStatus: 'Pending' })
    second.ctx.ksefTokens.resumeFollowing()
    await second.ctx.ksefTokens.idle()
    expect(
      (await second.call<TokenSummary[]>('tokens:list', { companyId: company.id }))[0],
    ).toMatchObject({ id: stored.id, ksefStatus: 'Active' })
  } finally {
    await second.close()
  }
})

it('a start without a session of the company follows nothing', async () => {
  const first = await open()
  const company = await loggedInCompany(first)
  held = []
  await first.call('tokens:generate', {
    companyId: company.id,
    draft: { permissions: ['InvoiceRead'], description: 'Token przed wylogowaniem' },
  })
  await first.close()
  release()

  const second = await open()
  try {
    await second.call('auth:logout', { companyId: company.id })
    sim.clearRequests()
    second.ctx.ksefTokens.resumeFollowing()
    await second.ctx.ksefTokens.idle()
    expect(sim.requests).toEqual([])
  } finally {
    await second.close()
  }
})

it('an enrollment waiting for KSeF at close is left pending, its key sealed for the next start', async () => {
  const app = await open()
  const company = await loggedInCompany(app)
  held = []
  const waiting = new Promise<void>((resolve) => (onHeld = resolve))
  let settled: EnrollmentResult | undefined
  const enrolling = app
    .call<EnrollmentResult>('certificates:enroll', {
      companyId: company.id,
      draft: { name: 'Wniosek przed zamknięciem', kind: 'Authentication' },
    })
    .then((result) => (settled = result))
  // The request was sent, KSeF is deciding, and the enrollment waits for its next read.
  await waiting
  expect(held).toHaveLength(1)
  sim.clearRequests()

  await app.close()
  expect(settled).toMatchObject({
    certificate: null,
    enrollment: { serialNumber: null, certificateId: null },
  })
  release()
  await enrolling
  expect(sim.requests).toEqual([])
  const enrollmentId = settled?.enrollment.id ?? ''

  const again = await open()
  try {
    expect(await again.ctx.secrets.get(enrollmentKeySecret(company.id, enrollmentId))).toMatch(
      /BEGIN PRIVATE KEY/,
    )
  } finally {
    await again.close()
  }
})
