import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'
import { windows1250 } from '../support/windows-1250'

// Importuj firmy z CSV and the list's CSV export, in headless Chromium through the bridge.

const officeCsv = windows1250(
  [
    'Nazwa;NIP;Środowisko',
    'Biuro Łąka Sp. z o.o.;526-587-76-35;test',
    'Zła suma;5265877636;test',
    'Piekarnia Żółw;7740001454;prod',
    'Powtórzona;5265877635;Testowe',
  ].join('\r\n'),
)

describe('Importuj firmy z CSV, in the browser', () => {
  let app: E2eApp
  let page: Page

  beforeAll(async () => {
    app = await openApp()
    page = app.page
  })

  afterAll(() => app?.close())

  const openImport = async () => {
    await page.getByTestId('company-list-more').click()
    await page.getByTestId('import-companies').click()
  }
  const pick = (name: string, buffer: Buffer) =>
    page.getByTestId('company-import-file').setInputFiles({ name, mimeType: 'text/csv', buffer })

  it('says what is wrong with a file that has no header, and stores nothing', async () => {
    await openImport()
    await pick('bez-naglowka.csv', Buffer.from('Firma;5265877635;test\n'))
    await expect
      .poll(() => page.getByTestId('company-import-preview-error-title').textContent())
      .toBe(
        'Pierwszy wiersz nie nazywa kolumn: potrzebne są nazwa, nip (lub identyfikator) i środowisko.',
      )
    expect(await page.getByTestId('company-import-submit').isDisabled()).toBe(true)
    await page.getByRole('button', { name: 'Anuluj' }).click()
    expect(app.server.ctx.companies.list()).toEqual([])
  })

  it('previews every row of a Windows-1250 file with its verdict, then adds the good rows', async () => {
    await openImport()
    await pick('firmy.csv', officeCsv)
    await expect
      .poll(() => page.getByTestId('company-import-summary').textContent())
      .toBe(
        'Wczytano 4 wiersze (kodowanie: Windows-1250 (Excel), separator: ;). Do dodania: 2, pominięte: 2.',
      )
    const rows = page.getByTestId('company-import-row')
    expect(await rows.allTextContents()).toEqual([
      '2Biuro Łąka Sp. z o.o.526-587-76-35testDo dodania',
      '3Zła suma5265877636testBłędna cyfra kontrolna NIP (literówka)',
      '4Piekarnia Żółw7740001454prodDo dodania',
      '5Powtórzona5265877635TestoweTa sama firma co w wierszu 2',
    ])
    await page.getByText('Pokaż tylko pominięte').click()
    await expect.poll(() => rows.count()).toBe(2)
    await screenshot(page, 'company-import-preview-pl')
    expect(app.server.ctx.companies.list()).toEqual([])

    expect(await page.getByTestId('company-import-submit').textContent()).toBe('Dodaj 2 firmy')
    await page.getByTestId('company-import-submit').click()
    await expect.poll(() => page.getByTestId('company-item').count()).toBe(2)
    expect(app.server.ctx.companies.list().map((c) => [c.name, c.environment])).toEqual([
      ['Biuro Łąka Sp. z o.o.', 'Test'],
      ['Piekarnia Żółw', 'Production'],
    ])
  })

  it('exports the list as a CSV file the import reads back', async () => {
    const download = page.waitForEvent('download')
    await page.getByTestId('company-list-more').click()
    await page.getByTestId('export-companies').click()
    const file = await download
    expect(file.suggestedFilename()).toBe('firmy-ksef.csv')
    const path = await file.path()
    expect((await readFile(path)).toString('utf8')).toBe(
      '\ufeffnazwa;nip;środowisko\r\nBiuro Łąka Sp. z o.o.;5265877635;test\r\nPiekarnia Żółw;7740001454;prod\r\n',
    )
  })
})
