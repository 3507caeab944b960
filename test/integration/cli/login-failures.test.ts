// ksef-desk over a data folder when something is wrong: each refusal with its exact code and exit
// status, and nothing stored or changed. Against the simulator in a process of its own; the CLI
// runs in the test's process (the commands are the binary's; test/integration/cli/ksef-smoke and
// login.test.ts spawn it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthState } from '../../../shared/domain/auth'
import type { Company } from '../../../shared/domain/company'
import type { CertificateListing } from '../../../shared/domain/ksef-certificates'
import { filesContaining } from '../../support/temp-folder'
import { mustRun } from '../../support/tools'
import { Workspace, selfSignedCertificate, xmlsecSign } from '../../support/external-tools'
import { inProcessCli, type InProcessCli } from './in-process'
import {
  mintToken,
  parseJson,
  passphrase,
  startSimulatorProcess,
  type SimulatorProcess,
} from './simulator-process'
import { expectError } from './workspace'

const nip = '1111348681'
const otherNip = '1111427877'
const keyPassword = 'Abcdefgh1234567!'

let sim: SimulatorProcess
let folder: InProcessCli
const secrets: string[] = [passphrase, keyPassword]

beforeAll(async () => {
  sim = await startSimulatorProcess()
  folder = inProcessCli(sim.url)
  const company = await folder.cli([
    'companies',
    'add',
    '--nip',
    nip,
    '--name',
    'Spółka Główna',
    '--env',
    'test',
  ])
  expect(company.status).toBe(0)
})
afterAll(async () => {
  expect(await sim.stop()).not.toMatch(/contract violation/)
  for (const run of folder.runs) {
    for (const secret of secrets) {
      expect(run.stdout).not.toContain(secret)
      expect(run.stderr).not.toContain(secret)
    }
  }
  for (const secret of secrets) expect(filesContaining(folder.dataDir, secret)).toEqual([])
  folder.remove()
})

const settingsFile = () => join(folder.dataDir, 'settings.json')
const secretsFile = () => join(folder.dataDir, 'secrets.sealed')
const snapshot = () => ({
  settings: readFileSync(settingsFile(), 'utf8'),
  secrets: existsSync(secretsFile()) ? readFileSync(secretsFile()).toString('base64') : null,
})

/** A failing command leaves the settings and the sealed secrets byte for byte as they were. */
async function expectNothingChanged(work: () => Promise<void>) {
  const before = snapshot()
  await work()
  expect(snapshot()).toEqual(before)
}

describe('ksef-desk over a data folder refuses', () => {
  it('to run without the passphrase or the data folder (exit 2), creating nothing', async () => {
    const elsewhere = join(folder.folder, 'never-created')
    for (const args of [
      ['companies', 'list'],
      ['companies', 'add', '--nip', nip, '--name', 'X', '--env', 'test'],
      ['login', '--company', nip, '--method', 'token'],
    ]) {
      const missing = await folder.cli(args, {
        KSEF_DESK_PASSPHRASE: undefined,
        KSEF_DESK_DATA_DIR: elsewhere,
      })
      expectError(missing, 'CLI_PASSPHRASE_MISSING', 2)
      expect(missing.stderr).toContain('KSEF_DESK_PASSPHRASE')
    }
    expectError(
      await folder.cli(['companies', 'list'], {
        KSEF_DESK_PASSPHRASE: '',
        KSEF_DESK_DATA_DIR: elsewhere,
      }),
      'CLI_PASSPHRASE_MISSING',
      2,
    )
    expectError(
      await folder.cli(['companies', 'list'], { KSEF_DESK_DATA_DIR: undefined }),
      'CLI_DATA_DIR_MISSING',
      2,
    )
    expect(existsSync(elsewhere)).toBe(false)
    // --data-dir is the option's way to say it, and wins over the variable.
    const listed = await folder.cli(['companies', 'list', '--data-dir', folder.dataDir], {
      KSEF_DESK_DATA_DIR: elsewhere,
    })
    expect(listed.stdout).toContain('Spółka Główna')
    expect(existsSync(elsewhere)).toBe(false)
  })

  it('a wrong passphrase (SECRETS_LOCKED), leaving the sealed file as it is', async () => {
    const test = await folder.cli(['certificates', 'test', '--company', nip])
    expect(test.status).toBe(0)
    await expectNothingChanged(async () => {
      expectError(
        await folder.cli(['companies', 'list'], { KSEF_DESK_PASSPHRASE: 'not the passphrase' }),
        'SECRETS_LOCKED',
      )
    })
  })

  it("the desktop app's folder, whose secrets the system keychain sealed", async () => {
    const appFolder = join(folder.folder, 'desktop-app')
    mkdirSync(appFolder)
    const sealedByKeychain = Buffer.concat([Buffer.from('v11'), Buffer.alloc(64, 7)])
    writeFileSync(join(appFolder, 'secrets.sealed'), sealedByKeychain)
    expectError(
      await folder.cli(['companies', 'list'], { KSEF_DESK_DATA_DIR: appFolder }),
      'CLI_DATA_FOLDER_FOREIGN',
    )
    // Not moved aside as damaged: the app keeps its keys.
    expect(readFileSync(join(appFolder, 'secrets.sealed'))).toEqual(sealedByKeychain)
  })

  it('an unknown company (COMPANY_NOT_FOUND), and an identifier in two environments without --env', async () => {
    await expectNothingChanged(async () => {
      const unknown = await folder.cli(['login', '--company', '5265877635', '--method', 'token'])
      expectError(unknown, 'COMPANY_NOT_FOUND')
      expect(unknown.stderr).toContain('5265877635')
    })
    const demo = parseJson<Company>(
      await folder.cli([
        'companies',
        'add',
        '--nip',
        nip,
        '--name',
        'Spółka Główna (demo)',
        '--env',
        'demo',
        '--json',
      ]),
    )
    expect(demo.environment).toBe('Demo')
    await expectNothingChanged(async () => {
      const ambiguous = await folder.cli(['certificates', 'test', '--company', nip])
      expectError(ambiguous, 'CLI_COMPANY_AMBIGUOUS', 2)
      expect(ambiguous.stderr).toContain('--env test')
      expect(ambiguous.stderr).toContain('--env demo')
      // A test certificate only for a Test company: the demo one says so.
      expectError(
        await folder.cli(['certificates', 'test', '--company', nip, '--env', 'demo']),
        'CERT_TEST_ONLY_ON_TEST',
      )
      expectError(
        await folder.cli(['companies', 'add', '--nip', nip, '--name', 'Again', '--env', 'demo']),
        'COMPANY_DUPLICATE',
      )
    })
    expect(
      (await folder.cli(['certificates', 'list', '--company', nip, '--env', 'test'])).status,
    ).toBe(0)
  })

  it('wrong usage with exit status 2, before the data folder is opened', async () => {
    await expectNothingChanged(async () => {
      const runs = [
        ['login', '--company', nip, '--env', 'test'],
        ['login', '--company', nip, '--env', 'test', '--method', 'password'],
        ['login', '--company', nip, '--method', 'token', '--signed', 'x.xml'],
        ['login', '--method', 'token'],
        ['companies', 'add', '--nip', nip, '--name', 'X'],
        [
          'companies',
          'add',
          '--nip',
          nip,
          '--internal-id',
          `${nip}-00001`,
          '--name',
          'X',
          '--env',
          'test',
        ],
        ['companies', 'list', '--api-url', 'not a url'],
        ['certificates', 'import', '--company', nip, '--cert', 'a.crt'],
        ['tokens', 'add', '--company', nip],
      ].map((args) => folder.cli(args))
      for (const run of await Promise.all(runs)) expectError(run, 'CLI_USAGE', 2)
    })
  })

  it('a key with the wrong password (KEY_WRONG_PASSWORD), storing nothing; the right one stores it', async () => {
    const tools = await Workspace.create()
    try {
      const person = await selfSignedCertificate(
        tools,
        `/GN=Jan/SN=Kowalski/serialNumber=TINPL-${nip}/CN=Jan Kowalski/C=PL`,
      )
      writeFileSync(folder.path('person.crt'), person.certificatePem)
      mustRun('openssl', [
        'pkcs8',
        '-topk8',
        '-in',
        person.keyPath,
        '-passout',
        `pass:${keyPassword}`,
        '-out',
        folder.path('person.key'),
      ])
      secrets.push(readFileSync(person.keyPath, 'utf8').split('\n').slice(1, 3).join('\n'))
    } finally {
      await tools.dispose()
    }
    writeFileSync(folder.path('wrong.txt'), 'Wrong-password-1!\n')
    writeFileSync(folder.path('password.txt'), `${keyPassword}\n`)
    const importWith = (passwordFile: string) =>
      folder.cli([
        'certificates',
        'import',
        '--company',
        nip,
        '--env',
        'test',
        '--cert',
        'person.crt',
        '--key',
        'person.key',
        '--password-file',
        passwordFile,
        '--json',
      ])
    await expectNothingChanged(async () => {
      const wrong = await importWith('wrong.txt')
      expect(wrong.status).toBe(1)
      expect(JSON.parse(wrong.stderr)).toMatchObject({ error: { code: 'KEY_WRONG_PASSWORD' } })
      expectError(
        await folder.cli([
          'certificates',
          'import',
          '--company',
          nip,
          '--env',
          'test',
          '--cert',
          'person.crt',
          '--key',
          'person.key',
        ]),
        'KEY_PASSWORD_REQUIRED',
      )
      expectError(
        await folder.cli([
          'certificates',
          'import',
          '--company',
          nip,
          '--env',
          'test',
          '--cert',
          'missing.crt',
          '--key',
          'person.key',
        ]),
        'FILE_UNREADABLE',
      )
    })
    const stored = parseJson<{ origin: string; isDefault: boolean }>(
      await importWith('password.txt'),
    )
    // The test certificate made earlier stays the default.
    expect(stored).toMatchObject({ origin: 'imported', isDefault: false })
    const listing = parseJson<CertificateListing>(
      await folder.cli(['certificates', 'list', '--company', nip, '--env', 'test', '--json']),
    )
    expect(listing.rows.map((row) => row.certificate?.origin).sort()).toEqual([
      'imported',
      'testCertificate',
    ])
  })

  it('a token for another NIP (TOKEN_OTHER_CONTEXT), storing nothing', async () => {
    const foreign = await mintToken(sim.url, otherNip)
    secrets.push(foreign.token, foreign.token.split('|')[2] ?? foreign.token)
    writeFileSync(folder.path('foreign-token.txt'), foreign.token)
    await expectNothingChanged(async () => {
      const refused = await folder.cli([
        'tokens',
        'add',
        '--company',
        nip,
        '--env',
        'test',
        '--token-file',
        'foreign-token.txt',
      ])
      expectError(refused, 'TOKEN_OTHER_CONTEXT')
      expect(refused.stderr).toContain(otherNip)
      expectError(
        await folder.cli([
          'tokens',
          'add',
          '--company',
          nip,
          '--env',
          'test',
          '--token',
          'abc|def',
        ]),
        'TOKEN_FORMAT',
      )
    })
    expect(
      parseJson<unknown[]>(
        await folder.cli(['tokens', 'list', '--company', nip, '--env', 'test', '--json']),
      ),
    ).toEqual([])
  })

  it('a revoked token at login: KSeF status 450, explained, and no session', async () => {
    const revoked = await mintToken(sim.url, nip)
    secrets.push(revoked.token, revoked.token.split('|')[2] ?? revoked.token)
    writeFileSync(folder.path('token.txt'), revoked.token)
    expect(
      (
        await folder.cli([
          'tokens',
          'add',
          '--company',
          nip,
          '--env',
          'test',
          '--token-file',
          'token.txt',
        ])
      ).status,
    ).toBe(0)
    await revoked.revoke()
    const login = await folder.cli([
      'login',
      '--company',
      nip,
      '--env',
      'test',
      '--method',
      'token',
    ])
    expect(login.status).toBe(1)
    expect(login.stdout).toBe('')
    expect(login.stderr).toMatch(
      /\nerror KSEF_AUTH_FAILED: KSeF refused the login: .+ \(status 450\)\.\n {2}KSeF 450: Bad token\. .+\n(?: {2}KSeF says: .+\n)* {2}What to do: Generate a new KSeF 2\.0 token .+\n$/,
    )
    expectError(
      await folder.cli(['sessions', '--company', nip, '--env', 'test']),
      'AUTH_NOT_LOGGED_IN',
    )
  })

  it('a request signed for another company (AUTH_REQUEST_OTHER_COMPANY), sending nothing', async () => {
    expect(
      (
        await folder.cli([
          'companies',
          'add',
          '--nip',
          otherNip,
          '--name',
          'Spółka Druga',
          '--env',
          'test',
        ])
      ).status,
    ).toBe(0)
    const written = await folder.cli(['login', '--company', otherNip, '--request-out', 'other.xml'])
    expect(written.status).toBe(0)
    const tools = await Workspace.create()
    try {
      const signer = await selfSignedCertificate(
        tools,
        `/O=Spółka Druga/organizationIdentifier=VATPL-${otherNip}/CN=Spółka Druga/C=PL`,
      )
      const xml = readFileSync(folder.path('other.xml'), 'utf8')
      writeFileSync(folder.path('other-signed.xml'), await xmlsecSign(tools, xml, signer))
    } finally {
      await tools.dispose()
    }
    const own = parseJson<{ state: AuthState; xml: string }>(
      await folder.cli([
        'login',
        '--company',
        nip,
        '--env',
        'test',
        '--request-out',
        'own.xml',
        '--json',
      ]),
    )
    await expectNothingChanged(async () => {
      const refused = await folder.cli([
        'login',
        '--company',
        nip,
        '--env',
        'test',
        '--signed',
        'other-signed.xml',
      ])
      expectError(refused, 'AUTH_REQUEST_OTHER_COMPANY')
      // The unsigned request is refused before it is sent, too.
      expectError(
        await folder.cli(['login', '--company', nip, '--env', 'test', '--signed', 'own.xml']),
        'AUTH_REQUEST_NOT_SIGNED',
      )
    })
    expect(own.state.session).toBeNull()
    expectError(
      await folder.cli(['sessions', '--company', nip, '--env', 'test']),
      'AUTH_NOT_LOGGED_IN',
    )
  })
})
