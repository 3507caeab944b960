// The signed phase as a bulk job, at the service: KSeF's 429 on the enrollment (one-shot, so the
// client does not repeat it) makes the runner send the company again, and the company carries on
// from the enrollment — its signed request, whose challenge is used, is not sent twice. A company
// whose token the office may not see stops at the revocation, with its certificate done and said.
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { FolderFileSaver } from '../../../electron/files/folder-file-saver'
import { handlers } from '../../../electron/handlers'
import type { HandlerContext } from '../../../electron/handlers/context'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { memoryContext, ShiftableClock } from '../../support/memory-context'
import { tempFolder } from '../../support/temp-folder'
import { migrationOffice, storeClients, type MigrationOffice } from './office'

const folder = tempFolder('ksef-desk-migration-service-')
let sim: RunningSimulator
let office: MigrationOffice
let ctx: HandlerContext
const ids: string[] = []

beforeAll(async () => {
  sim = await startSimulator({ authStatusDelayMs: 0, enrollmentDelayMs: 0, revocationDelayMs: 0 })
  office = await migrationOffice(sim, 2, 980)
  ;({ ctx } = await memoryContext({
    ksefApiUrl: sim.url,
    clock: new ShiftableClock(),
    fileSaver: new FolderFileSaver(folder.path),
  }))
  ids.push(...(await storeClients(createDispatch(handlers, ctx), office.clients)))
})

afterAll(async () => {
  expect(sim.contractViolations).toEqual([])
  await office.dispose()
  await sim.close()
  folder.remove()
})

describe('MigrationService.signed', () => {
  it('carries a company on after KSeF’s 429 and says where another one stopped', async () => {
    const [first, second] = office.clients
    if (!first || !second) throw new Error('no clients')
    // Without CredentialsRead or CredentialsManage the office sees only the tokens it generated.
    sim.seed.revokePermission({
      context: { type: 'Nip', value: second.nip },
      subject: { type: 'Nip', value: office.officeNip },
      permissions: ['CredentialsManage'],
    })
    const written = await ctx.migration.requests(ids)
    const files = await Promise.all(
      written.files.map(async (file) => ({
        name: file.name,
        base64: Buffer.from(
          await office.sign(await readFile(file.location ?? '', 'utf8')),
        ).toString('base64'),
      })),
    )
    sim.faults.rateLimitNext(1, 1, /^POST \/certificates\/enrollments$/)
    sim.clearRequests()

    const outcome = await ctx.migration.signed(files, true)

    const [moved, stopped] = [first, second].map((client) =>
      outcome.results.find((r) => r.identifier.value === client.nip),
    )
    expect(moved?.failure).toBeNull()
    expect(moved?.steps).toMatchObject({ login: 'ok', enroll: 'ok', revokeToken: 'ok' })
    expect(
      sim.requests
        .filter((r) => r.operation === 'POST /certificates/enrollments')
        .map((r) => r.status)
        .sort(),
    ).toEqual([202, 202, 429])
    // Each signed request went to KSeF once: the rerun began at the enrollment.
    expect(sim.requests.filter((r) => r.operation === 'POST /auth/xades-signature')).toHaveLength(2)

    expect(stopped?.steps).toEqual({
      login: 'ok',
      enroll: 'ok',
      retrieve: 'ok',
      default: 'ok',
      revokeToken: 'failed',
    })
    expect(stopped?.failure).toMatchObject({
      step: 'revokeToken',
      error: { code: 'TOKEN_NOT_IN_KSEF' },
    })
    expect(ctx.credentials.defaultCertificate(stopped?.companyId ?? '', 'Authentication')?.id).toBe(
      stopped?.certificate?.id,
    )

    // Every action in the audit log, in order, each company's with the job; the failure with its
    // code. KSeF's 429 is an entry too (KSeF refused), of whichever company enrolled first.
    await ctx.audit.flush()
    const entries = async (companyId: string) =>
      (await ctx.audit.list({ companyId, limit: 50 })).entries
        .reverse()
        .filter((e) => e.action !== 'token.add' && e.action !== 'company.add')
    const refusedAt429 = [
      ...(await entries(moved?.companyId ?? '')),
      ...(await entries(stopped?.companyId ?? '')),
    ].filter((e) => e.errorCode === 'KSEF_RATE_LIMITED')
    expect(refusedAt429.map((e) => [e.action, e.result, e.ksefCode])).toEqual([
      ['certificate.enroll', 'failed', 429],
    ])
    const logged = async (companyId: string) =>
      (await entries(companyId))
        .filter((e) => e.errorCode !== 'KSEF_RATE_LIMITED')
        .map((e) => [e.action, e.result, e.errorCode, e.jobId === outcome.jobId])
    expect(await logged(moved?.companyId ?? '')).toEqual([
      ['migration.requests', 'ok', null, false],
      ['auth.login', 'ok', null, true],
      ['certificate.enroll', 'ok', null, true],
      ['certificate.retrieve', 'ok', null, true],
      ['certificate.default', 'ok', null, true],
      ['token.revoke', 'ok', null, true],
      ['migration.signed', 'ok', null, true],
    ])
    expect(await logged(stopped?.companyId ?? '')).toEqual([
      ['migration.requests', 'ok', null, false],
      ['auth.login', 'ok', null, true],
      ['certificate.enroll', 'ok', null, true],
      ['certificate.retrieve', 'ok', null, true],
      ['certificate.default', 'ok', null, true],
      ['token.revoke', 'failed', 'TOKEN_NOT_IN_KSEF', true],
      ['migration.signed', 'failed', 'TOKEN_NOT_IN_KSEF', true],
    ])

    // The job lists both: one done, one failed keeping its certificate.
    const job = ctx.bulk.job(outcome.jobId ?? '')
    expect(job.options).toEqual({ action: 'migrate', revokeTokens: true })
    expect(
      job.rows.map((row) => [row.identifier, row.state, row.outcome, row.error?.code ?? null]),
    ).toEqual([
      [
        first.nip,
        'done',
        { kind: 'migrated', serialNumber: moved?.certificate?.serialNumber, tokenRevoked: true },
        null,
      ],
      [
        second.nip,
        'failed',
        { kind: 'migrated', serialNumber: stopped?.certificate?.serialNumber, tokenRevoked: false },
        'TOKEN_NOT_IN_KSEF',
      ],
    ])
  })
})
