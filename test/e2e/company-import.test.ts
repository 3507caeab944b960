import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nthNip } from '../support/company-seed'
import { seedDataFolder } from '../support/data-folder-seed'
import { tempFolder } from '../support/temp-folder'
import { windows1250 } from '../support/windows-1250'
import { openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

// Importuj firmy z CSV and the list's CSV export, in headless Chromium through the bridge, over
// the data folder of an office of 2,000 clients.

const office = 2_000
const csvEnvironment = { Test: 'test', Demo: 'demo', Production: 'prod' } as const

/** 300 rows as Excel on a Polish Windows saves them, five of them bad, each in its own way. */
function officeCsv(): Buffer {
  const rows = Array.from(
    { length: 295 },
    (_, i) => `Nowy klient ${i + 1} Spółka;${nthNip(office + i)};prod`,
  )
  rows.splice(10, 0, 'Zła suma;5265877636;prod')
  rows.splice(50, 0, `;${nthNip(office + 400)};test`)
  rows.splice(100, 0, `Złe środowisko;${nthNip(office + 401)};staging`)
  rows.splice(150, 0, `Powtórzona;${nthNip(office)};PROD`)
  // The office's first client, in the app already (Test).
  rows.splice(200, 0, `Już jest;${nthNip(0)};test`)
  return windows1250(['Nazwa;NIP;Środowisko', ...rows].join('\r\n'))
}

describe('Importuj firmy z CSV, in the browser, in an office of 2,000 clients', () => {
  let app: E2eApp
  let page: Page
  let folder: { path: string; remove: () => void }

  beforeAll(async () => {
    folder = tempFolder('ksef-desk-e2e-office-')
    seedDataFolder(folder.path, { companies: office })
    app = await openApp({ dataFolder: folder.path })
    page = app.page
  })

  afterAll(async () => {
    await app?.close()
    folder?.remove()
  })

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
    expect(app.server.ctx.companies.list()).toHaveLength(office)
  })

  it('previews 300 Windows-1250 rows with each verdict, then adds the 295 good ones', async () => {
    await openImport()
    await pick('firmy.csv', officeCsv())
    await expect
      .poll(() => page.getByTestId('company-import-summary').textContent())
      .toBe(
        'Wczytano 300 wierszy (kodowanie: Windows-1250 (Excel), separator: ;). Do dodania: 295, pominięte: 5.',
      )
    const rows = page.getByTestId('company-import-row')
    await page.getByText('Pokaż tylko pominięte').click()
    await expect.poll(() => rows.count()).toBe(5)
    expect(await rows.allTextContents()).toEqual([
      '12Zła suma5265877636prodBłędna cyfra kontrolna NIP (literówka)',
      `52${nthNip(office + 400)}testBrak nazwy`,
      `102Złe środowisko${nthNip(office + 401)}stagingNieznane środowisko „staging” (test, demo lub prod)`,
      `152Powtórzona${nthNip(office)}PRODTa sama firma co w wierszu 2`,
      `202Już jest${nthNip(0)}testJuż jest na liście jako „Klient 1 Spółka z o.o.”`,
    ])
    await screenshot(page, 'company-import-preview-pl')
    expect(app.server.ctx.companies.list()).toHaveLength(office)

    expect(await page.getByTestId('company-import-submit').textContent()).toBe('Dodaj 295 firm')
    await page.getByTestId('company-import-submit').click()
    await expect.poll(() => page.getByTestId('company-import-file').count()).toBe(0)
    const companies = app.server.ctx.companies.list()
    expect(companies).toHaveLength(office + 295)
    expect(companies.slice(office).map((c) => [c.name, c.environment])).toEqual(
      Array.from({ length: 295 }, (_, i) => [`Nowy klient ${i + 1} Spółka`, 'Production']),
    )
    await page.getByTestId('company-search').fill('Nowy klient 295 ')
    await expect
      .poll(() => page.getByTestId('company-item').allTextContents())
      .toEqual([expect.stringContaining('Nowy klient 295 Spółka') as string])
    await page.getByTestId('company-search').fill('')
  })

  it('exports the whole list as a CSV file the import reads back', async () => {
    const download = page.waitForEvent('download')
    await page.getByTestId('company-list-more').click()
    await page.getByTestId('export-companies').click()
    const file = await download
    expect(file.suggestedFilename()).toBe('firmy-ksef.csv')
    const lines = app.server.ctx.companies
      .list()
      .map((c) => `${c.name};${c.identifier.value};${csvEnvironment[c.environment]}\r\n`)
    expect((await readFile(await file.path())).toString('utf8')).toBe(
      `\ufeffnazwa;nip;środowisko\r\n${lines.join('')}`,
    )
  })
})
