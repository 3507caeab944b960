// `ksef-desk bulk …` in the test's own process against the simulator at production limits: a line
// per company as it finishes, the summary at the end, the job kept in the data folder; every bad
// input refused with its exact error before the data folder is touched.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import { openNodeServices } from '../../../electron/node-services'
import type { Company } from '../../../shared/domain/company'
import { nthNip } from '../../support/company-seed'
import { inProcessCli, type InProcessCli } from '../cli/in-process'
import { passphrase } from '../cli/simulator-process'

let sim: RunningSimulator
let folder: InProcessCli
const nips = [nthNip(1), nthNip(2), nthNip(3)]
const tokens: string[] = []

beforeAll(async () => {
  sim = await startSimulator()
  folder = inProcessCli(sim.url)
  // The office in one opening of the data folder (each command opens it anew, scrypt and all).
  const { ctx, close } = await openNodeServices({
    dataFolder: folder.dataDir,
    passphrase,
    ksefApiUrl: sim.url,
  })
  const call = createDispatch(handlers, ctx)
  for (const [n, nip] of nips.entries()) {
    const added = await call('companies:add', {
      name: `Klient ${n}`,
      identifier: { type: 'Nip', value: nip },
      environment: 'Test',
    })
    if (!added.ok) throw new Error(added.error.code)
    const { token } = sim.seed.createToken({
      context: { type: 'Nip', value: nip },
      permissions: ['InvoiceRead'],
      ...(n === 1 ? { status: 'Revoked' as const } : {}),
    })
    tokens.push(token)
    const stored = await call('tokens:add', { companyId: (added.value as Company).id, token })
    if (!stored.ok) throw new Error(stored.error.code)
  }
  await close()
})
afterAll(async () => {
  for (const run of folder.runs) {
    for (const token of tokens) expect(`${run.stdout}${run.stderr}`).not.toContain(token)
  }
  folder.remove()
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})

describe('ksef-desk bulk', () => {
  it('bulk check --json: one JSON line per company as it finishes, then the summary; a failure exits 1', async () => {
    const run = await folder.cli(['bulk', 'check', '--companies', 'all', '--json'])
    expect(run.status).toBe(1)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    const rows = lines.slice(0, 3).map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(rows.map((row) => row['identifier']).sort()).toEqual([...nips].sort())
    const byNip = new Map(rows.map((row) => [row['identifier'], row]))
    expect(byNip.get(nips[0])).toMatchObject({
      state: 'done',
      outcome: { kind: 'checked', credential: 'token' },
      errorCode: null,
    })
    expect(byNip.get(nips[1])).toMatchObject({
      state: 'failed',
      errorCode: 'KSEF_AUTH_FAILED',
      ksefCode: '450',
    })
    const summary = JSON.parse(lines[3] ?? '') as Record<string, unknown>
    expect(summary).toMatchObject({
      summary: true,
      action: 'check',
      state: 'done',
      counts: { total: 3, done: 2, failed: 1, skipped: 0, cancelled: 0 },
    })
    expect(sim.requests.filter((r) => r.status === 429)).toEqual([])
  })

  it('bulk logout of named NIPs: those not logged in are skipped, in words', async () => {
    const run = await folder.cli(['bulk', 'logout', '--companies', `${nips[0]},${nips[2]}`])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(
      new RegExp(`^${nips[0]}  skipped  nie była zalogowana  Klient 0$`, 'm'),
    )
    expect(run.stdout).toMatch(/^logout: 0 done, 0 failed, 2 skipped, 0 not started, of 2 \(job /m)
  })

  it.each([
    [
      ['bulk', 'check'],
      'Give either --companies all|NIP,NIP,... or --filter, not both nor neither.',
    ],
    [
      ['bulk', 'check', '--companies', 'all', '--filter', 'failing'],
      'Give either --companies all|NIP,NIP,... or --filter, not both nor neither.',
    ],
    [['bulk', 'check', '--filter', 'soon'], /^--filter must be one of expiring=60/],
    [['bulk', 'check', '--companies', ','], '--companies takes all, or NIPs separated by commas.'],
    [
      ['bulk', 'check', '--companies', '5265877635'],
      'No company on the list has the identifier 5265877635.',
    ],
    [
      ['bulk', 'generate-tokens', '--companies', 'all', '--description', 'Biuro'],
      '--permissions is required.',
    ],
    [
      ['bulk', 'revoke-tokens', '--companies', 'all'],
      'Give one of --author NIP|PESEL, --description TEXT or --all.',
    ],
    [
      ['bulk', 'revoke-tokens', '--companies', 'all', '--all', '--author', '5265877635'],
      'Give one of --author NIP|PESEL, --description TEXT or --all.',
    ],
    [
      ['bulk', 'renew-certificates', '--companies', 'all', '--within-days', '0'],
      '--within-days takes a whole number of days from 1 to 366, not "0".',
    ],
  ])('refuses %j with CLI_USAGE and starts nothing', async (args, message) => {
    const jobsBefore = jobCount()
    const run = await folder.cli([...args, '--json'])
    expect(run.status).toBe(2)
    const { error } = JSON.parse(run.stderr) as { error: { code: string; message: string } }
    expect(error.code).toBe('CLI_USAGE')
    if (typeof message === 'string') expect(error.message).toBe(message)
    else expect(error.message).toMatch(message)
    expect(jobCount()).toBe(jobsBefore)
  })

  it('refuses a description KSeF would refuse with its code, before any job starts', async () => {
    const jobsBefore = jobCount()
    const run = await folder.cli([
      'bulk',
      'generate-tokens',
      '--companies',
      'all',
      '--permissions',
      'invoice-read',
      '--description',
      'abc',
      '--json',
    ])
    expect(run.status).toBe(1)
    expect(JSON.parse(run.stderr)).toEqual({
      error: {
        code: 'TOKEN_DESCRIPTION_TOO_SHORT',
        message: 'The description needs at least 5 characters (it has 3).',
        details: { field: 'description', minLength: 5, length: 3 },
      },
    })
    expect(jobCount()).toBe(jobsBefore)
  })
})

/** The jobs kept in the data folder (the window's Zadania). */
function jobCount(): number {
  const jobs = join(folder.dataDir, 'bulk-jobs')
  return existsSync(jobs) ? readdirSync(jobs).length : 0
}
