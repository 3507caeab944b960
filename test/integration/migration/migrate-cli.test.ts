// Przejście na certyfikaty from a terminal (ksef-desk migrate, in process) against the simulator at
// KSeF's limits: requests for token-only companies written by NIP, signed by xmlsec1 with the
// office's seal, loaded back at once → a certificate enrolled, retrieved and made the default for
// each, the tokens revoked in KSeF; the challenge that ran out listed and written again; files of
// no company, unsigned or signed wrongly refused with their exact errors, changing nothing.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import { openNodeServices } from '../../../electron/node-services'
import type { AuthState } from '../../../shared/domain/auth'
import type { MigrationOutcome, MigrationRequests } from '../../../shared/domain/migration'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { nthNip } from '../../support/company-seed'
import { authTokenRequestXml } from '../../support/external-tools'
import { ShiftableClock } from '../../support/memory-context'
import { filesContaining } from '../../support/temp-folder'
import {
  expectNothingChanged,
  expectRefusal,
  inProcessCli,
  type InProcessCli,
} from '../cli/in-process'
import { parseJson, passphrase } from '../cli/simulator-process'
import { migrationOffice, storeClients, type MigrationOffice } from './office'

const minute = 60_000
const clock = new ShiftableClock()
let sim: RunningSimulator
let office: MigrationOffice
let folder: InProcessCli

beforeAll(async () => {
  sim = await startSimulator({
    clock,
    authStatusDelayMs: 0,
    enrollmentDelayMs: 0,
    revocationDelayMs: 0,
  })
  // Ten to move, one whose challenge runs out, one signed wrongly.
  office = await migrationOffice(sim, 12, 940)
  folder = inProcessCli(sim.url, clock)
  const { ctx, close } = await openNodeServices({
    dataFolder: folder.dataDir,
    passphrase,
    clock,
    ksefApiUrl: sim.url,
  })
  const call = createDispatch(handlers, ctx)
  try {
    await storeClients(call, office.clients)
    // One that logs in with nothing: not a company to move.
    const bare = await call('companies:add', {
      name: 'Bez tokenu',
      identifier: { type: 'Nip', value: nthNip(992) },
      environment: 'Test',
    })
    if (!bare.ok) throw new Error(bare.error.message)
  } finally {
    await close()
  }
})

afterAll(async () => {
  try {
    for (const client of office.clients) {
      for (const run of folder.runs) expect(run.stdout + run.stderr).not.toContain(client.token)
      expect(filesContaining(folder.folder, client.token)).toEqual([])
    }
    expect(sim.contractViolations).toEqual([])
  } finally {
    folder.remove()
    await office.dispose()
    await sim.close()
  }
})

const signInto = async (from: string, to: string, names: string[], sign = office.sign) => {
  mkdirSync(folder.path(to), { recursive: true })
  for (const name of names) {
    const xml = readFileSync(join(folder.path(from), name), 'utf8')
    writeFileSync(join(folder.path(to), name), await sign(xml))
  }
}

describe('ksef-desk migrate', () => {
  it('moves ten token-only companies to certificates in one signed batch', async () => {
    const { cli, path } = folder
    const [late, wrong, ...ten] = office.clients
    if (!late || !wrong) throw new Error('no clients')

    // Every token-only company at first; nine minutes later the ten and the wrongly signed one
    // again: the first request of `late` is the only one left to run out.
    const first = await cli(['migrate', 'requests', '--companies', 'all', '--out', path('first')])
    expect(first.status).toBe(0)
    expect(readdirSync(path('first')).sort()).toEqual(
      office.clients.map((c) => `${c.nip}.xml`).sort(),
    )
    clock.advance(9 * minute)
    const nips = [wrong, ...ten].map((c) => c.nip).join(',')
    const batch = parseJson<MigrationRequests>(
      await cli(['migrate', 'requests', '--companies', nips, '--out', path('batch'), '--json']),
    )
    expect(batch.requests.map((r) => r.fileName)).toEqual(
      [wrong, ...ten].map((c) => `${c.nip}.xml`),
    )
    // One countdown for the batch: its first challenge's end.
    expect(batch.expiresAt).toBe(batch.requests.map((r) => r.expiresAt).sort()[0])
    expect(readFileSync(path(`batch/${ten[0]?.nip ?? ''}.xml`), 'utf8')).toContain(
      `<Nip>${ten[0]?.nip ?? ''}</Nip>`,
    )

    await signInto(
      'batch',
      'signed',
      ten.map((c) => `${c.nip}.xml`),
    )
    await signInto('first', 'signed', [`${late.nip}.xml`])
    await signInto('batch', 'signed', [`${wrong.nip}.xml`], office.signWrongly)
    // An unsigned request, and a signed one for a company not on the list.
    writeFileSync(path('signed/unsigned.xml'), readFileSync(path(`batch/${ten[0]?.nip ?? ''}.xml`)))
    writeFileSync(
      path('signed/obca-firma.xml'),
      await office.sign(
        authTokenRequestXml({
          challenge: '20261203-CR-1111111111-2222222222-33',
          nip: nthNip(990),
        }),
      ),
    )
    clock.advance(2 * minute)

    // A company failed and files were not sent: the outcome is printed and the exit status is 1.
    const signedRun = await cli([
      'migrate',
      'signed',
      '--in',
      path('signed'),
      '--revoke-tokens',
      '--json',
    ])
    expect(signedRun.status).toBe(1)
    const outcome = JSON.parse(signedRun.stdout) as MigrationOutcome
    const done = outcome.results.filter((r) => r.failure === null)
    expect(done.map((r) => r.identifier.value).sort()).toEqual(ten.map((c) => c.nip).sort())
    for (const result of done) {
      expect(result.steps).toEqual({
        login: 'ok',
        enroll: 'ok',
        retrieve: 'ok',
        default: 'ok',
        revokeToken: 'ok',
      })
      // The company's name as KSeF takes it: no dots.
      expect(result.certificate).toMatchObject({
        name: result.name.replace(/\./g, ' ').replace(/ +/g, ' ').trim(),
        isDefault: true,
      })
    }
    // Signed with another key than its certificate: KSeF's 9105, nothing after the login tried.
    const failed = outcome.results.find((r) => r.identifier.value === wrong.nip)
    expect(failed?.steps).toEqual({
      login: 'failed',
      enroll: 'waiting',
      retrieve: 'waiting',
      default: 'waiting',
      revokeToken: 'waiting',
    })
    expect(failed?.failure?.step).toBe('login')
    expect(failed?.failure?.error).toMatchObject({
      code: 'KSEF_ERROR',
      details: { ksefCodeKind: 'exception', ksefCode: 9105 },
    })
    expect(
      outcome.rejected.map((r) => ({ file: r.fileName, code: r.error.code, expired: r.expired })),
    ).toEqual(
      [
        { file: `${late.nip}.xml`, code: 'AUTH_REQUEST_CHALLENGE_EXPIRED', expired: true },
        { file: 'obca-firma.xml', code: 'MIGRATION_FILE_NO_COMPANY', expired: false },
        { file: 'unsigned.xml', code: 'AUTH_REQUEST_NOT_SIGNED', expired: false },
      ].sort((a, b) => a.file.localeCompare(b.file)),
    )
    expect(outcome.rejected.find((r) => r.fileName === 'obca-firma.xml')?.error.message).toBe(
      `The signed request is for Nip ${nthNip(990)}, which no company on the list has.`,
    )

    // The companies whose file was not run, or whose login KSeF refused, are as they were.
    for (const client of [late, wrong]) {
      const listing = parseJson<{ rows: unknown[] }>(
        await cli(['certificates', 'list', '--company', client.nip, '--json']),
      )
      expect(listing.rows).toEqual([])
    }

    // KSeF revoked each of the ten tokens, once, and no other.
    const revoked = sim.requests
      .filter((r) => r.operation === 'DELETE /tokens/{referenceNumber}' && r.status === 204)
      .map((r) => r.path.split('/').pop())
    expect(revoked.sort()).toEqual(ten.map((c) => c.referenceNumber).sort())

    // The new default logs the company in with no token: KSeF sees a KSeF certificate.
    const login = parseJson<AuthState>(
      await cli(['login', '--company', ten[0]?.nip ?? '', '--method', 'certificate', '--json']),
    )
    expect(login.session?.method).toBe('certificate')
    const signedLogins = sim.requests.filter(
      (r) => r.operation === 'POST /auth/xades-signature' && r.status === 202,
    )
    expect(signedLogins).toHaveLength(11)

    // Pobierz ponownie for the one whose challenge ran out; this time its token is kept.
    const again = await cli([
      'migrate',
      'requests',
      '--companies',
      late.nip,
      '--out',
      path('again'),
    ])
    expect(again.stdout).toMatch(
      new RegExp(
        `^1 request written to .*again:\\n  ${late.nip}\\.xml  Klient 1 Sp\\. z o\\.o\\.\\n`,
      ),
    )
    await signInto('again', 'again-signed', [`${late.nip}.xml`])
    const moved = await cli(['migrate', 'signed', '--in', path('again-signed')])
    expect(moved.status).toBe(0)
    expect(moved.stdout).toBe(
      `1 of 1 company moved to a KSeF certificate.\n  ${late.nip}  Klient 1 Sp. z o.o.: certificate "Klient 1 Sp z o o" (${
        /\(([0-9A-F]+)\)/.exec(moved.stdout)?.[1] ?? ''
      }), the default; token kept\n`,
    )
  })

  it('refuses what there is nothing to do for, with the exact error, changing nothing', async () => {
    const { cli, path, dataDir } = folder
    await expectNothingChanged(dataDir, async () => {
      expectRefusal(
        await cli(['migrate', 'requests', '--companies', nthNip(992), '--out', path('none')]),
        'MIGRATION_NOT_TOKEN_ONLY',
        'These companies do not log in only with a KSeF token, so there is nothing to move: Bez tokenu.',
      )
      expectRefusal(
        await cli(['migrate', 'requests', '--companies', nthNip(991), '--out', path('none')]),
        'COMPANY_NOT_FOUND',
        `No company with the identifier ${nthNip(991)} in this data folder. "ksef-desk companies list" shows them.`,
      )
      expectRefusal(
        await cli(['migrate', 'requests', '--companies', ' , ', '--out', path('none')]),
        'CLI_USAGE',
        '--companies takes all, or NIPs separated by commas.',
        2,
      )
      mkdirSync(path('empty'))
      expectRefusal(
        await cli(['migrate', 'signed', '--in', path('empty')]),
        'MIGRATION_NO_FILES',
        'No signed file was loaded.',
      )
    })
    expect(readdirSync(folder.folder)).not.toContain('none')

    // A data folder where no company logs in only with a token.
    const bare = inProcessCli(sim.url, clock)
    try {
      expect(
        (
          await bare.cli([
            'companies',
            'add',
            '--nip',
            nthNip(993),
            '--name',
            'Bez niczego',
            '--env',
            'test',
          ])
        ).status,
      ).toBe(0)
      await expectNothingChanged(bare.dataDir, async () => {
        expectRefusal(
          await bare.cli(['migrate', 'requests', '--companies', 'all', '--out', bare.path('out')]),
          'MIGRATION_NO_COMPANIES',
          'No company that logs in only with a KSeF token was chosen.',
        )
      })
    } finally {
      bare.remove()
    }
  })
})
