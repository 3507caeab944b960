// `settings set tokens-after-2026 on|off` with the clock driven across 1 January 2027: the CLI and
// the simulator share one fake clock (both in the test's process, the only way to move KSeF's time
// along with the app's), so generating tokens and logging in with them follow the date and the switch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Preferences } from '../../../shared/domain/preferences'
import type { TokenPolicy } from '../../../shared/domain/ksef-tokens'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { filesContaining } from '../../support/temp-folder'
import { expectNothingChanged, expectRefusal, inProcessCli, type InProcessCli } from './in-process'
import { parseJson } from './simulator-process'

const nip = '2222222305'
const TOKENS_ENDED =
  'KSeF tokens could be used until 31 December 2026: generating and logging in with them is off. Log in with a KSeF certificate; if the regulation was extended, turn tokens back on in the settings.'
let now = Date.parse('2026-12-31T22:30:00Z')
const clock = { now: () => now }
let sim: RunningSimulator
let folder: InProcessCli
const tokens: string[] = []

beforeAll(async () => {
  sim = await startSimulator({
    clock,
    limits: false,
    authStatusDelayMs: 0,
    enrollmentDelayMs: 0,
    tokenActivationDelayMs: 0,
    revocationDelayMs: 0,
  })
  folder = inProcessCli(sim.url, clock)
})
afterAll(async () => {
  expect(sim.contractViolations).toEqual([])
  for (const token of tokens) expect(filesContaining(folder.dataDir, token)).toEqual([])
  folder.remove()
  await sim.close()
})

const generate = (description: string) =>
  folder.cli([
    'tokens',
    'generate',
    '--company',
    nip,
    '--permissions',
    'invoice-read',
    '--description',
    description,
    '--default',
  ])

async function generated(description: string): Promise<void> {
  const run = await generate(description)
  expect(run.status).toBe(0)
  const token = run.stdout.trim()
  tokens.push(token, token.split('|')[2] ?? token)
}

const setting = (value: string) =>
  folder.cli(['settings', 'set', 'tokens-after-2026', value, '--json'])

describe('ksef-desk settings set tokens-after-2026', () => {
  it('tokens work until the date; from 1 January 2027 only with the setting on', async () => {
    const { cli } = folder
    expect(
      (
        await cli([
          'companies',
          'add',
          '--nip',
          nip,
          '--name',
          'Spółka Noworoczna',
          '--env',
          'test',
        ])
      ).status,
    ).toBe(0)
    expect((await cli(['certificates', 'test', '--company', nip, '--default'])).status).toBe(0)
    expect((await cli(['login', '--company', nip, '--method', 'certificate'])).status).toBe(0)

    const before = await cli(['settings', 'set', 'tokens-after-2026', 'off'])
    expect(before.stdout).toBe(
      'tokens-after-2026: off. KSeF tokens may be generated and used now, until 31 December 2026.\n',
    )
    await generated('Token sylwestrowy')

    now = Date.parse('2027-01-01T00:00:00Z')
    await expectNothingChanged(folder.dataDir, async () => {
      expectRefusal(await generate('Token noworoczny'), 'TOKENS_ENDED', TOKENS_ENDED)
    })
    expect((await cli(['logout', '--company', nip])).status).toBe(0)
    await expectNothingChanged(folder.dataDir, async () => {
      expectRefusal(
        await cli(['login', '--company', nip, '--method', 'token']),
        'TOKENS_ENDED',
        TOKENS_ENDED,
      )
    })

    const on = parseJson<{ preferences: Preferences; tokenPolicy: TokenPolicy }>(
      await setting('on'),
    )
    expect(on.preferences.tokensAfter2026).toBe(true)
    expect(on.tokenPolicy).toMatchObject({
      allowed: true,
      afterSunset: true,
      allowAfterSunset: true,
    })
    expect((await cli(['login', '--company', nip, '--method', 'token'])).status).toBe(0)
    expect((await cli(['logout', '--company', nip])).status).toBe(0)
    expect((await cli(['login', '--company', nip, '--method', 'certificate'])).status).toBe(0)
    await generated('Token po przedłużeniu')

    const off = await cli(['settings', 'set', 'tokens-after-2026', 'off'])
    expect(off.stdout).toBe(
      'tokens-after-2026: off. The 31 December 2026 end of tokens has passed: generating and logging in with tokens are off; log in with a certificate.\n',
    )
    expectRefusal(await generate('Token po wyłączeniu'), 'TOKENS_ENDED', TOKENS_ENDED)
  })

  it('refuses a setting it does not have and a value other than on or off (exit 2)', async () => {
    await expectNothingChanged(folder.dataDir, async () => {
      expectRefusal(
        await folder.cli(['settings', 'set', 'tokens-after-2027', 'on']),
        'CLI_USAGE',
        'There is no setting "tokens-after-2027"; the one there is: tokens-after-2026.',
        2,
      )
      expectRefusal(
        await folder.cli(['settings', 'set', 'tokens-after-2026', 'yes']),
        'CLI_USAGE',
        'tokens-after-2026 is on or off, not "yes".',
        2,
      )
      expectRefusal(
        await folder.cli(['settings', 'set', 'tokens-after-2026']),
        'CLI_USAGE',
        'Usage: ksef-desk settings set tokens-after-2026 on|off [--data-dir DIR] [--api-url URL]',
        2,
      )
    })
  })
})
