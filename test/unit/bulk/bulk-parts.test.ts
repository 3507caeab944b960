// The pieces of bulk work: what logs a company in (as the Pulpit says, with its identity), when a
// bulk login first asks KSeF for its decision, the selection, the job files on disk, the CSV.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bulkJobCsv } from '../../../electron/bulk/bulk-csv'
import { FolderBulkJobFiles } from '../../../electron/bulk/bulk-job-files'
import { BulkJobRecord } from '../../../electron/bulk/bulk-job'
import { selectedCompanies } from '../../../electron/bulk/bulk-selection'
import { DecisionWait } from '../../../electron/bulk/credential-check'
import { loginWayOf } from '../../../electron/bulk/login-way'
import type { CertificateSummary, TokenSummary } from '../../../shared/domain/credentials'
import type { DashboardRow } from '../../../shared/domain/dashboard'
import type { Identity } from '../../../shared/domain/identities'
import { seededSettings } from '../../support/data-folder-seed'
import { tempFolder } from '../../support/temp-folder'

const now = Date.parse('2026-11-21T09:00:00.000Z')
const document = seededSettings({ companies: 12, at: new Date(now).toISOString() })
const [company] = document.companies

function wayWith(certificates: CertificateSummary[], tokens: TokenSummary[], identity?: Identity) {
  return loginWayOf(company!, {
    credentials: { certificates: () => certificates, tokens: () => tokens },
    identities: { assignedTo: () => identity },
    preferences: { get: () => ({ language: 'pl', tokensAfter2026: false }) },
    clock: { now: () => now },
  })
}

describe('what logs a company in, for a bulk login or check', () => {
  const seeded = document.certificates.find((c) => c.companyId === company?.id && c.isDefault)!
  const own = { ...seeded, validTo: new Date(now + 100 * 86_400_000).toISOString() }
  const token = document.tokens.find((t) => t.companyId === company?.id)!
  const identity = { id: own.id, name: 'Biuro' } as Identity
  const expired = { ...own, validTo: new Date(now - 1).toISOString() }

  it('its own certificate while it logs in, else its identity, else its token', () => {
    expect(wayWith([own], [token], identity)).toEqual({
      method: 'certificate',
      credential: 'certificate',
    })
    expect(wayWith([], [token], identity)).toEqual({
      method: 'certificate',
      credential: 'identity',
    })
    // An own default past its validity gives way to the identity (loginCertificateOf), as the
    // Pulpit says; without an identity the token logs it in.
    expect(wayWith([expired], [token], identity)).toEqual({
      method: 'certificate',
      credential: 'identity',
    })
    expect(wayWith([expired], [token])).toEqual({ method: 'token', credential: 'token' })
  })

  it('when nothing can, what it has, so that the login says why (an expired certificate)', () => {
    expect(wayWith([expired], [])).toEqual({ method: 'certificate', credential: 'certificate' })
    const revoked = { ...token, ksefStatus: 'Revoked' as const }
    expect(wayWith([], [revoked])).toEqual({ method: 'token', credential: 'token' })
    expect(wayWith([], [])).toEqual({ method: 'certificate', credential: 'certificate' })
  })
})

describe('when a bulk login first asks for KSeF’s decision', () => {
  it('as long as KSeF took before, a tenth less each time one read was enough', () => {
    const wait = new DecisionWait()
    expect(wait.firstPollMs).toBe(500)
    wait.decided(1, 480)
    expect(wait.firstPollMs).toBe(450)
    wait.decided(3, 1_200)
    expect(wait.firstPollMs).toBe(1_200)
    wait.decided(2, 60_000)
    expect(wait.firstPollMs).toBe(10_000)
    for (let i = 0; i < 100; i++) wait.decided(1, 0)
    expect(wait.firstPollMs).toBe(100)
  })
})

describe('the selection of a job', () => {
  const companies = document.companies
  const deps = (rows: Partial<DashboardRow>[] = []) => ({
    companies: { list: () => companies },
    dashboard: { view: () => ({ rows }) as never },
  })

  it('names the companies by id in the order given, all, or a tile of the Pulpit', () => {
    const [a, b] = [companies[3]!, companies[1]!]
    expect(
      selectedCompanies({ kind: 'ids', companyIds: [a.id, b.id, a.id] }, deps()).map((c) => c.id),
    ).toEqual([a.id, b.id])
    expect(selectedCompanies({ kind: 'all' }, deps())).toHaveLength(12)
    const rows = [
      { companyId: b.id, credential: { kind: 'token' } },
      { companyId: a.id, credential: { kind: 'certificate' } },
    ] as Partial<DashboardRow>[]
    expect(
      selectedCompanies({ kind: 'tile', tile: 'tokenOnly' }, deps(rows)).map((c) => c.id),
    ).toEqual([b.id])
  })

  it('refuses an id not on the list, and a selection of none', () => {
    expect(() =>
      selectedCompanies(
        { kind: 'ids', companyIds: ['00000000-0000-4000-8000-999999999999'] },
        deps(),
      ),
    ).toThrow(expect.objectContaining({ code: 'COMPANY_NOT_FOUND' }))
    expect(() => selectedCompanies({ kind: 'tile', tile: 'failing' }, deps())).toThrow(
      expect.objectContaining({ code: 'BULK_NO_COMPANIES', details: undefined }),
    )
  })
})

describe('the jobs on disk and as CSV', () => {
  const folders: { remove(): void }[] = []
  afterEach(() => {
    for (const folder of folders.splice(0)) folder.remove()
  })

  const job = () => {
    const record = BulkJobRecord.start(
      '00000000-0000-4000-8000-000000000abc',
      { action: 'logout' },
      document.companies.slice(0, 3),
      '2026-11-21T09:00:00.000Z',
    )
    const [first, second] = document.companies
    record.finish(first!.id, { kind: 'skipped', reason: 'notLoggedIn' }, '2026-11-21T09:00:01.000Z')
    record.fail(
      second!.id,
      {
        code: 'KSEF_AUTH_FAILED',
        message: 'KSeF refused the login (status 450).',
        details: { ksefCodeKind: 'authStatus', ksefCode: 450 },
      },
      null,
      '2026-11-21T09:00:02.000Z',
    )
    return record.snapshot()
  }

  it('writes each job to a file of its own and reads back only files that are jobs', async () => {
    const folder = tempFolder()
    folders.push(folder)
    const jobs = join(folder.path, 'bulk-jobs')
    const files = new FolderBulkJobFiles(jobs)
    expect(await files.list()).toEqual([])
    await files.write(job())
    mkdirSync(jobs, { recursive: true })
    writeFileSync(join(jobs, '00000000-0000-4000-8000-000000000def.json'), '{ not a job')
    writeFileSync(join(jobs, 'notes.txt'), 'hello')
    expect(await files.list()).toEqual([job()])
    await files.remove(job().id)
    expect(await files.list()).toEqual([])
  })

  it('words each row in the CSV: state, what was done, the codes and KSeF’s explanation', () => {
    const lines = bulkJobCsv(job()).toString('utf8').split('\r\n')
    const [first, second, third] = document.companies
    expect(lines).toEqual([
      '\ufeffnazwa;nip;stan;wynik;kod błędu;kod KSeF;komunikat;rozpoczęto;zakończono',
      `${first!.name};${first!.identifier.value};pominięto;nie była zalogowana;;;;;2026-11-21T09:00:01.000Z`,
      `${second!.name};${second!.identifier.value};błąd;;KSEF_AUTH_FAILED;450;KSeF refused the login (status 450).;;2026-11-21T09:00:02.000Z`,
      `${third!.name};${third!.identifier.value};oczekuje;;;;;;`,
      '',
    ])
  })
})
