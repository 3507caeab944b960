// ksef-desk over a data folder, run in the test's own process (runCli with the real file system
// and a captured stdout/stderr): the same commands, options and exit statuses as the binary, without
// spawning tsx for each. Paths given to it are absolute (the test's working folder is the project).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { systemClock, type Clock } from '../../../electron/clock'
import { commands } from '../../../electron/cli/commands'
import { processIo } from '../../../electron/cli/io'
import { runCli } from '../../../electron/cli/run'
import { settingsFilePath } from '../../../electron/vault/conf-settings-store'
import { secretsFileName } from '../../../electron/vault/sealed-file-secret-store'
import { rememberedKeys } from '../../support/remembered-keys'
import { tempFolder } from '../../support/temp-folder'
import { passphrase } from './simulator-process'
import type { CliRun } from './workspace'

export interface InProcessCli {
  folder: string
  dataDir: string
  /** An absolute path in the folder around the data folder. */
  path: (name: string) => string
  /** One ksef-desk command; env adds to (or, as undefined, removes from) the base environment. */
  cli: (args: string[], env?: Record<string, string | undefined>) => Promise<CliRun>
  /** Every run so far, for the secret scan. */
  runs: CliRun[]
  remove: () => void
}

export function inProcessCli(apiUrl: string, clock: Clock = systemClock): InProcessCli {
  const folder = tempFolder('ksef-desk-cli-in-process-')
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
      let stdout = ''
      let stderr = ''
      const io = {
        ...processIo(folder.path),
        stdout: (text: string) => void (stdout += text),
        stderr: (text: string) => void (stderr += text),
        env: { ...base, ...env },
        clock,
        keyDerivation: rememberedKeys,
      }
      const status = await runCli(args, io, commands, '0.0.0-test')
      const run = { status, stdout, stderr }
      runs.push(run)
      return run
    },
    remove: () => folder.remove(),
  }
}

/**
 * The settings and the sealed secrets of a data folder, byte for byte, but for two times: when the
 * session's access token runs out (a command in a new process refreshes it before its first call to
 * KSeF) and when KSeF was last asked about a credential (a refusal may have had to ask).
 */
export function dataFolderSnapshot(dataDir: string) {
  const secrets = join(dataDir, secretsFileName)
  const settings = settingsFilePath(dataDir)
  const parsed = existsSync(settings)
    ? (JSON.parse(readFileSync(settings, 'utf8'), (key, value: unknown) =>
        key === 'accessTokenValidUntil' || key === 'ksefCheckedAt' ? undefined : value,
      ) as unknown)
    : null
  return {
    settings: parsed,
    secrets: existsSync(secrets) ? readFileSync(secrets).toString('base64') : null,
  }
}

/** A refused command leaves the settings and the sealed secrets as they were. */
export async function expectNothingChanged(dataDir: string, work: () => Promise<void>) {
  const before = dataFolderSnapshot(dataDir)
  await work()
  expect(dataFolderSnapshot(dataDir)).toEqual(before)
}

/** "error CODE: message" (and KSeF's explanation lines after it), the exit status, no stdout. */
export function expectRefusal(
  run: CliRun,
  code: string,
  message?: string | RegExp,
  status = 1,
): void {
  expect(run.stdout).toBe('')
  expect(run.stderr).toMatch(new RegExp(`^error ${code}: .+\\n`))
  const first = run.stderr.split('\n')[0] ?? ''
  if (typeof message === 'string') expect(first).toBe(`error ${code}: ${message}`)
  if (message instanceof RegExp) expect(first.slice(`error ${code}: `.length)).toMatch(message)
  expect(run.status).toBe(status)
}
