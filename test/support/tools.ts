import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface RunResult {
  status: number | null
  stdout: string
  stdoutBytes: Buffer
  stderr: string
}

/** Runs a Debian tool (openssl, xmlsec1, xmllint) as the independent check of our output. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; input?: Buffer | string } = {},
): RunResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    input: options.input,
    encoding: 'buffer',
  })
  if (result.error) throw result.error
  return {
    status: result.status,
    stdout: result.stdout.toString('utf8'),
    stdoutBytes: result.stdout,
    stderr: result.stderr.toString('utf8'),
  }
}

/** Runs the tool and fails the test with its stderr when it does not succeed. */
export function mustRun(
  command: string,
  args: string[],
  options: { cwd?: string; input?: Buffer | string } = {},
): string {
  return mustRunBinary(command, args, options).toString('utf8')
}

export function mustRunBinary(
  command: string,
  args: string[],
  options: { cwd?: string; input?: Buffer | string } = {},
): Buffer {
  const result = run(command, args, options)
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`)
  return result.stdoutBytes
}

export function write(folder: string, name: string, data: Buffer | string): string {
  const path = join(folder, name)
  writeFileSync(path, data)
  return path
}

/** openssl pkeyutl options for RSA-OAEP with SHA-256 and MGF1-SHA-256, as KSeF encrypts tokens. */
export const oaepSha256 = [
  '-pkeyopt',
  'rsa_padding_mode:oaep',
  '-pkeyopt',
  'rsa_oaep_md:sha256',
  '-pkeyopt',
  'rsa_mgf1_md:sha256',
] as const
