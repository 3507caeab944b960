// A process writing the settings, the secrets and a certificate file is killed with SIGKILL at 50
// random moments; after each kill the folder opens, and every value is the last one written or
// the one being written: never lost, never cut, never mixed.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FolderCertificateFiles } from '../../../electron/vault/certificate-files'
import { openNodeSettings } from '../../../electron/vault/node-settings'
import {
  SealedFileSecretStore,
  secretsFileName,
} from '../../../electron/vault/sealed-file-secret-store'
import { FakeClock } from '../../support/memory-context'
import { filesUnder, tempFolder } from '../../support/temp-folder'
import { fixedKeySealer } from './fixed-key-sealer'
import {
  certificateId,
  generationOfCertificate,
  generationOfCompanies,
  generationOfSecret,
  secretNames,
} from './kill-mid-write-values'

const kills = 50
const lanes = 5

// The writer is bundled once into plain JavaScript: started through tsx, each of the 50 processes
// would spend most of its life compiling TypeScript, and the test would take minutes on a busy machine.
const bundle = tempFolder('ksef-desk-kill-writer-')
const writer = join(bundle.path, 'writer.mjs')

type Written = Record<'settings' | 'secrets' | 'certificate', number>

/**
 * Starts the writer on the folder from generation `first`, lets it report `writes` completed
 * writes (0: only that it started), kills it `delayMs` later — somewhere in the next write — and
 * returns the last generation of each file it reported complete (0: none).
 */
async function killMidWrite(
  folder: string,
  first: number,
  writes: number,
  delayMs: number,
): Promise<Written> {
  const child = spawn(process.execPath, [writer, folder, String(first)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const completed: Written = { settings: 0, secrets: 0, certificate: 0 }
  const closed = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('close', (_code, signal) => resolve(signal)),
  )
  let reported = 0
  for await (const line of createInterface({ input: child.stdout })) {
    const [file, generation] = line.split(' ')
    if (file === 'settings' || file === 'secrets' || file === 'certificate') {
      completed[file] = Number(generation)
      reported++
    }
    if ((line === 'started' && writes === 0) || (reported === writes && line !== 'started')) {
      setTimeout(() => child.kill('SIGKILL'), delayMs)
    }
  }
  expect(await closed).toBe('SIGKILL')
  return completed
}

/** Opens the folder as the app does and reads each file's generation (throws when one is cut). */
async function generationsOnDisk(
  folder: string,
): Promise<{ written: Written; secretsByName: number[] }> {
  const opened = openNodeSettings(folder, new FakeClock())
  expect(opened.problem).toBeUndefined()
  const companies = opened.store.read().companies
  const secrets = new SealedFileSecretStore(
    join(folder, secretsFileName),
    fixedKeySealer,
    new FakeClock(),
  )
  expect(await secrets.open()).toBeUndefined()
  const secretsByName: number[] = []
  for (const name of secretNames) {
    const value = await secrets.get(name)
    secretsByName.push(value === undefined ? 0 : generationOfSecret(name, value))
  }
  let certificate = 0
  if (readdirSync(folder).includes('certificates')) {
    const files = readdirSync(join(folder, 'certificates'))
    if (files.length > 0) {
      expect(files).toEqual([`${certificateId}.pem`])
      certificate = generationOfCertificate(
        await new FolderCertificateFiles(join(folder, 'certificates')).read(certificateId),
      )
    }
  }
  return {
    written: {
      settings: companies.length === 0 ? 0 : generationOfCompanies(companies),
      secrets: Math.min(...secretsByName),
      certificate,
    },
    secretsByName,
  }
}

describe('killed mid-write', () => {
  const folders: ReturnType<typeof tempFolder>[] = []
  beforeAll(async () => {
    await build({
      entryPoints: [join(import.meta.dirname, 'kill-mid-write-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: writer,
      logLevel: 'error',
    })
  })
  afterAll(() => {
    for (const folder of folders) folder.remove()
    bundle.remove()
  })

  it(`opens with every value old or new after ${kills} SIGKILLs`, async () => {
    const lane = async (rounds: number) => {
      const folder = tempFolder('ksef-desk-kill-')
      folders.push(folder)
      let last = { settings: 0, certificate: 0, secrets: secretNames.map(() => 0) }
      for (let round = 0; round < rounds; round++) {
        const first = Math.max(last.settings, last.certificate, ...last.secrets) + 1
        // 0 to 6 writes let through, in turn; the moment within the next one at random.
        const completed = await killMidWrite(folder.path, first, round % 7, Math.random() * 8)
        const { written, secretsByName } = await generationsOnDisk(folder.path)
        // Never lost: at least what was there and what was reported complete; never anything but
        // those or the generation under way when the kill came.
        const within = (file: keyof Written, onDisk: number, before: number) => {
          const floor = Math.max(before, completed[file])
          const underWay = completed[file] > 0 ? completed[file] + 1 : first
          expect([file, onDisk >= floor, onDisk === floor || onDisk === underWay]).toEqual([
            file,
            true,
            true,
          ])
        }
        within('settings', written.settings, last.settings)
        within('certificate', written.certificate, last.certificate)
        secretsByName.forEach((onDisk, n) => within('secrets', onDisk, last.secrets[n] ?? 0))
        // Secrets are set one name after another: the names written first are never older.
        expect([...secretsByName].sort((a, b) => b - a)).toEqual(secretsByName)
        // The open tidied away whatever temporary file the kill left.
        expect(filesUnder(folder.path).filter(({ path }) => path.endsWith('.tmp'))).toEqual([])
        last = {
          settings: written.settings,
          certificate: written.certificate,
          secrets: secretsByName,
        }
      }
      return last
    }
    const rounds = Array.from(
      { length: lanes },
      (_, n) => Math.floor(kills / lanes) + (n < kills % lanes ? 1 : 0),
    )
    const results = await Promise.all(rounds.map(lane))
    // Every folder saw writes complete, so the kills came between and inside writes.
    expect(results.every((result) => result.settings > 0 && result.certificate > 0)).toBe(true)
  }, 120_000)
})
