// ksef-desk over a data folder whose files do not open: it stops non-zero and says how to choose,
// and nothing is moved until `data-folder set-aside` is run. In-process (runCli), no simulator.
import { chmodSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { processIo } from '../../../electron/cli/io'
import { settingsFilePath } from '../../../electron/vault/conf-settings-store'
import { secretsFileName } from '../../../electron/vault/sealed-file-secret-store'
import { FakeClock } from '../../support/memory-context'
import { filesUnder, folderEachTestUnderUmask022 } from '../../support/temp-folder'
import { inProcessCli, type InProcessCli } from '../cli/in-process'
import { expectError } from '../cli/workspace'

const nip = '5265877635'
const token = `20251010-EC-2A3F4B5C00-1A2B3C4D5E-B7|nip-${nip}|${'0123456789abcdef'.repeat(2)}`
const offline = 'http://127.0.0.1:9/v2'

describe('ksef-desk and a data file that does not open', () => {
  let cli: InProcessCli
  beforeEach(async () => {
    cli = inProcessCli(offline, new FakeClock())
    expect(
      (await cli.cli(['companies', 'add', '--nip', nip, '--name', 'Kowalski', '--env', 'test']))
        .status,
    ).toBe(0)
    expect((await cli.cli(['tokens', 'add', '--company', nip, '--token', token])).status).toBe(0)
  })
  afterEach(() => cli.remove())

  const secretsFile = () => join(cli.dataDir, secretsFileName)
  const folderBytes = () =>
    filesUnder(cli.dataDir)
      .filter(({ path }) => !path.endsWith('main.log'))
      .map(({ path, bytes }) => [path, bytes.toString('base64')])
  const setAsideHint =
    /To set it aside \(renamed, kept\) and start afresh: ksef-desk data-folder set-aside --data-dir /
  const changeEnvelope = (
    change: (envelope: Record<string, unknown>) => Record<string, unknown>,
  ) => {
    const envelope = JSON.parse(readFileSync(secretsFile(), 'utf8')) as Record<string, unknown>
    writeFileSync(secretsFile(), JSON.stringify(change(envelope)))
  }

  it.each([
    [
      'a KDF cost raised',
      'SECRETS_KDF_TOO_COSTLY',
      () => changeEnvelope((e) => ({ ...e, kdf: { ...(e['kdf'] as object), N: 2 ** 18 } })),
    ],
    [
      'an IV of another length',
      'SECRETS_LOCKED',
      () => changeEnvelope((e) => ({ ...e, iv: Buffer.alloc(16, 1).toString('base64') })),
    ],
    ['a zero-length file (power loss)', 'SECRETS_EMPTY', () => writeFileSync(secretsFile(), '')],
    [
      'a settings file that is not JSON',
      'SETTINGS_CORRUPT',
      () => writeFileSync(settingsFilePath(cli.dataDir), '{"comp'),
    ],
  ])('%s: %s, exit 1, nothing moved, and how to choose', async (_case, code, damage) => {
    damage()
    const before = folderBytes()
    for (const args of [
      ['companies', 'list'],
      ['tokens', 'list', '--company', nip],
    ]) {
      const run = await cli.cli(args)
      expectError(run, code)
      expect(run.stderr).toMatch(setAsideHint)
      expect(run.stderr).not.toMatch(/desktop app/)
    }
    expect(folderBytes()).toEqual(before)
    expect(readdirSync(cli.dataDir).filter((name) => name.includes('.corrupt-'))).toEqual([])
  })

  it('data-folder set-aside renames the file that does not open, keeps it, and the folder opens afresh', async () => {
    changeEnvelope((e) => ({ ...e, kdf: { ...(e['kdf'] as object), N: 2 ** 18 } }))
    const damaged = readFileSync(secretsFile())
    const moved = await cli.cli(['data-folder', 'set-aside', '--json'])
    expect(moved.status).toBe(0)
    const { secretsMovedTo, settingsMovedTo } = JSON.parse(moved.stdout) as Record<
      string,
      string | null
    >
    expect(settingsMovedTo).toBeNull()
    expect(readFileSync(String(secretsMovedTo))).toEqual(damaged)

    const listed = await cli.cli(['companies', 'list'])
    expect(listed.status).toBe(0)
    expect(listed.stdout).toContain('Kowalski')
  })

  it('a secrets file of garbage is SECRETS_CORRUPT, not "the desktop app\'s folder", and can be set aside', async () => {
    writeFileSync(secretsFile(), 'garbage, not sealed')
    const run = await cli.cli(['companies', 'list'])
    expectError(run, 'SECRETS_CORRUPT')
    expect(run.stderr).toMatch(setAsideHint)
    const moved = await cli.cli(['data-folder', 'set-aside'])
    expect(moved.stdout).toMatch(/^secrets file set aside: .+\.corrupt-/)
    expect((await cli.cli(['companies', 'list'])).status).toBe(0)
  })

  it.each([
    ['the keychain envelope', JSON.stringify({ format: 'ksef-desk-keychain-sealed', version: 1 })],
    ["Chromium's own bytes (an earlier version)", 'v11\u0007\u0007\u0007'],
  ])(
    "the desktop app's secrets file (%s): CLI_DATA_FOLDER_FOREIGN, even for set-aside",
    async (_case, text) => {
      writeFileSync(secretsFile(), text)
      expectError(await cli.cli(['companies', 'list']), 'CLI_DATA_FOLDER_FOREIGN')
      expectError(await cli.cli(['data-folder', 'set-aside']), 'CLI_DATA_FOLDER_FOREIGN')
      expect(readFileSync(secretsFile(), 'utf8')).toBe(text)
    },
  )

  it('data-folder set-aside moves nothing when every file opens', async () => {
    const before = folderBytes()
    const run = await cli.cli(['data-folder', 'set-aside'])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('nothing was moved')
    expect(folderBytes()).toEqual(before)
  })

  it('a settings record with a bad UUID is quarantined alone: a warning, the rest listed, exit 0', async () => {
    const path = settingsFilePath(cli.dataDir)
    const settings = JSON.parse(readFileSync(path, 'utf8')) as { companies: { id: string }[] }
    const [kept] = settings.companies
    settings.companies.push({ ...kept, id: 'not-a-uuid', name: 'Zepsuta' } as { id: string })
    writeFileSync(path, JSON.stringify(settings))

    const run = await cli.cli(['companies', 'list'])
    expect(run.status).toBe(0)
    expect(run.stderr).toMatch(/^warning SETTINGS_RECORDS_QUARANTINED: /)
    expect(run.stdout).toContain('Kowalski')
    expect(run.stdout).not.toContain('Zepsuta')
    const quarantine = (
      JSON.parse(readFileSync(path, 'utf8')) as { quarantine: { record: unknown }[] }
    ).quarantine
    expect(quarantine.map((entry) => entry.record)).toEqual([
      expect.objectContaining({ name: 'Zepsuta' }),
    ])
  })
})

describe('a secret file the CLI replaces with --force', () => {
  const folder = folderEachTestUnderUmask022()

  it('is 0600 afterwards, even when the file it replaced was 0644', () => {
    const path = join(folder.path, 'key.pem')
    writeFileSync(path, 'old', { mode: 0o644 })
    chmodSync(path, 0o644)
    processIo(folder.path).writeFile('key.pem', 'new key', { secret: true, overwrite: true })
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readFileSync(path, 'utf8')).toBe('new key')
  })

  it('a new secret file is 0600 under a umask of 022', () => {
    processIo(folder.path).writeFile('token.txt', 'x', { secret: true, overwrite: false })
    expect(statSync(join(folder.path, 'token.txt')).mode & 0o777).toBe(0o600)
  })
})
