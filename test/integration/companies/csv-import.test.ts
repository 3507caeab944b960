import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { FolderFileSaver } from '../../../electron/files/folder-file-saver'
import { handlers } from '../../../electron/handlers'
import type { Company } from '../../../shared/domain/company'
import type {
  CompanyImportPreview,
  CompanyImportResult,
} from '../../../shared/domain/company-import'
import type { SavedFile } from '../../../shared/domain/ksef-certificates'
import { nthNip } from '../../support/company-seed'
import { memoryContext } from '../../support/memory-context'
import { tempFolder } from '../../support/temp-folder'
import { windows1250 } from '../../support/windows-1250'

const folders: { remove(): void }[] = []
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()))

async function app() {
  const out = tempFolder()
  folders.push(out)
  const harness = await memoryContext({ fileSaver: new FolderFileSaver(out.path) })
  const dispatch = createDispatch(handlers, harness.ctx)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
    return envelope.value as T
  }
  return { ...harness, dispatch, call, out: out.path }
}

const file = (bytes: Uint8Array, name = 'firmy.csv') => ({
  file: { name, base64: Buffer.from(bytes).toString('base64') },
})

/** 300 rows, five of them bad, each in its own way. */
function officeCsv(alreadyInApp: string): Buffer {
  const rows = Array.from({ length: 295 }, (_, i) => `Klient ${i + 1} Spółka;${nthNip(i)};prod`)
  rows.splice(10, 0, 'Zła suma;5265877636;prod')
  rows.splice(50, 0, ';5265877635;test')
  rows.splice(100, 0, 'Złe środowisko;5265877635;staging')
  rows.splice(150, 0, `Powtórzona;${nthNip(0)};PROD`)
  rows.splice(200, 0, `Już jest;${alreadyInApp};test`)
  return windows1250(['Nazwa;NIP;Środowisko', ...rows].join('\r\n'))
}

describe('Importuj firmy z CSV', () => {
  it('previews 300 Windows-1250 rows with exact verdicts, then stores the 295 good ones in one write', async () => {
    const { call, settings, events } = await app()
    const existing = await call<Company>('companies:add', {
      name: 'Już w aplikacji',
      identifier: { type: 'Nip', value: '7740001454' },
      environment: 'Test',
    })
    const csv = officeCsv('7740001454')

    const preview = await call<CompanyImportPreview>('companies:importPreview', file(csv))
    expect(preview.encoding).toBe('windows-1250')
    expect(preview.rows).toHaveLength(300)
    expect(
      preview.rows
        .filter((row) => row.verdict !== 'OK')
        .map(({ line, verdict }) => [line, verdict]),
    ).toEqual([
      [12, 'NIP_BAD_CHECKSUM'],
      [52, 'COMPANY_NAME_REQUIRED'],
      [102, 'CSV_ROW_BAD_ENVIRONMENT'],
      [152, 'CSV_ROW_DUPLICATE_IN_FILE'],
      [202, 'COMPANY_DUPLICATE'],
    ])
    expect(preview.rows[150]).toMatchObject({ duplicateOfLine: 2 })
    expect(preview.rows[200]).toMatchObject({ existingName: 'Już w aplikacji' })
    expect(await call<Company[]>('companies:list', undefined)).toEqual([existing])

    const write = vi.spyOn(settings, 'write')
    const changes = events.emitted.length
    const result = await call<CompanyImportResult>('companies:import', file(csv))
    expect(write).toHaveBeenCalledTimes(1)
    expect(result.added).toHaveLength(295)
    const stored = await call<Company[]>('companies:list', undefined)
    expect(stored).toHaveLength(296)
    expect(stored[1]).toMatchObject({
      name: 'Klient 1 Spółka',
      identifier: { type: 'Nip', value: nthNip(0) },
      environment: 'Production',
    })
    expect(events.emitted.slice(changes).map((e) => e.event)).toEqual(['companies:changed'])
  })

  it('stores nothing from a file with no good row, and says so', async () => {
    const { dispatch, call } = await app()
    const envelope = await dispatch(
      'companies:import',
      file(Buffer.from('nazwa;nip;środowisko\nZła;5265877636;test\n')),
    )
    expect(envelope).toMatchObject({ ok: false, error: { code: 'CSV_NOTHING_TO_IMPORT' } })
    expect(await call<Company[]>('companies:list', undefined)).toEqual([])
  })

  it.each([
    ['no header', Buffer.from('Firma;5265877635;test\n'), 'CSV_NO_HEADER'],
    [
      'a wrong separator',
      Buffer.from('nazwa|nip|środowisko\nA|5265877635|test\n'),
      'CSV_WRONG_SEPARATOR',
    ],
    [
      'a binary file',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'CSV_NOT_TEXT',
    ],
    ['10 MB', Buffer.alloc(10 * 1024 * 1024, 0x41), 'CSV_TOO_LARGE'],
  ])('refuses %s with its own code and stores nothing', async (_what, bytes, code) => {
    const { dispatch, call, settings } = await app()
    const write = vi.spyOn(settings, 'write')
    for (const channel of ['companies:importPreview', 'companies:import']) {
      expect(await dispatch(channel, file(bytes))).toMatchObject({ ok: false, error: { code } })
    }
    expect(write).not.toHaveBeenCalled()
    expect(await call<Company[]>('companies:list', undefined)).toEqual([])
  })

  it('exports the list as CSV the import reads back, and offers a template', async () => {
    const { call, out } = await app()
    await call('companies:add', {
      name: 'Eksport; "Cudzysłów" S.A.',
      identifier: { type: 'Nip', value: '5265877635' },
      environment: 'Demo',
    })
    const [saved] = await call<SavedFile[]>('companies:exportCsv', {})
    expect(saved).toMatchObject({ name: 'firmy-ksef.csv', saved: true })
    const exported = readFileSync(join(out, 'firmy-ksef.csv'))
    const roundTrip = await app()
    expect(
      (await roundTrip.call<CompanyImportPreview>('companies:importPreview', file(exported))).rows,
    ).toMatchObject([
      {
        verdict: 'OK',
        name: 'Eksport; "Cudzysłów" S.A.',
        identifier: '5265877635',
        environment: 'demo',
      },
    ])
    const [template] = await call<SavedFile[]>('companies:csvTemplate', undefined)
    expect(readFileSync(join(out, template?.name ?? '')).toString('utf8')).toBe(
      '\ufeffnazwa;nip;środowisko\r\nPrzykładowa Firma Sp. z o.o.;5265877635;test\r\n',
    )
  })
})
