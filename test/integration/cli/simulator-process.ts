// The CLI over a data folder, as a user runs it against `npm run sim`: the simulator in a process
// of its own (so nothing of it is reachable but its HTTP API), each ksef-desk command a child
// process of its own with KSEF_DESK_API_URL, KSEF_DESK_DATA_DIR and KSEF_DESK_PASSPHRASE.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createTestCertificate } from '../../../electron/crypto/test-certificates'
import { createKsefClient } from '../../../electron/ksef/client'
import { redeemLogin } from '../../support/ksef-login'
import { tempFolder } from '../../support/temp-folder'
import type { CliRun } from './workspace'

const root = join(import.meta.dirname, '../../..')
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

export interface SimulatorProcess {
  url: string
  pid: number
  /** Ends the process by its pid; resolves to what it printed on stderr (contract violations). */
  stop(): Promise<string>
}

/** `tsx test/ksef-sim/cli.ts --port 0` (what `npm run sim -- --port 0` runs): reads its URL line. */
export async function startSimulatorProcess(args: string[] = []): Promise<SimulatorProcess> {
  const child = spawn(
    process.execPath,
    ['--import', tsx, join(root, 'test/ksef-sim/cli.ts'), '--port', '0', ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL from the simulator: ${stderr}`)),
      30_000,
    )
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const line = /^(http:\/\/127\.0\.0\.1:\d+\/v2)\n/.exec(stdout)
      if (line?.[1]) {
        clearTimeout(timer)
        resolve(line[1])
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the simulator exited (${code}): ${stderr}`))
    })
  })
  const pid = child.pid ?? 0
  return {
    url,
    pid,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = once(child, 'exit')
        process.kill(pid, 'SIGTERM')
        await exited
      }
      return stderr
    },
  }
}

export const passphrase = 'Hasło folderu CLI 2026!'

export interface DataFolderCli {
  folder: string
  dataDir: string
  path: (name: string) => string
  /** One ksef-desk command in a child process; env adds to (or, as undefined, removes from) the base. */
  cli: (args: string[], env?: Record<string, string | undefined>) => Promise<CliRun>
  /** Every run so far, for the secret scan. */
  runs: CliRun[]
  remove: () => void
}

/** A temp folder with a data folder inside it, and the CLI pointed at it and at the simulator. */
export function dataFolderCli(apiUrl: string): DataFolderCli {
  const folder = tempFolder('ksef-desk-cli-data-')
  const dataDir = join(folder.path, 'data')
  const runs: CliRun[] = []
  const base: Record<string, string | undefined> = {
    KSEF_DESK_API_URL: apiUrl,
    KSEF_DESK_DATA_DIR: dataDir,
    KSEF_DESK_PASSPHRASE: passphrase,
  }
  return {
    folder: folder.path,
    dataDir,
    path: (name) => join(folder.path, name),
    runs,
    cli: async (args, env = {}) => {
      const merged: Record<string, string | undefined> = { ...process.env, ...base, ...env }
      const cleaned = Object.fromEntries(
        Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined),
      )
      const child = spawn(
        process.execPath,
        ['--import', tsx, join(root, 'electron/cli.ts'), ...args],
        {
          cwd: folder.path,
          env: cleaned,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      const [status] = (await once(child, 'close')) as [number | null]
      const run = { status, stdout, stderr }
      runs.push(run)
      return run
    },
    remove: () => folder.remove(),
  }
}

export function parseJson<T>(run: CliRun): T {
  if (run.status !== 0) throw new Error(`ksef-desk failed (${run.status}): ${run.stderr}`)
  return JSON.parse(run.stdout) as T
}

const quick = { delay: () => new Promise<void>((resolve) => setTimeout(resolve, 20)) }

export interface MintedToken {
  token: string
  referenceNumber: string
  revoke(): Promise<void>
}

/**
 * A real KSeF token from the simulator, through its HTTP API only, as a user gets one from the
 * MF web app: log in with a self-signed seal certificate of the NIP, POST /tokens, wait for Active.
 */
export async function mintToken(apiUrl: string, nip: string): Promise<MintedToken> {
  const client = createKsefClient({ baseUrl: apiUrl, ...quick })
  const { certificate, privateKey } = await createTestCertificate(
    { kind: 'seal', organizationName: `Firma ${nip}`, nip },
    { usage: 'Authentication' },
  )
  const login = await redeemLogin(
    client,
    client.auth.initiateCertificateAuthentication({
      context: { type: 'Nip', value: nip },
      certificate,
      privateKey,
    }),
    { ...quick, intervalMs: 20 },
  )
  const access = login.tokens.accessToken.token
  const generated = await client.tokens.generateToken(access, {
    permissions: ['InvoiceRead', 'InvoiceWrite'],
    description: 'Token z testu CLI',
  })
  let status = await client.tokens.getToken(access, generated.referenceNumber)
  // GET /tokens/{ref} allows 10 calls a second.
  for (let i = 0; status.status === 'Pending' && i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    status = await client.tokens.getToken(access, generated.referenceNumber)
  }
  if (status.status !== 'Active') throw new Error(`the token is ${status.status}`)
  return {
    token: generated.token,
    referenceNumber: generated.referenceNumber,
    revoke: () => client.tokens.revokeToken(access, generated.referenceNumber),
  }
}
