import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settingsFilePath } from '../../electron/vault/conf-settings-store'
import { companySecretPrefix } from '../../electron/vault/secret-store'
import type { Environment } from '../../shared/domain/environment'
import type { RunningAppServer } from '../bridge/app-server'
import { addCompany as addCompanyIn, openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

// The company list, whole, in headless Chromium: renderer → bridge → dispatch → handlers → files.

describe('companies, in the browser', () => {
  let app: E2eApp
  let server: RunningAppServer
  let page: Page

  beforeAll(async () => {
    app = await openApp()
    server = app.server
    page = app.page
  })

  afterAll(() => app?.close())

  const items = () => page.getByTestId('company-item')
  const addCompany = (name: string, identifier: string, environment?: Environment) =>
    addCompanyIn(page, name, identifier, environment)

  it('starts empty, in Polish', async () => {
    await expect
      .poll(() => page.getByTestId('companies-empty').textContent())
      .toBe('Nie ma jeszcze żadnej firmy. Dodaj pierwszą, aby zacząć.')
    // Right under the search field, not at the foot of the panel.
    const search = await page.getByTestId('company-search').boundingBox()
    const empty = await page.getByTestId('companies-empty').boundingBox()
    expect((empty?.y ?? 0) - ((search?.y ?? 0) + (search?.height ?? 0))).toBeLessThan(60)
    expect(await page.getByTestId('add-company').textContent()).toBe('Dodaj firmę')
  })

  it('adds a company from the form; it is listed, selected, and survives a reload', async () => {
    await addCompany('Biuro Rachunkowe Kowalski Sp. z o.o.', '526-587-76-35')
    await expect.poll(() => items().count()).toBe(1)
    expect(await page.getByTestId('company-title').textContent()).toBe(
      'Biuro Rachunkowe Kowalski Sp. z o.o.',
    )
    expect(await page.getByTestId('company-identifier-label').textContent()).toBe(
      'NIP: 5265877635 · Środowisko KSeF: Testowe',
    )

    await page.reload()
    await expect.poll(() => items().count()).toBe(1)
    expect(await items().first().textContent()).toContain('Biuro Rachunkowe Kowalski Sp. z o.o.')
    expect(server.ctx.companies.list()).toMatchObject([
      {
        name: 'Biuro Rachunkowe Kowalski Sp. z o.o.',
        identifier: { type: 'Nip', value: '5265877635' },
        environment: 'Test',
      },
    ])
  })

  it('shows a precise Polish message for an invalid NIP and stores nothing', async () => {
    // Settings reach the disk in a window after a change: what is on the disk is compared after
    // a flush, before and after.
    await server.ctx.flushSettings()
    const before = readFileSync(settingsFilePath(app.dataFolder), 'utf8')
    await addCompany('Firma z literówką', '5265877636')
    const field = page.getByTestId('company-form').locator('.MuiFormHelperText-root.Mui-error')
    await expect
      .poll(() => field.textContent())
      .toBe('Nieprawidłowy NIP: cyfra kontrolna się nie zgadza. Sprawdź, czy nie ma literówki.')

    await page.getByTestId('company-identifier').fill('52658776')
    await expect.poll(() => field.textContent()).toBe('NIP musi mieć dokładnie 10 cyfr.')
    await page.getByTestId('company-identifier').fill('52658A7635')
    await expect
      .poll(() => field.textContent())
      .toBe('NIP może zawierać tylko cyfry (dozwolone są też myślniki i spacje).')
    await screenshot(page, 'companies-invalid-nip-pl')

    await page.getByRole('button', { name: 'Anuluj' }).click()
    expect(await items().count()).toBe(1)
    expect(server.ctx.companies.list()).toHaveLength(1)
    await server.ctx.flushSettings()
    expect(readFileSync(settingsFilePath(app.dataFolder), 'utf8')).toBe(before)
  })

  it('refuses the same NIP twice in one environment, with the reason from main', async () => {
    await addCompany('Kowalski drugi raz', '5265877635')
    await expect
      .poll(() =>
        page.getByTestId('company-form').locator('.MuiFormHelperText-root.Mui-error').textContent(),
      )
      .toBe(
        'Ten identyfikator jest już na liście w tym środowisku jako „Biuro Rachunkowe Kowalski Sp. z o.o.”.',
      )
    await page.getByRole('button', { name: 'Anuluj' }).click()
    expect(server.ctx.companies.list()).toHaveLength(1)
  })

  it('marks a production company visibly', async () => {
    await addCompany('Zakład Produkcyjny Nowak', '7740001454', 'Production')
    await expect.poll(() => items().count()).toBe(2)
    expect(
      await page
        .getByTestId('company-header')
        .locator('[data-environment="Production"]')
        .textContent(),
    ).toBe('PRODUKCJA')
    expect(await page.getByTestId('company-header').textContent()).toContain(
      'Środowisko produkcyjne: operacje dotyczą prawdziwych danych firmy w KSeF.',
    )
    await screenshot(page, 'main-screen-pl')
  })

  it('filters the list by name and by NIP', async () => {
    const search = page.getByTestId('company-search')
    await search.fill('nowak')
    await expect
      .poll(() => items().allTextContents())
      .toEqual([expect.stringContaining('Zakład Produkcyjny Nowak')])
    await search.fill('526587')
    await expect
      .poll(() => items().allTextContents())
      .toEqual([expect.stringContaining('Biuro Rachunkowe Kowalski')])
    await search.fill('nikt taki')
    await expect.poll(() => items().count()).toBe(0)
    expect(await page.getByTestId('companies-no-match').textContent()).toBe(
      'Żadna firma nie pasuje do „nikt taki”.',
    )
    await search.fill('')
    await expect.poll(() => items().count()).toBe(2)
  })

  it('switches to English, keeps it after a reload, and back to Polish', async () => {
    await page.getByTestId('language-en').click()
    await expect.poll(() => page.getByTestId('add-company').textContent()).toBe('Add company')
    expect(await page.getByTestId('tab-general').textContent()).toBe('General')

    await page.reload()
    await expect.poll(() => page.getByTestId('add-company').textContent()).toBe('Add company')
    expect(server.ctx.preferences.get()).toEqual({ language: 'en', tokensAfter2026: false })
    await items().filter({ hasText: 'Nowak' }).click()
    await screenshot(page, 'main-screen-en')

    await page.getByTestId('language-pl').click()
    await expect.poll(() => page.getByTestId('add-company').textContent()).toBe('Dodaj firmę')
    expect(await page.getByTestId('tab-general').textContent()).toBe('Ogólne')
    expect(server.ctx.preferences.get()).toEqual({ language: 'pl', tokensAfter2026: false })
  })

  it('opens the Certyfikaty and Tokeny tabs of the selected company, empty', async () => {
    await page.getByTestId('tab-certificates').click()
    expect(await page.getByTestId('certificates-empty').textContent()).toBe(
      'Brak certyfikatów. Wczytaj certyfikat KSeF z pliku.',
    )
    await page.getByTestId('tab-tokens').click()
    expect(await page.getByTestId('tokens-empty').textContent()).toBe('Brak tokenów.')
    expect(await page.getByTestId('token-sunset').textContent()).toContain('31 grudnia 2026')
    await page.getByTestId('tab-general').click()
  })

  it('asks before removing, and removes the company with its secrets', async () => {
    const nowak = server.ctx.companies.list().find((company) => company.name.includes('Nowak'))
    if (!nowak) throw new Error('Nowak is missing')
    await server.ctx.secrets.set(`${companySecretPrefix(nowak.id)}token/1`, 'nowak-token')

    await items().filter({ hasText: 'Nowak' }).click()
    await page.getByTestId('company-remove').click()
    const dialog = page.getByTestId('confirm-dialog')
    expect(await dialog.getByRole('heading').textContent()).toBe(
      'Usunąć firmę „Zakład Produkcyjny Nowak”?',
    )
    await screenshot(page, 'remove-company-pl')
    await page.getByTestId('confirm-cancel').click()
    expect(await items().count()).toBe(2)
    expect(await server.ctx.secrets.get(`${companySecretPrefix(nowak.id)}token/1`)).toBe(
      'nowak-token',
    )

    await page.getByTestId('company-remove').click()
    await page.getByTestId('confirm-ok').click()
    await expect.poll(() => items().count()).toBe(1)
    expect(await page.getByTestId('select-prompt').textContent()).toBe(
      'Wybierz firmę z listy po lewej.',
    )
    expect(server.ctx.companies.list().map((company) => company.name)).toEqual([
      'Biuro Rachunkowe Kowalski Sp. z o.o.',
    ])
    expect(await server.ctx.secrets.get(`${companySecretPrefix(nowak.id)}token/1`)).toBeUndefined()
  })

  it('shows a right-to-left override in a name as an escape, so the name cannot pass for another', async () => {
    await addCompany('Firma \u202Eanilo\u202C Sp. z o.o.', '7740001454')
    const shown = 'Firma \\u{202e}anilo\\u{202c} Sp. z o.o.'
    await expect.poll(() => page.getByTestId('company-title').textContent()).toBe(shown)
    const item = items().filter({ hasText: 'anilo' })
    expect(await item.locator('.MuiListItemText-primary').textContent()).toBe(shown)
    expect(await item.locator('.MuiListItemText-primary').getAttribute('title')).toBe(shown)
    expect(server.ctx.companies.list().map((company) => company.name)).toContain(
      'Firma \u202Eanilo\u202C Sp. z o.o.',
    )
  })

  it('the page itself never failed', () => {
    expect(app.pageErrors).toEqual([])
  })
})
