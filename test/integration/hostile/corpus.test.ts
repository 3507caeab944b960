// Issue 13's corpus: every hostile input of test/fixtures/hostile/generate.ts through the layer a
// user reaches — the handlers over a real data folder (dispatch, as the window calls them) and the
// CLI for a sample — answered with its exact code, within 2 s, without holding main's event loop
// for 200 ms, and with every file of the data folder byte-identical afterwards.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commands } from '../../../electron/cli/commands'
import { processIo } from '../../../electron/cli/io'
import { runCli } from '../../../electron/cli/run'
import { createDispatch, type Dispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import { openNodeServices } from '../../../electron/node-services'
import type { Company } from '../../../shared/domain/company'
import { longestStall } from '../../fixtures/hostile/event-loop'
import {
  corpusNip,
  generateHostileCorpus,
  type Corpus,
  type CorpusInput,
} from '../../fixtures/hostile/generate'
import { filesUnder, tempFolder } from '../../support/temp-folder'

const folder = tempFolder('ksef-desk-hostile-')
const dataDir = join(folder.path, 'data')
let corpus: Corpus
let dispatch: Dispatch
let company: Company
let close: () => Promise<void>

beforeAll(async () => {
  corpus = await generateHostileCorpus(folder.path)
  const services = await openNodeServices({ dataFolder: dataDir, passphrase: 'corpus passphrase' })
  close = services.close
  dispatch = createDispatch(handlers, services.ctx)
  const added = await dispatch('companies:add', {
    name: 'Firma Testowa',
    identifier: { type: 'Nip', value: corpusNip },
    environment: 'Test',
  })
  if (!added.ok) throw new Error(added.error.message)
  company = added.value as Company
  // The company is written a moment later (one write per burst): on the disk before any
  // snapshot of the folder is taken, so that write is never taken for a refusal's.
  await services.ctx.flushSettings()
}, 60_000)

afterAll(async () => {
  await close()
  folder.remove()
})

/** Every file of the data folder and the SHA-256 of its bytes. */
const folderHashes = () =>
  Object.fromEntries(
    filesUnder(dataDir).map(({ path, bytes }) => [
      path,
      createHash('sha256').update(bytes).digest('hex'),
    ]),
  )

// The largest input is 50 MB; a refusal reads none of it whole, so the process grows by a few MiB
// (17 at most, measured). A file that expands as it is read, or one read whole, goes past this.
const memoryBoundBytes = 64 * 2 ** 20
const mebibytes = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`

const payload = (name: string, data: Buffer) => ({ name, base64: data.toString('base64') })

/** The channel and input an entry goes in by, built before the call is timed (base64 of 50 MB). */
function request(input: CorpusInput): [string, unknown] {
  switch (input.layer) {
    case 'import': {
      const { certificate, privateKey, pkcs12 } = input.files
      return [
        'certificates:import',
        {
          companyId: company.id,
          files: {
            ...(certificate ? { certificate: payload('certificate.crt', certificate) } : {}),
            ...(privateKey ? { privateKey: payload('key.pem', privateKey) } : {}),
            ...(pkcs12 ? { pkcs12: payload('bundle.p12', pkcs12) } : {}),
          },
          password: input.password,
        },
      ]
    }
    case 'signedRequest':
      return [
        'auth:submitSignedRequest',
        { companyId: company.id, file: payload('AuthTokenRequest-signed.xml', input.file) },
      ]
    case 'company':
      return [
        'companies:add',
        {
          name: input.name,
          identifier: { type: input.type ?? 'Nip', value: input.nip },
          environment: 'Test',
        },
      ]
    case 'token':
      return ['tokens:add', { companyId: company.id, token: input.token }]
  }
}

describe('the hostile corpus through the handlers', () => {
  it('holds at least 80 inputs', () => {
    expect(corpus.entries.length + corpus.cli.length).toBeGreaterThanOrEqual(80)
  })

  it('answers every input with its own code, at once, leaving the data folder as it was', async () => {
    const misses: string[] = []
    for (const entry of corpus.entries) {
      const [channel, input] = request(entry.input)
      const before = folderHashes()
      const { outcome, longestStallMs, elapsedMs, memoryGrowthBytes } = await longestStall(() =>
        dispatch(channel, input),
      )
      const envelope = outcome.status === 'fulfilled' ? outcome.value : null
      const code = envelope && !envelope.ok ? envelope.error.code : 'no refusal'
      const problems = [
        code === entry.code ? '' : `code ${code}, not ${entry.code}`,
        elapsedMs < 2000 ? '' : `answered in ${Math.round(elapsedMs)} ms`,
        longestStallMs < 200 ? '' : `event loop held ${Math.round(longestStallMs)} ms`,
        memoryGrowthBytes < memoryBoundBytes ? '' : `memory grew ${mebibytes(memoryGrowthBytes)}`,
        JSON.stringify(folderHashes()) === JSON.stringify(before) ? '' : 'data folder changed',
      ].filter((problem) => problem !== '')
      if (problems.length > 0) misses.push(`${entry.name}: ${problems.join('; ')}`)
    }
    expect(misses).toEqual([])
  })
})

describe('a sample of the corpus through the CLI', () => {
  it('refuses each with its code on stderr, printing nothing on stdout', async () => {
    const misses: string[] = []
    for (const entry of corpus.cli) {
      let stdout = ''
      let stderr = ''
      const io = {
        ...processIo(folder.path),
        stdout: (text: string) => void (stdout += text),
        stderr: (text: string) => void (stderr += text),
        env: {},
      }
      const before = folderHashes()
      const { outcome, longestStallMs, elapsedMs } = await longestStall(() =>
        runCli(
          entry.args((name) => join(folder.path, name)),
          io,
          commands,
          '0.0.0-test',
        ),
      )
      const status = outcome.status === 'fulfilled' ? outcome.value : 'threw'
      const problems = [
        status === 1 && stdout === '' ? '' : `exit ${status}, stdout ${JSON.stringify(stdout)}`,
        stderr.startsWith(`error ${entry.code}: `) ? '' : `stderr ${JSON.stringify(stderr)}`,
        elapsedMs < 2000 ? '' : `answered in ${Math.round(elapsedMs)} ms`,
        longestStallMs < 200 ? '' : `event loop held ${Math.round(longestStallMs)} ms`,
        JSON.stringify(folderHashes()) === JSON.stringify(before) ? '' : 'data folder changed',
      ].filter((problem) => problem !== '')
      if (problems.length > 0) misses.push(`${entry.name}: ${problems.join('; ')}`)
    }
    expect(misses).toEqual([])
  })
})
