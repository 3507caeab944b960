// ksef-desk companies import --csv / export --csv over a data folder.
import { readFileSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { inProcessCli, type InProcessCli } from './in-process'
import { expectError } from './workspace'

// No command here reaches KSeF: an address nothing listens on.
const noKsef = 'http://127.0.0.1:9'
const folders: InProcessCli[] = []
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()))

function cliFolder(): InProcessCli {
  const folder = inProcessCli(noKsef)
  folders.push(folder)
  return folder
}

const csv = [
  'nazwa;nip;środowisko',
  'Pierwsza Sp. z o.o.;526-587-76-35;test',
  'Zła suma;5265877636;test',
  'Druga S.A.;7740001454;prod',
].join('\n')

describe('ksef-desk companies import / export', () => {
  it('--dry-run prints every verdict and stores nothing; then the import adds the good rows', async () => {
    const { cli, path } = cliFolder()
    writeFileSync(path('firmy.csv'), csv)
    const dry = await cli(['companies', 'import', '--csv', path('firmy.csv'), '--dry-run'])
    expect(dry).toEqual({
      status: 0,
      stderr: '',
      stdout:
        '3 rows read (utf-8, separated by ";").\n' +
        'line 3: skipped, NIP_BAD_CHECKSUM: the NIP check digit does not match (a typo)\n' +
        '2 would be added (--dry-run: nothing was stored).\n',
    })
    expect((await cli(['companies', 'list'])).stdout).toMatch(/^No companies in /)

    const imported = await cli(['companies', 'import', '--csv', path('firmy.csv')])
    expect(imported.status).toBe(0)
    expect(imported.stdout).toMatch(/\n2 added\.\n$/)
    expect((await cli(['companies', 'list'])).stdout).toBe(
      'NIP  5265877635  test  Pierwsza Sp. z o.o.\nNIP  7740001454  prod  Druga S.A.\n',
    )

    const again = await cli(['companies', 'import', '--csv', path('firmy.csv')])
    expectError(again, 'CSV_NOTHING_TO_IMPORT')
  })

  it('exports what the import reads, and does not overwrite a file without --force', async () => {
    const source = cliFolder()
    writeFileSync(source.path('firmy.csv'), csv)
    await source.cli(['companies', 'import', '--csv', source.path('firmy.csv')])
    const exported = await source.cli(['companies', 'export', '--csv', source.path('out.csv')])
    expect(exported).toMatchObject({ status: 0, stderr: '' })
    expect(exported.stdout).toBe(`2 companies written to ${source.path('out.csv')}.\n`)
    expect(readFileSync(source.path('out.csv'), 'utf8')).toBe(
      '\ufeffnazwa;nip;środowisko\r\nPierwsza Sp. z o.o.;5265877635;test\r\nDruga S.A.;7740001454;prod\r\n',
    )
    expectError(
      await source.cli(['companies', 'export', '--csv', source.path('out.csv')]),
      'FILE_EXISTS',
    )
    expect(
      (await source.cli(['companies', 'export', '--csv', source.path('out.csv'), '--force']))
        .status,
    ).toBe(0)

    const target = cliFolder()
    const read = await target.cli(['companies', 'import', '--csv', source.path('out.csv')])
    expect(read.stdout).toBe('2 rows read (utf-8-bom, separated by ";").\n2 added.\n')
  })

  it('refuses a file with no header with its code, and the data folder stays empty', async () => {
    const { cli, path } = cliFolder()
    writeFileSync(path('bez-naglowka.csv'), 'Firma;5265877635;test\n')
    expectError(
      await cli(['companies', 'import', '--csv', path('bez-naglowka.csv')]),
      'CSV_NO_HEADER',
    )
    expect((await cli(['companies', 'list'])).stdout).toMatch(/^No companies in /)
  })
})
