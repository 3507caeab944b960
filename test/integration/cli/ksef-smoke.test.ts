// The certificate and token commands as a user runs them: each ksef-desk command a process of its
// own (tsx, the real stdout, stderr, files and exit status) against the simulator in a process of
// its own. The commands' every path is in ksef-certificates/ksef-tokens.test.ts (run in-process);
// this proves the binary does the same, and that its files are written with their modes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { filesContaining } from '../../support/temp-folder'
import { mustRun } from '../../support/tools'
import {
  dataFolderCli,
  passphrase,
  startSimulatorProcess,
  type DataFolderCli,
  type SimulatorProcess,
} from './simulator-process'
import { expectError } from './workspace'

const nip = '2222222311'
const exportPassword = 'Eksport-Haslo-2026'
let sim: SimulatorProcess
let folder: DataFolderCli

beforeAll(async () => {
  sim = await startSimulatorProcess(['--status-delay', '0', '--limits', 'off'])
  folder = dataFolderCli(sim.url)
})
afterAll(async () => {
  expect(await sim.stop()).not.toMatch(/contract violation/)
  folder.remove()
})

describe('ksef-desk certificates and tokens, each command a process', () => {
  // Nine processes, each starting tsx and opening the sealed folder (scrypt): slow on a busy machine.
  it('enroll → export (.key 0600, opened by openssl) → tokens generate --token-out (0600) → tokens check', async () => {
    const { cli, path } = folder
    expect(
      (await cli(['companies', 'add', '--nip', nip, '--name', 'Spółka Dymna', '--env', 'test']))
        .status,
    ).toBe(0)
    expect((await cli(['certificates', 'test', '--company', nip, '--default'])).status).toBe(0)
    expect((await cli(['login', '--company', nip, '--method', 'certificate'])).status).toBe(0)

    const enroll = await cli([
      'certificates',
      'enroll',
      '--company',
      nip,
      '--name',
      'Certyfikat procesu',
      '--type',
      'authentication',
    ])
    expect(enroll.status).toBe(0)
    expect(enroll.stderr).toContain('enroll: sending the request to KSeF\n')
    const serial = /^Certificate ([0-9A-F]+) issued by KSeF/.exec(enroll.stdout)?.[1] ?? ''
    expect(serial).not.toBe('')

    writeFileSync(path('password.txt'), `${exportPassword}\n`)
    const exported = await cli([
      'certificates',
      'export',
      '--company',
      nip,
      '--serial',
      serial,
      '--out',
      'eksport',
      '--password-file',
      'password.txt',
    ])
    expect(exported.status).toBe(0)
    const stem = `Certyfikat_procesu_${serial}`
    expect(readdirSync(path('eksport')).sort()).toEqual([`${stem}.crt`, `${stem}.key`])
    expect(statSync(path(`eksport/${stem}.key`)).mode & 0o777).toBe(0o600)
    expect(
      mustRun('openssl', [
        'pkey',
        '-in',
        path(`eksport/${stem}.key`),
        '-passin',
        `pass:${exportPassword}`,
        '-pubout',
      ]),
    ).toBe(mustRun('openssl', ['x509', '-in', path(`eksport/${stem}.crt`), '-noout', '-pubkey']))

    const generated = await cli([
      'tokens',
      'generate',
      '--company',
      nip,
      '--permissions',
      'invoice-read,invoice-write',
      '--description',
      'Token z procesu',
      '--default',
      '--token-out',
      'token.txt',
    ])
    expect(generated.status).toBe(0)
    const token = readFileSync(path('token.txt'), 'utf8').trim()
    expect(token).toMatch(new RegExp(`^\\S+\\|nip-${nip}\\|\\S+$`))
    expect(statSync(path('token.txt')).mode & 0o777).toBe(0o600)
    expectError(
      await cli([
        'tokens',
        'generate',
        '--company',
        nip,
        '--permissions',
        'invoice-read',
        '--description',
        'Token z procesu',
        '--token-out',
        'token.txt',
      ]),
      'FILE_EXISTS',
    )

    const check = await cli(['tokens', 'check', '--company', nip])
    expect(check.status).toBe(0)
    expect(check.stdout).toMatch(/ logs in: KSeF opened a session with it and it was closed again/)

    for (const secret of [passphrase, exportPassword, token, token.split('|')[2] ?? token]) {
      for (const run of folder.runs) expect(run.stdout + run.stderr).not.toContain(secret)
      expect(filesContaining(folder.dataDir, secret)).toEqual([])
    }
  }, 240_000)
})
