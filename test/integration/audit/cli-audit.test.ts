// ksef-desk audit over a data folder: the CLI's actions go through the app's dispatch, so they are
// in the log; --verify finds a line edited on the disk and exits 1.
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AuditListing } from '../../../shared/domain/audit'
import { expectRefusal, inProcessCli, type InProcessCli } from '../cli/in-process'

// No command here reaches KSeF: an address nothing listens on.
const noKsef = 'http://127.0.0.1:9'
const clock = { now: () => Date.parse('2026-11-21T09:00:00.000Z') }
const nip = '5265877635'
const tokenSecret = '919f704466624ce29cd5ac7b65ded5e7cccc112eee314f2aaa76e02cd16df7b9'
const token = `20251010-EC-1DCE3E3000-12ECB5B36E-45|nip-${nip}|${tokenSecret}`

const folders: InProcessCli[] = []
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()))

describe('ksef-desk audit', () => {
  it('lists what the CLI did, verifies the chain, and names a line edited on the disk', async () => {
    const folder = inProcessCli(noKsef, clock)
    folders.push(folder)
    const { cli, dataDir } = folder
    const add = ['companies', 'add', '--nip', nip, '--name', 'Spółka Testowa', '--env', 'test']
    expect((await cli(add)).status).toBe(0)
    expect((await cli(['tokens', 'add', '--company', nip, '--token', token])).status).toBe(0)

    const listed = await cli(['audit', '--company', '526-587-76-35'])
    expect(listed).toMatchObject({ status: 0, stderr: '' })
    const user = (
      JSON.parse(readFileSync(join(dataDir, 'audit.jsonl'), 'utf8').split('\n')[0] ?? '') as {
        osUser: string
      }
    ).osUser
    expect(listed.stdout.split('\n').map((line) => line.trimEnd())).toEqual([
      expect.stringMatching(
        /^Wiersz +Czas +Zdarzenie +Wynik +Identyfikator +Użytkownik +Kod błędu +Kod KSeF +Uwagi +Firma$/,
      ),
      expect.stringMatching(
        new RegExp(
          `^2 +2026-11-21 09:00:00 UTC +token\\.add +udane +${nip} +${user} +— +— +— +Spółka Testowa$`,
        ),
      ),
      expect.stringMatching(/^1 +2026-11-21 09:00:00 UTC +company\.add +udane +5265877635 /),
      '',
      '2 entries.',
      '',
    ])
    const json = await cli(['audit', '--action', 'token.add', '--json'])
    expect((JSON.parse(json.stdout) as AuditListing).entries.map((row) => row.line)).toEqual([2])

    expect(await cli(['audit', '--verify'])).toEqual({
      status: 0,
      stderr: '',
      stdout: 'The audit log is whole: 2 lines, sealed.\n',
    })
    const file = join(dataDir, 'audit.jsonl')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).not.toContain(tokenSecret)
    const whole = readFileSync(file, 'utf8')
    writeFileSync(file, whole.replace('"token.add"', '"token.remove"'))
    expectRefusal(
      await cli(['audit', '--verify']),
      'AUDIT_LINE_EDITED',
      'Line 2 of the audit log was changed after it was written: its contents no longer match its hash.',
    )
    // A line removed: the first, so the next no longer follows; or the last, cut off.
    const [first, second] = whole.split('\n')
    writeFileSync(file, `${second ?? ''}\n`)
    expectRefusal(
      await cli(['audit', '--verify']),
      'AUDIT_LINE_MISSING',
      'Line 1 of the audit log does not follow the line before it: a line was removed or moved.',
    )
    writeFileSync(file, `${first ?? ''}\n`)
    expectRefusal(
      await cli(['audit', '--verify']),
      'AUDIT_TRUNCATED',
      "The audit log ends at line 1; the vault's seal says it held 2 lines.",
    )
    writeFileSync(file, whole)
    expect((await cli(['audit', '--verify'])).status).toBe(0)
  })

  it('refuses options it cannot read, before the data folder opens', async () => {
    const folder = inProcessCli(noKsef, clock)
    folders.push(folder)
    expectRefusal(
      await folder.cli(['audit', '--since', 'yesterday']),
      'CLI_USAGE',
      '--since must be a date or time (ISO 8601, e.g. 2026-12-01), not "yesterday".',
      2,
    )
    expectRefusal(
      await folder.cli(['audit', '--verify', '--company', nip]),
      'CLI_USAGE',
      '--verify checks the whole log: drop --company.',
      2,
    )
    expectRefusal(
      await folder.cli(['audit', '--result', 'maybe']),
      'CLI_USAGE',
      '--result must be ok or failed or cancelled, not "maybe".',
      2,
    )
  })
})
