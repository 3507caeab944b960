// ksef-desk as a user runs it: a child process in a folder of its own, with a person
// certificate (EC) and an Offline seal certificate (RSA, also as .p12) made by the CLI itself.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect } from 'vitest'
import { tempFolder } from '../../support/temp-folder'
import { mustRun } from '../../support/tools'

export const root = join(import.meta.dirname, '../../..')
export const password = 'Abcdefgh1234567!'
export const challenge = '20250625-CR-20F5EE4000-DA48AE4124-46'
// Resolved from here: the commands run in a temporary folder outside the project.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
}

export interface CliWorkspace {
  path: (name: string) => string
  cli: (...args: string[]) => CliRun
  remove: () => void
}

export function cliWorkspace(): CliWorkspace {
  const folder = tempFolder('ksef-desk-cli-')
  return {
    path: (name) => join(folder.path, name),
    cli: (...args) => {
      const result = spawnSync(
        process.execPath,
        ['--import', tsx, join(root, 'electron/cli.ts'), ...args],
        {
          cwd: folder.path,
          encoding: 'utf8',
        },
      )
      return { status: result.status, stdout: result.stdout, stderr: result.stderr }
    },
    remove: () => folder.remove(),
  }
}

/** person.crt/.key (EC, NIP), offline.crt/.key/.p12 (RSA seal, Offline), password.txt, invoice.xml. */
export function prepareCredentials(workspace: CliWorkspace): void {
  const { cli, path } = workspace
  const person = cli(
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
  const offline = cli(
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
