// ksef-desk overview: the Pulpit's rows over a seeded data folder, at the seed's "now".
import { afterEach, describe, expect, it } from 'vitest'
import { dashboardSource, dashboardView } from '../../../electron/dashboard/dashboard-rows'
import { dashboardFilter } from '../../../shared/domain/dashboard'
import { seedDataFolder } from '../../support/data-folder-seed'
import { expectNothingChanged, expectRefusal, inProcessCli, type InProcessCli } from './in-process'

// No command here reaches KSeF: an address nothing listens on.
const noKsef = 'http://127.0.0.1:9'
const at = '2026-11-21T09:00:00.000Z'
const clock = { now: () => Date.parse(at) }
const folders: InProcessCli[] = []
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()))

function seeded(companies: number) {
  const folder = inProcessCli(noKsef, clock)
  folders.push(folder)
  const { document } = seedDataFolder(folder.dataDir, { companies, at })
  return { ...folder, view: dashboardView(dashboardSource(document), clock.now()) }
}

const header =
  'Identyfikator  Środowisko  Logowanie  Dni do końca  Koniec tokenów  Ostatnie logowanie    Wynik     Kod KSeF  Sesja do              Nazwa'

describe('ksef-desk overview', () => {
  it('prints a row per company under Polish headers; --filter keeps one tile of the Pulpit', async () => {
    const { cli } = seeded(12)
    const all = await cli(['overview'])
    expect(all).toMatchObject({ status: 0, stderr: '' })
    const lines = all.stdout.split('\n')
    expect(lines[0]).toBe(header)
    expect(lines.slice(-3)).toEqual(['', '12 companies.', ''])
    expect(lines).toHaveLength(12 + 4)

    expect(await cli(['overview', '--filter', 'failing'])).toEqual({
      status: 0,
      stderr: '',
      stdout:
        `${header}\n` +
        '1200000005     test        token      40            40              2026-11-21 09:00 UTC  nieudane  415       2026-11-27 09:00 UTC  Klient 1 Spółka z o.o.\n' +
        '1200000554     prod        brak       —             —               2026-11-20 09:00 UTC  nieudane  450       —                     Klient 6 Spółka z o.o.\n' +
        '\n' +
        '2 of 12 companies (--filter failing).\n',
    })
  })

  it('--json gives the rows of the filter, the same as the Pulpit computes from the same files', async () => {
    const { cli, view } = seeded(120)
    for (const [filter, tile] of [
      ['expiring=30', 'expiring30'],
      ['token-only', 'tokenOnly'],
      ['no-credential', 'noCredential'],
    ] as const) {
      const run = await cli(['overview', '--filter', filter, '--json'])
      expect(run.status).toBe(0)
      const output = JSON.parse(run.stdout) as typeof view & { filter: string }
      const expected = dashboardFilter(view.rows, tile)
      expect(expected.length).toBeGreaterThan(0)
      expect(output).toEqual({ ...view, filter, rows: expected })
      expect(output.tiles[tile]).toBe(expected.length)
    }
  })

  it('refuses a filter it does not know with the list of filters, and changes nothing', async () => {
    const { cli, dataDir } = seeded(3)
    await expectNothingChanged(dataDir, async () => {
      expectRefusal(
        await cli(['overview', '--filter', 'expiring=14']),
        'CLI_USAGE',
        '--filter must be one of expiring=60, expiring=30, expiring=7, failing, token-only, no-credential, production, not "expiring=14".',
        2,
      )
      expectRefusal(await cli(['overview', '--filter']), 'CLI_USAGE', undefined, 2)
    })
  })
})
