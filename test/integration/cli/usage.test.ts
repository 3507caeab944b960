// ksef-desk help and usage errors: what a user sees before any work is done.
import { afterAll, describe, expect, it } from 'vitest'
import { challenge, cliWorkspace, expectError } from './workspace'

const workspace = cliWorkspace()
const { cli } = workspace

afterAll(() => workspace.remove())

describe('ksef-desk', () => {
  it('lists its commands, and fails without one', async () => {
    const help = await cli('--help')
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
      'companies add',
      'companies list',
      'certificates import',
      'certificates test',
      'certificates list',
      'certificates enroll',
      'certificates status',
      'certificates retrieve',
      'certificates limits',
      'certificates ksef',
      'certificates revoke',
      'certificates export',
      'certificates offline-check',
      'public-keys',
      'tokens add',
      'tokens list',
      'tokens generate',
      'tokens ksef',
      'tokens revoke',
      'tokens check',
      'settings set',
      'login',
      'sessions',
      'logout',
    ]) {
      expect(help.stdout).toContain(`  ${command} `)
    }
    expect(help.stdout).toContain('KSEF_DESK_PASSPHRASE')
    expect((await cli()).status).toBe(2)
    const login = await cli('login', '--help')
    expect(login.status).toBe(0)
    expect(login.stdout).toMatch(
      /^Usage: ksef-desk login --company N \[--env test\|demo\|prod\] --method token\|certificate /m,
    )
    for (const text of ['--request-out', '--signed', 'KSEF_DESK_DATA_DIR', 'KSEF_DESK_API_URL'])
      expect(login.stdout).toContain(text)
    expect((await cli('sign', '--help')).stdout).toMatch(
      /^Usage: ksef-desk sign FILE\.xml \(--cert FILE --key FILE \| --p12 FILE\)/m,
    )
  })

  it('refuses wrong usage with exit status 2', async () => {
    expectError(await cli('frobnicate'), 'CLI_USAGE', 2)
    expectError(await cli('qr'), 'CLI_USAGE', 2)
    expectError(await cli('inspect', 'person.crt', '--frobnicate'), 'CLI_USAGE', 2)
    expectError(await cli('inspect'), 'CLI_USAGE', 2)
    expectError(
      await cli(
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
      await cli(
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
