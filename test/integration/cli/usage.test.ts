// ksef-desk help and usage errors: what a user sees before any work is done.
import { afterAll, describe, expect, it } from 'vitest'
import { challenge, cliWorkspace, expectError } from './workspace'

const workspace = cliWorkspace()
const { cli } = workspace

afterAll(() => workspace.remove())

describe('ksef-desk', () => {
  it('lists its commands, and fails without one', () => {
    const help = cli('--help')
    expect(help.status).toBe(0)
    for (const command of [
      'inspect',
      'auth-request',
      'sign',
      'encrypt-token',
      'csr',
      'test-cert',
      'qr invoice',
      'qr certificate',
    ]) {
      expect(help.stdout).toContain(`  ${command} `)
    }
    expect(cli().status).toBe(2)
    expect(cli('sign', '--help').stdout).toMatch(
      /^Usage: ksef-desk sign FILE\.xml \(--cert FILE --key FILE \| --p12 FILE\)/m,
    )
  })

  it('refuses wrong usage with exit status 2', () => {
    expectError(cli('frobnicate'), 'CLI_USAGE', 2)
    expectError(cli('qr'), 'CLI_USAGE', 2)
    expectError(cli('inspect', 'person.crt', '--frobnicate'), 'CLI_USAGE', 2)
    expectError(cli('inspect'), 'CLI_USAGE', 2)
    expectError(
      cli(
        'auth-request',
        '--nip',
        '5265877635',
        '--internal-id',
        '5265877635-00001',
        '--challenge',
        challenge,
      ),
      'CLI_USAGE',
      2,
    )
    expectError(
      cli(
        'qr',
        'invoice',
        '--nip',
        '5265877635',
        '--date',
        '2026-02-01',
        '--file',
        'invoice.xml',
        '--env',
        'staging',
      ),
      'CLI_USAGE',
      2,
    )
  })
})
