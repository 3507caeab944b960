import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seededCompanies } from '../support/company-seed'
import { seedDataFolder } from '../support/data-folder-seed'
import { tempFolder } from '../support/temp-folder'
import { openApp, type E2eApp } from './support/app'

// The company list of an office of 2,000 companies, seeded as files, in one page load: only a
// window of rows is in the page, search reaches the far end, the badges say what they mean.

describe('the company list at 2,000 companies, in the browser', () => {
  const folder = tempFolder('ksef-desk-e2e-office-')
  const companies = seededCompanies(2000)
  let app: E2eApp
  let page: Page

  beforeAll(async () => {
    seedDataFolder(folder.path, { companies: 2000, at: new Date().toISOString() })
    app = await openApp({ dataFolder: folder.path })
    page = app.page
  })

  afterAll(async () => {
    await app?.close()
    folder.remove()
  })

  const items = () => page.getByTestId('company-item')

  it('lists 2,000 companies with only a window of rows in the page', async () => {
    await expect.poll(() => page.getByTestId('companies-count').textContent()).toBe('2000 firm')
    const rows = await items().count()
    expect(rows).toBeGreaterThan(5)
    expect(rows).toBeLessThan(40)
  })

  it('search finds a company far down the list, by name and by NIP', async () => {
    const search = page.getByTestId('company-search')
    await search.fill('Klient 1999 ')
    await expect
      .poll(() => items().allTextContents())
      .toEqual([expect.stringContaining('Klient 1999 Spółka z o.o.')])
    const far = companies[1996]
    if (!far) throw new Error('seed too small')
    await search.fill(far.identifier.value)
    await expect.poll(() => items().allTextContents()).toEqual([expect.stringContaining(far.name)])
    await search.fill('')
    await expect.poll(() => page.getByTestId('companies-count').textContent()).toBe('2000 firm')
  })

  it('badges say in words what their icons mean; a NIP never breaks; a cut name has its title', async () => {
    // Company 0 (sorted first): logged in, a token whose check failed; the seed's rules.
    const first = items().filter({ hasText: 'Klient 1 Spółka z o.o.' })
    expect(await first.getByTestId('badge-logged-in').textContent()).toBe('Zalogowano')
    expect(await first.getByTestId('badge-token-check').textContent()).toBe('Token nie loguje')
    expect(await first.getByTestId('badge-token-check').getAttribute('title')).toMatch(
      /^Sprawdź token: domyślny token nie loguje \(KSeF 415, sprawdzono .+\)$/,
    )
    const identifier = first.getByTestId('company-item-identifier')
    expect(await identifier.textContent()).toBe(`NIP ${companies[0]?.identifier.value}`)
    // One line of body2 is 20 px (14 px × 1.43): a NIP broken in two would be 40.
    expect((await identifier.boundingBox())?.height).toBeLessThan(30)
    expect(await first.locator('.MuiListItemText-primary').getAttribute('title')).toBe(
      'Klient 1 Spółka z o.o.',
    )
  })

  it('a failed last login says so, with its KSeF status', async () => {
    // Company 15 ("Klient 16"): its last login ended with KSeF status 450.
    const failed = companies[15]
    if (!failed) throw new Error('seed too small')
    await page.getByTestId('company-search').fill(failed.identifier.value)
    await expect
      .poll(() => items().getByTestId('badge-failed').allTextContents())
      .toEqual(['Logowanie: błąd 450'])
    expect(await items().getByTestId('badge-failed').getAttribute('title')).toBe(
      'Ostatnie logowanie nie powiodło się (status KSeF 450)',
    )
    await page.getByTestId('company-search').fill('')
    await expect.poll(() => page.getByTestId('companies-count').textContent()).toBe('2000 firm')
  })

  it('End and Home move the focus to the last and first company, scrolling them into view', async () => {
    await items().first().focus()
    await page.keyboard.press('End')
    await expect
      .poll(() => page.evaluate('document.activeElement?.textContent ?? ""'))
      .toContain('Klient 999 Spółka z o.o.')
    await page.keyboard.press('ArrowUp')
    await expect
      .poll(() => page.evaluate('document.activeElement?.textContent ?? ""'))
      .toContain('Klient 998 Spółka z o.o.')
    await page.keyboard.press('Home')
    await expect
      .poll(() => page.evaluate('document.activeElement?.textContent ?? ""'))
      .toContain('Klient 1 Spółka z o.o.')
  })

  it('the page itself never failed', () => {
    expect(app.pageErrors).toEqual([])
  })
})
