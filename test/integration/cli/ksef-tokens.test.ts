// ksef-desk's KSeF token commands against the simulator in a process of its own (the CLI runs in the
// test's process, through runCli): generate (printed once, or written to a 0600 file), KSeF's list
// with its filters, revoke, and the check that finds a token whose author lost permissions (arranged
// through the simulator's /testdata API, as on KSeF's TEST). Each refusal with its exact code, exit
// status, and nothing changed.
import { readFileSync, statSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActiveSession } from '../../../shared/domain/auth'
import type { TokenSummary } from '../../../shared/domain/credentials'
import type { KsefTokenRow, TokenCheckResult } from '../../../shared/domain/ksef-tokens'
import { filesContaining } from '../../support/temp-folder'
import { expectNothingChanged, expectRefusal, inProcessCli, type InProcessCli } from './in-process'
import {
  parseJson,
  passphrase,
  startSimulatorProcess,
  type SimulatorProcess,
} from './simulator-process'

const keyPassword = 'Klucz-Osoby-2026!'
let sim: SimulatorProcess
const folders: InProcessCli[] = []
const secrets: string[] = [passphrase, keyPassword]
/** Generated tokens (whole, and their secret part): printed once at most, by their own command. */
const tokens: string[] = []

beforeAll(async () => {
  sim = await startSimulatorProcess(['--status-delay', '0', '--limits', 'off'])
})
afterAll(async () => {
  expect(await sim.stop()).not.toMatch(/contract violation/)
  for (const folder of folders) {
    for (const { stdout, stderr } of folder.runs) {
      for (const secret of [...secrets, ...tokens]) expect(stderr).not.toContain(secret)
      for (const secret of secrets) expect(stdout).not.toContain(secret)
    }
    for (const token of tokens) {
      expect(folder.runs.filter((run) => run.stdout.includes(token)).length).toBeLessThanOrEqual(1)
    }
    for (const secret of [...secrets, ...tokens])
      expect(filesContaining(folder.dataDir, secret)).toEqual([])
    folder.remove()
  }
})

function newFolder(): InProcessCli {
  const folder = inProcessCli(sim.url)
  folders.push(folder)
  return folder
}

async function addCompany({ cli }: InProcessCli, nip: string): Promise<void> {
  const added = await cli([
    'companies',
    'add',
    '--nip',
    nip,
    '--name',
    `Spółka ${nip}`,
    '--env',
    'test',
  ])
  expect(added.status).toBe(0)
}

/** A data folder with the company, its own test certificate as the default, logged in with it. */
async function loggedIn(nip: string): Promise<InProcessCli> {
  const folder = newFolder()
  await addCompany(folder, nip)
  expect((await folder.cli(['certificates', 'test', '--company', nip, '--default'])).status).toBe(0)
  expect((await folder.cli(['login', '--company', nip, '--method', 'certificate'])).status).toBe(0)
  return folder
}

/** tokens generate, the token read from stdout (and kept for the secret scan). */
async function generated(
  folder: InProcessCli,
  nip: string,
  description: string,
  ...more: string[]
): Promise<{ token: string; referenceNumber: string }> {
  const run = await folder.cli([
    'tokens',
    'generate',
    '--company',
    nip,
    '--permissions',
    'invoice-read,invoice-write',
    '--description',
    description,
    ...more,
  ])
  expect(run.stderr).toMatch(/^Token generated in KSeF for .* stored sealed in the data folder/)
  expect(run.status).toBe(0)
  const token = /^(\S+\|nip-\d{10}\|\S+)\n$/.exec(run.stdout)?.[1] ?? ''
  expect(token).not.toBe('')
  tokens.push(token, token.split('|')[2] ?? token)
  return { token, referenceNumber: token.split('|')[0] ?? '' }
}

const storedTokens = async (folder: InProcessCli, nip: string) =>
  parseJson<TokenSummary[]>(await folder.cli(['tokens', 'list', '--company', nip, '--json']))

const ksefRows = async (folder: InProcessCli, nip: string, ...filters: string[]) =>
  parseJson<{ rows: KsefTokenRow[]; visibility: string }>(
    await folder.cli(['tokens', 'ksef', '--company', nip, ...filters, '--json']),
  ).rows

async function testData(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${sim.url}/testdata/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
}

describe('ksef-desk tokens against the simulator', () => {
  it('generate: the token printed once and stored sealed; --token-out writes a 0600 file instead', async () => {
    const nip = '2222222268'
    const folder = await loggedIn(nip)
    const { cli, path } = folder
    const first = await generated(folder, nip, 'Token z wiersza poleceń', '--default')
    expect(await storedTokens(folder, nip)).toMatchObject([
      {
        referenceNumber: first.referenceNumber,
        origin: 'generated',
        isDefault: true,
        permissions: ['InvoiceRead', 'InvoiceWrite'],
      },
    ])

    const file = path('token.txt')
    const written = await cli([
      'tokens',
      'generate',
      '--company',
      nip,
      '--permissions',
      'invoice-read',
      '--description',
      'Token do pliku',
      '--token-out',
      file,
    ])
    expect(written.status).toBe(0)
    expect(written.stderr).toBe('')
    expect(written.stdout).toMatch(
      new RegExp(
        `^Token generated in KSeF for Spółka ${nip} \\(NIP ${nip}, Test\\), written to ${file} and stored sealed in the data folder\\.\\n`,
      ),
    )
    const token = readFileSync(file, 'utf8').trim()
    tokens.push(token, token.split('|')[2] ?? token)
    expect(token).toMatch(new RegExp(`^\\S+\\|nip-${nip}\\|\\S+$`))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(written.stdout).not.toContain(token.split('|')[2])
    expect(written.stdout).toMatch(/^ {2}Default: +no$/m)

    await expectNothingChanged(folder.dataDir, async () => {
      const again = await cli([
        'tokens',
        'generate',
        '--company',
        nip,
        '--permissions',
        'invoice-read',
        '--description',
        'Token do pliku',
        '--token-out',
        file,
      ])
      expectRefusal(
        again,
        'FILE_EXISTS',
        `${file} exists already; no token was generated (give --token-out a new file).`,
      )
    })
    expect((await ksefRows(folder, nip)).map((row) => row.description).sort()).toEqual([
      'Token do pliku',
      'Token z wiersza poleceń',
    ])

    // Both are Active in KSeF by the time they are shown; the default (the first) logs in.
    expect((await storedTokens(folder, nip)).map((t) => t.ksefStatus)).toEqual(['Active', 'Active'])
    expect((await cli(['logout', '--company', nip])).status).toBe(0)
    const login = await cli(['login', '--company', nip, '--method', 'token'])
    expect(login.stdout).toMatch(/^Logged in: .* with a KSeF token\.\n/)
  })

  it('refuses to generate: description length, permissions, no session; nothing stored', async () => {
    const nip = '2222222274'
    const folder = await loggedIn(nip)
    const generate = (...args: string[]) =>
      folder.cli(['tokens', 'generate', '--company', nip, ...args])
    await expectNothingChanged(folder.dataDir, async () => {
      expectRefusal(
        await generate('--permissions', 'invoice-read', '--description', 'Abcd'),
        'TOKEN_DESCRIPTION_TOO_SHORT',
        'The description needs at least 5 characters (it has 4).',
      )
      expectRefusal(
        await generate('--permissions', 'invoice-read', '--description', 'x'.repeat(257)),
        'TOKEN_DESCRIPTION_TOO_LONG',
        'The description can have at most 256 characters (it has 257).',
      )
      expectRefusal(
        await generate('--description', 'Bez uprawnień'),
        'CLI_USAGE',
        '--permissions is required.',
        2,
      )
      expectRefusal(
        await generate('--permissions', 'invoice-read,invoice-print', '--description', 'Zła nazwa'),
        'CLI_USAGE',
        '--permissions must be one of invoice-read, invoice-write, credentials-read, credentials-manage, subunit-manage, enforcement-operations, introspection, collective-identifier-manage, not "invoice-print".',
        2,
      )
      expectRefusal(
        await generate('--permissions', 'invoice-read,', '--description', 'Pusta pozycja'),
        'CLI_USAGE',
        '--permissions takes a comma-separated list, not "invoice-read,".',
        2,
      )
    })
    expect(await storedTokens(folder, nip)).toEqual([])
    expect(await ksefRows(folder, nip)).toEqual([])

    expect((await folder.cli(['logout', '--company', nip])).status).toBe(0)
    await expectNothingChanged(folder.dataDir, async () => {
      expectRefusal(
        await generate('--permissions', 'invoice-read', '--description', 'Bez sesji'),
        'AUTH_NOT_LOGGED_IN',
        'This company is not logged in.',
      )
    })
  })

  it("ksef lists the company's tokens with filters; revoke passes the default on; revoke twice", async () => {
    const nip = '2222222280'
    const folder = await loggedIn(nip)
    const { cli } = folder
    const first = await generated(folder, nip, 'Pierwszy token', '--default')
    const second = await generated(folder, nip, 'Drugi token')

    const listed = await cli(['tokens', 'ksef', '--company', nip])
    expect(listed.status).toBe(0)
    expect(listed.stdout).toContain(`Reference number: ${first.referenceNumber}`)
    expect(listed.stdout).toMatch(/^ {2}Permissions: +invoice-read, invoice-write$/m)
    expect(listed.stdout).toMatch(/^ {2}On this computer: +yes \(.*….*\)$/m)
    expect((await ksefRows(folder, nip, '--status', 'active')).length).toBe(2)
    expect(
      (await ksefRows(folder, nip, '--description', 'Drugi')).map((row) => row.referenceNumber),
    ).toEqual([second.referenceNumber])
    expect(await ksefRows(folder, nip, '--status', 'revoked,revoking')).toEqual([])
    expectRefusal(
      await cli(['tokens', 'ksef', '--company', nip, '--status', 'expired']),
      'CLI_USAGE',
      '--status must be one of pending, active, revoking, revoked, failed, not "expired".',
      2,
    )

    const revoked = await cli([
      'tokens',
      'revoke',
      '--company',
      nip,
      '--reference',
      first.referenceNumber,
    ])
    expect(revoked.status).toBe(0)
    expect(revoked.stdout).toMatch(
      new RegExp(
        `^Token ${first.referenceNumber} of Spółka ${nip} \\(NIP ${nip}, Test\\) revoked in KSeF: status (Revoking|Revoked)\\.\\nIt was the default token; the default is now ${second.referenceNumber} \\(`,
      ),
    )
    expect((await storedTokens(folder, nip)).find((t) => t.isDefault)?.referenceNumber).toBe(
      second.referenceNumber,
    )
    await expectNothingChanged(folder.dataDir, async () => {
      expectRefusal(
        await cli(['tokens', 'revoke', '--company', nip, '--reference', first.referenceNumber]),
        'TOKEN_ALREADY_REVOKED',
        /^This token is (being revoked|revoked) in KSeF already\.$/,
      )
    })
    expect(
      (await ksefRows(folder, nip, '--status', 'revoked,revoking')).map(
        (row) => row.referenceNumber,
      ),
    ).toEqual([first.referenceNumber])
  })

  it("check logs in with the token, the company's session untouched, and finds a token whose author lost permissions", async () => {
    const nip = '2222222297'
    const pesel = '90010112349'
    const company = await loggedIn(nip)
    const own = await generated(company, nip, 'Token właściciela', '--default')
    const currentSession = async () =>
      parseJson<ActiveSession[]>(await company.cli(['sessions', '--company', nip, '--json'])).find(
        (s) => s.isCurrent,
      )?.referenceNumber
    const before = await currentSession()
    const check = await company.cli(['tokens', 'check', '--company', nip])
    expect(check.status).toBe(0)
    expect(check.stdout).toMatch(
      new RegExp(
        `^Token ${own.referenceNumber} \\(.*\\) of Spółka ${nip} \\(NIP ${nip}, Test\\) logs in: `,
      ),
    )
    expect(await currentSession()).toBe(before)
    expect(
      parseJson<TokenCheckResult>(
        await company.cli(['tokens', 'check', '--company', nip, '--json']),
      ),
    ).toMatchObject({ ok: true, errorCode: null })

    // A person with permissions in the company generates a token, then loses the permissions.
    await testData('permissions', {
      contextIdentifier: { type: 'Nip', value: nip },
      authorizedIdentifier: { type: 'Pesel', value: pesel },
      permissions: ['CredentialsManage', 'InvoiceRead', 'InvoiceWrite'].map((permissionType) => ({
        permissionType,
        description: 'Uprawnienie z testu CLI',
      })),
    })
    const person = newFolder()
    await addCompany(person, nip)
    const made = await person.cli([
      'test-cert',
      '--pesel',
      pesel,
      '--nip',
      nip,
      '--cert-out',
      person.path('osoba.crt'),
      '--key-out',
      person.path('osoba.key'),
      '--key-password',
      keyPassword,
    ])
    expect(made.status).toBe(0)
    const imported = await person.cli([
      'certificates',
      'import',
      '--company',
      nip,
      '--cert',
      person.path('osoba.crt'),
      '--key',
      person.path('osoba.key'),
      '--password',
      keyPassword,
      '--allow-other-subject',
      '--default',
    ])
    expect(imported.status).toBe(0)
    expect((await person.cli(['login', '--company', nip, '--method', 'certificate'])).status).toBe(
      0,
    )

    // Beyond the session's permissions: KSeF's 26001, explained.
    await expectNothingChanged(person.dataDir, async () => {
      const beyond = await person.cli([
        'tokens',
        'generate',
        '--company',
        nip,
        '--permissions',
        'subunit-manage',
        '--description',
        'Za dużo uprawnień',
      ])
      expectRefusal(beyond, 'KSEF_ERROR', /^KSeF refused the request: .+ \(code 26001\)$/)
      expect(beyond.stderr).toMatch(/^ {2}KSeF 26001: /m)
    })

    const authored = await generated(person, nip, 'Token osoby', '--default')
    expect((await person.cli(['tokens', 'check', '--company', nip])).status).toBe(0)
    await testData('permissions/revoke', {
      contextIdentifier: { type: 'Nip', value: nip },
      authorizedIdentifier: { type: 'Pesel', value: pesel },
    })
    // KSeF still lists the token as Active …
    expect(
      (await ksefRows(company, nip)).find((row) => row.referenceNumber === authored.referenceNumber)
        ?.status,
    ).toBe('Active')
    // … but it no longer logs in.
    const failed = await person.cli([
      'tokens',
      'check',
      '--company',
      nip,
      '--reference',
      authored.referenceNumber,
    ])
    expectRefusal(failed, 'KSEF_AUTH_FAILED')
    expect(failed.stderr).toMatch(
      new RegExp(`^error KSEF_AUTH_FAILED: Token ${authored.referenceNumber} does not log in: `),
    )
    expect(failed.stderr).toMatch(/^ {2}KSeF 415: /m)
    const recorded = (await storedTokens(person, nip)).find(
      (t) => t.referenceNumber === authored.referenceNumber,
    )
    expect(recorded?.lastCheck).toMatchObject({ ok: false, ksefStatusCode: 415 })
    const json = await person.cli(['tokens', 'check', '--company', nip, '--json'])
    expect(json.status).toBe(1)
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'KSEF_AUTH_FAILED' } })

    await expectNothingChanged(person.dataDir, async () => {
      expectRefusal(
        await person.cli(['tokens', 'check', '--company', nip, '--reference', 'NO-SUCH-REF']),
        'TOKEN_NOT_FOUND',
        `No token with the reference number NO-SUCH-REF is stored for Spółka ${nip} (NIP ${nip}, Test) in this data folder. "ksef-desk tokens list" shows them.`,
      )
    })
    const empty = newFolder()
    await addCompany(empty, nip)
    expectRefusal(
      await empty.cli(['tokens', 'check', '--company', nip]),
      'TOKEN_NOT_FOUND',
      `No token is stored for Spółka ${nip} (NIP ${nip}, Test) in this data folder: "ksef-desk tokens generate" or "tokens add" stores one.`,
    )
  })
})
