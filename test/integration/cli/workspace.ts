// ksef-desk in a folder of its own, run in the test's own process (runCli with the real file system,
// paths resolved against that folder, and a captured stdout/stderr), with a person certificate (EC)
// and an Offline seal certificate (RSA, also as .p12) made by the CLI itself.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { commands } from '../../../electron/cli/commands'
import { processIo } from '../../../electron/cli/io'
import { runCli } from '../../../electron/cli/run'
import { tempFolder } from '../../support/temp-folder'
import { mustRun } from '../../support/tools'

export const root = join(import.meta.dirname, '../../..')
export const password = 'Abcdefgh1234567!'
export const challenge = '20250625-CR-20F5EE4000-DA48AE4124-46'

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
}

export interface CliWorkspace {
  path: (name: string) => string
  cli: (...args: string[]) => Promise<CliRun>
  remove: () => void
}

export function cliWorkspace(): CliWorkspace {
  const folder = tempFolder('ksef-desk-cli-')
  return {
    path: (name) => join(folder.path, name),
    cli: async (...args) => {
      let stdout = ''
      let stderr = ''
      const io = {
        ...processIo(folder.path),
        stdout: (text: string) => void (stdout += text),
        stderr: (text: string) => void (stderr += text),
      }
      const status = await runCli(args, io, commands, '0.0.0-test')
      return { status, stdout, stderr }
    },
    remove: () => folder.remove(),
  }
}

/** person.crt/.key (EC, NIP), offline.crt/.key/.p12 (RSA seal, Offline), password.txt, invoice.xml. */
export async function prepareCredentials(workspace: CliWorkspace): Promise<void> {
  const { cli, path } = workspace
  const person = await cli(
    'test-cert',
    '--nip',
    '5265877635',
    '--cert-out',
    'person.crt',
    '--key-out',
    'person.key',
    '--key-password',
    password,
  )
  expect(person.stderr).toBe('')
  expect(person.status).toBe(0)
  const offline = await cli(
    'test-cert',
    '--seal-nip',
    '5265877635',
    '--organization',
    'Firma Testowa',
    '--offline',
    '--key-type',
    'rsa',
    '--cert-out',
    'offline.crt',
    '--key-out',
    'offline.key',
    '--key-password',
    password,
  )
  expect(offline.status).toBe(0)
  mustRun('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    path('offline.key'),
    '-passin',
    `pass:${password}`,
    '-in',
    path('offline.crt'),
    '-passout',
    `pass:${password}`,
    '-out',
    path('offline.p12'),
  ])
  writeFileSync(path('password.txt'), `${password}\n`)
  writeFileSync(path('invoice.xml'), '<Faktura>przykład</Faktura>')
}

export function expectError(result: CliRun, code: string, status = 1): void {
  expect(result.stderr).toMatch(new RegExp(`^error ${code}: .+\\n$`))
  expect(result.status).toBe(status)
  expect(result.stdout).toBe('')
}
