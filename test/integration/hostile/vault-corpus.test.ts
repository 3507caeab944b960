// Issue 13's corpus, the vault's part: a secrets file changed in each field of its envelope, cut
// short or emptied by a power loss, met where a user meets it — the CLI opening the data folder.
// Each is refused with its own code within 2 s, without holding the event loop for 200 ms, and
// the folder is left byte for byte as it was: nothing is moved aside without the user's word.
import { createHash, randomBytes } from 'node:crypto'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commands } from '../../../electron/cli/commands'
import { processIo } from '../../../electron/cli/io'
import { runCli } from '../../../electron/cli/run'
import { secretsFileName } from '../../../electron/vault/sealed-file-secret-store'
import { longestStall } from '../../fixtures/hostile/event-loop'
import { filesUnder, tempFolder } from '../../support/temp-folder'

const passphrase = 'vault corpus passphrase'
const folder = tempFolder('ksef-desk-hostile-vault-')
const base = join(folder.path, 'base')

async function cli(args: string[], dataDir: string) {
  let stdout = ''
  let stderr = ''
  const io = {
    ...processIo(folder.path),
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    env: { KSEF_DESK_DATA_DIR: dataDir, KSEF_DESK_PASSPHRASE: passphrase },
  }
  const status = await runCli(args, io, commands, '0.0.0-test')
  return { status, stdout, stderr }
}

type Envelope = Record<string, unknown> & { kdf: Record<string, unknown> }

beforeAll(async () => {
  const added = await cli(
    ['companies', 'add', '--nip', '5265877635', '--name', 'Firma', '--env', 'test'],
    base,
  )
  if (added.status !== 0) throw new Error(added.stderr)
  const token = `20251010-EC-1DCE3E3000-12ECB5B36E-45|nip-5265877635|${'a'.repeat(64)}`
  const stored = await cli(['tokens', 'add', '--company', '5265877635', '--token', token], base)
  if (stored.status !== 0) throw new Error(stored.stderr)
}, 60_000)

afterAll(() => folder.remove())

const sealed = (): Envelope =>
  JSON.parse(readFileSync(join(base, secretsFileName), 'utf8')) as Envelope
const json = (envelope: unknown) => Buffer.from(JSON.stringify(envelope))
const flipped = (base64: unknown) => {
  const bytes = Buffer.from(String(base64), 'base64')
  bytes[0] = (bytes[0] ?? 0) ^ 1
  return bytes.toString('base64')
}
const changed = (change: (envelope: Envelope) => unknown) => () => json(change(sealed()))

const entries: [name: string, file: () => Buffer, code: string][] = [
  ['the format renamed', changed((e) => ({ ...e, format: 'other-sealed' })), 'SECRETS_CORRUPT'],
  ['the version raised', changed((e) => ({ ...e, version: 3 })), 'SECRETS_CORRUPT'],
  ['the version lowered', changed((e) => ({ ...e, version: 1 })), 'SECRETS_LOCKED'],
  ['the cipher renamed', changed((e) => ({ ...e, cipher: 'aes-128-gcm' })), 'SECRETS_CORRUPT'],
  [
    'N raised to 2^30',
    changed((e) => ({ ...e, kdf: { ...e.kdf, N: 2 ** 30 } })),
    'SECRETS_KDF_TOO_COSTLY',
  ],
  [
    'r raised to 64',
    changed((e) => ({ ...e, kdf: { ...e.kdf, r: 64 } })),
    'SECRETS_KDF_TOO_COSTLY',
  ],
  [
    'p raised to 16',
    changed((e) => ({ ...e, kdf: { ...e.kdf, p: 16 } })),
    'SECRETS_KDF_TOO_COSTLY',
  ],
  ['N lowered', changed((e) => ({ ...e, kdf: { ...e.kdf, N: 2 ** 14 } })), 'SECRETS_LOCKED'],
  [
    'the salt changed',
    changed((e) => ({ ...e, kdf: { ...e.kdf, salt: flipped(e.kdf['salt']) } })),
    'SECRETS_LOCKED',
  ],
  ['the IV changed', changed((e) => ({ ...e, iv: flipped(e['iv']) })), 'SECRETS_LOCKED'],
  [
    'the IV 16 bytes long',
    changed((e) => ({ ...e, iv: randomBytes(16).toString('base64') })),
    'SECRETS_LOCKED',
  ],
  ['the tag changed', changed((e) => ({ ...e, tag: flipped(e['tag']) })), 'SECRETS_LOCKED'],
  ['the data changed', changed((e) => ({ ...e, data: flipped(e['data']) })), 'SECRETS_LOCKED'],
  ['a field added', changed((e) => ({ ...e, note: 'x' })), 'SECRETS_CORRUPT'],
  ['the tag removed', changed(({ tag: _tag, ...e }) => e), 'SECRETS_CORRUPT'],
  ['not JSON', () => Buffer.from('\u0000\u0001garbage'), 'SECRETS_CORRUPT'],
  [
    'cut in half',
    () => readFileSync(join(base, secretsFileName)).subarray(0, 100),
    'SECRETS_CORRUPT',
  ],
  ['empty after a power loss', () => Buffer.alloc(0), 'SECRETS_EMPTY'],
]

// Opening the vault derives its key with the app's own scrypt cost, 128 MiB; a file may not make
// it ask for more (SECRETS_KDF_TOO_COSTLY comes before any derivation).
const memoryBoundBytes = 256 * 2 ** 20

const logOf = (dataDir: string) => join(dataDir, 'logs', 'main.log')

/**
 * Every file of the data folder and the SHA-256 of its bytes, but the log: the CLI rightly adds a
 * line saying which file did not open (checked apart: appended to, never rewritten).
 */
const folderHashes = (dataDir: string) =>
  Object.fromEntries(
    filesUnder(dataDir)
      .filter(({ path }) => path !== logOf(dataDir))
      .map(({ path, bytes }) => [path, createHash('sha256').update(bytes).digest('hex')]),
  )

describe('the vault part of the hostile corpus, through the CLI', () => {
  it('starts from a folder the CLI opens', async () => {
    expect((await cli(['tokens', 'list', '--company', '5265877635'], base)).status).toBe(0)
  })

  it('refuses each damaged secrets file with its own code, moving and changing nothing', async () => {
    const misses: string[] = []
    for (const [index, [name, file, code]] of entries.entries()) {
      const dataDir = join(folder.path, `case-${index}`)
      cpSync(base, dataDir, { recursive: true })
      writeFileSync(join(dataDir, secretsFileName), file())
      const before = folderHashes(dataDir)
      const logBefore = readFileSync(logOf(dataDir), 'utf8')
      const { outcome, longestStallMs, elapsedMs, memoryGrowthBytes } = await longestStall(() =>
        cli(['tokens', 'list', '--company', '5265877635'], dataDir),
      )
      const run = outcome.status === 'fulfilled' ? outcome.value : undefined
      const logAfter = readFileSync(logOf(dataDir), 'utf8')
      const problems = [
        run?.status === 1 && run.stdout === '' ? '' : `exit ${run?.status}, stdout ${run?.stdout}`,
        run?.stderr.startsWith(`error ${code}: `) ? '' : `stderr ${JSON.stringify(run?.stderr)}`,
        elapsedMs < 2000 ? '' : `answered in ${Math.round(elapsedMs)} ms`,
        longestStallMs < 200 ? '' : `event loop held ${Math.round(longestStallMs)} ms`,
        memoryGrowthBytes < memoryBoundBytes
          ? ''
          : `memory grew ${Math.round(memoryGrowthBytes / 2 ** 20)} MiB`,
        JSON.stringify(folderHashes(dataDir)) === JSON.stringify(before)
          ? ''
          : 'data folder changed',
        logAfter.startsWith(logBefore) ? '' : 'the log was rewritten, not appended to',
      ].filter((problem) => problem !== '')
      if (problems.length > 0) misses.push(`${name}: ${problems.join('; ')}`)
    }
    expect(misses).toEqual([])
  })
})
