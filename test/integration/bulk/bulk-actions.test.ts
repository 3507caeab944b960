// Each bulk action on a few companies against the simulator at production limits: Zaloguj,
// Generuj token (sealed, never shown; a 5xx of KSeF's one-shot POST recorded, not repeated),
// Dezaktywuj tokeny by description, Wyloguj, Odnów certyfikaty; the selection by tile; the
// refusals before a job starts, each with its exact error and nothing started; the CSV.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tokenSecret } from '../../../electron/vault/secret-store'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { officeOf } from './office'

let sim: RunningSimulator
let office: Awaited<ReturnType<typeof officeOf>>
const officeNip = '7762811692'
// Companies 0–2 log in with a token; 3 with a certificate ending in 10 days, 4 in 200 days; 5 and
// 6 with the office's seal, an identity KSeF issued that ends in 10 days.
beforeAll(async () => {
  sim = await startSimulator()
  office = await officeOf(sim, 7, { certificateDays: { 3: 10, 4: 200 }, nothing: [5, 6] })
  const seal = await sim.seed.issueCertificate({
    subject: {
      commonName: 'Biuro Rachunkowe Rachmistrz',
      countryName: 'PL',
      organizationName: 'Biuro Rachunkowe Rachmistrz',
      organizationIdentifier: `VATPL-${officeNip}`,
    },
    validTo: new Date(Date.now() + 10 * 86_400_000),
  })
  const base64 = (text: string) => Buffer.from(text).toString('base64')
  const identity = await office.call('identities:import', {
    files: {
      certificate: { name: 'biuro.crt', base64: base64(seal.certificatePem) },
      privateKey: { name: 'biuro.key', base64: base64(seal.privateKeyPem) },
    },
    password: '',
  })
  const clients = office.companies.slice(5)
  for (const client of clients) {
    sim.seed.grantPermission({
      context: { type: 'Nip', value: client.identifier.value },
      subject: { type: 'Nip', value: officeNip },
      permissions: ['CredentialsManage'],
    })
  }
  await office.call('identities:assign', {
    identityId: identity.id,
    companyIds: clients.map((c) => c.id),
  })
})
afterAll(async () => {
  await office.close()
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})

const sent = (operation: string) => sim.requests.filter((r) => r.operation === operation).length
const tokenCompanies = () => ({
  kind: 'ids' as const,
  companyIds: office.companies.slice(0, 3).map((c) => c.id),
})

describe('the bulk actions', () => {
  it('Zaloguj: each company by what logs it in, its session kept', async () => {
    const { job } = await office.runJob({ action: 'login' })
    expect(job.rows.map((row) => [row.state, row.outcome?.kind])).toEqual(
      Array(7).fill(['done', 'loggedIn']),
    )
    expect(job.rows.map((row) => row.outcome)).toMatchObject([
      { credential: 'token' },
      { credential: 'token' },
      { credential: 'token' },
      { credential: 'certificate' },
      { credential: 'certificate' },
      { credential: 'identity' },
      { credential: 'identity' },
    ])
    for (const company of office.companies) {
      expect(office.ctx.login.state(company.id).session).not.toBeNull()
    }
  })

  it('Generuj token: each sealed as the company’s token and shown nowhere; a 5xx recorded, not repeated', async () => {
    sim.clearRequests()
    sim.faults.failNext(1, 503, /^POST \/tokens$/)
    const { job } = await office.runJob(
      { action: 'generateTokens', permissions: ['InvoiceRead'], description: 'Token zbiorczy' },
      tokenCompanies(),
    )
    expect(job.rows.map((row) => row.state).sort()).toEqual(['done', 'done', 'failed'])
    const failed = job.rows.find((row) => row.state === 'failed')
    expect(failed?.error).toMatchObject({ code: 'KSEF_UNAVAILABLE', details: { httpStatus: 503 } })
    expect(sent('POST /tokens')).toBe(3)

    const everything = JSON.stringify([job, office.events.emitted, office.ctx.bulk.jobs()])
    for (const row of job.rows.filter((r) => r.state === 'done')) {
      if (row.outcome?.kind !== 'tokenGenerated') throw new Error('no token generated')
      const stored = office.ctx.credentials.token(row.companyId, row.outcome.tokenId)
      expect(stored).toMatchObject({ description: 'Token zbiorczy', origin: 'generated' })
      const secret = await office.secrets.get(tokenSecret(row.companyId, row.outcome.tokenId))
      expect(secret).toMatch(/\|/)
      expect(everything).not.toContain(secret)
      expect(everything).not.toContain(secret?.split('|')[2])
    }
  })

  it('Dezaktywuj tokeny by description: the matching ones, each once; a company with none is skipped', async () => {
    sim.clearRequests()
    const { job } = await office.runJob(
      { action: 'revokeTokens', match: { by: 'description', description: 'zbiorczy' } },
      tokenCompanies(),
    )
    const generated = job.rows.filter((row) => row.state === 'done')
    expect(generated).toHaveLength(2)
    for (const row of generated) {
      expect(row.outcome).toEqual({
        kind: 'tokensRevoked',
        referenceNumbers: [expect.stringMatching(/-EC-/)],
      })
    }
    expect(job.rows.filter((row) => row.state === 'skipped').map((row) => row.outcome)).toEqual([
      { kind: 'skipped', reason: 'noMatchingTokens' },
    ])
    expect(sent('DELETE /tokens/{referenceNumber}')).toBe(2)
  })

  it('Odnów certyfikaty: those ending within the days given; an identity shared by two renewed once', async () => {
    sim.clearRequests()
    const company = office.companies[3]!
    const before = office.ctx.credentials.defaultCertificate(company.id, 'Authentication')
    const { job } = await office.runJob({ action: 'renewCertificates', withinDays: 30 })
    expect(
      job.rows.map((row) => (row.outcome?.kind === 'skipped' ? row.outcome.reason : row.state)),
    ).toEqual([
      'noCertificate',
      'noCertificate',
      'noCertificate',
      'done',
      'notExpiring',
      'done',
      'done',
    ])
    const after = office.ctx.credentials.defaultCertificate(company.id, 'Authentication')
    expect(after?.id).not.toBe(before?.id)
    expect(job.rows[3]?.outcome).toEqual({
      kind: 'certificateRenewed',
      serialNumber: after?.serialNumber,
      validTo: after?.validTo,
      identityId: null,
    })
    // One enrollment for the company's own certificate, one for the identity of two companies.
    expect(sent('POST /certificates/enrollments')).toBe(2)
    const [renewed] = office.ctx.identities.list()
    expect(renewed?.companyIds).toEqual(office.companies.slice(5).map((c) => c.id))
    for (const row of job.rows.slice(5)) {
      expect(row.outcome).toEqual({
        kind: 'certificateRenewed',
        serialNumber: renewed?.serialNumber,
        validTo: renewed?.validTo,
        identityId: renewed?.id,
      })
      // The identity's successor is not left behind as the company's own certificate.
      expect(office.ctx.credentials.certificates(row.companyId)).toEqual([])
    }
    expect(Date.parse(renewed?.validTo ?? '')).toBeGreaterThan(Date.now() + 300 * 86_400_000)
  })

  it('Wyloguj: every session ended; a company not logged in is skipped', async () => {
    const { job } = await office.runJob({ action: 'logout' })
    expect(job.rows.map((row) => row.state)).toEqual(Array(7).fill('done'))
    const again = await office.runJob({ action: 'logout' }, { kind: 'tile', tile: 'tokenOnly' })
    expect(again.job.rows.map((row) => [row.identifier, row.outcome])).toEqual(
      office.companies
        .slice(0, 3)
        .map((c) => [c.identifier.value, { kind: 'skipped', reason: 'notLoggedIn' }]),
    )
  })

  it('exports a job’s rows as CSV, in the job’s order', async () => {
    const [latest] = await office.call('bulk:jobs', undefined)
    const [file] = await office.call('bulk:exportCsv', { jobId: latest?.id ?? '' })
    const text = readFileSync(file?.location ?? '', 'utf8')
    expect(text.split('\r\n').slice(0, 2)).toEqual([
      '\ufeffnazwa;nip;stan;wynik;kod błędu;kod KSeF;komunikat;rozpoczęto;zakończono',
      expect.stringMatching(
        new RegExp(
          `^Klient 1 Spółka z o\\.o\\.;${office.companies[0]?.identifier.value};pominięto;nie była zalogowana;;;;`,
        ),
      ),
    ])
  })

  it.each([
    [{ kind: 'tile', tile: 'expiring7' }, { action: 'check' }, 'BULK_NO_COMPANIES', {}],
    [
      { kind: 'ids', companyIds: ['00000000-0000-4000-8000-999999999999'] },
      { action: 'check' },
      'COMPANY_NOT_FOUND',
      undefined,
    ],
    [
      { kind: 'all' },
      { action: 'revokeTokens', match: { by: 'description', description: 'ab' } },
      'TOKEN_FILTER_TOO_SHORT',
      { field: 'description', minLength: 3 },
    ],
    [
      { kind: 'all' },
      { action: 'generateTokens', permissions: [], description: 'Token zbiorczy' },
      'TOKEN_NO_PERMISSION',
      { field: 'permissions' },
    ],
  ] as const)(
    'refuses %j / %j with %s, starting nothing',
    async (selection, action, code, details) => {
      const before = office.ctx.bulk.jobs().length
      const requests = sim.requests.length
      await expect(office.call('bulk:start', { selection, action } as never)).rejects.toMatchObject(
        {
          code,
          ...(details ? { details } : {}),
        },
      )
      expect(office.ctx.bulk.jobs()).toHaveLength(before)
      expect(sim.requests).toHaveLength(requests)
    },
  )

  it('refuses Generuj token after 2026 with TOKENS_ENDED, once for the job, starting nothing', async () => {
    const before = office.ctx.bulk.jobs().length
    const requests = sim.requests.length
    const toJanuary = Date.parse('2027-01-02T00:00:00Z') - office.clock.now()
    office.clock.advance(toJanuary)
    try {
      await expect(
        office.call('bulk:start', {
          selection: { kind: 'all' },
          action: {
            action: 'generateTokens',
            permissions: ['InvoiceRead'],
            description: 'Po 2026',
          },
        }),
      ).rejects.toMatchObject({
        code: 'TOKENS_ENDED',
        details: { sunsetAt: '2026-12-31T23:00:00.000Z' },
      })
    } finally {
      office.clock.advance(-toJanuary)
    }
    expect(office.ctx.bulk.jobs()).toHaveLength(before)
    expect(sim.requests).toHaveLength(requests)
  })

  it('refuses an unknown job with BULK_JOB_NOT_FOUND on each channel', async () => {
    const jobId = '00000000-0000-4000-8000-999999999999'
    for (const channel of ['bulk:job', 'bulk:cancel', 'bulk:exportCsv'] as const) {
      await expect(office.call(channel, { jobId })).rejects.toMatchObject({
        code: 'BULK_JOB_NOT_FOUND',
        details: { jobId },
      })
    }
  })
})
