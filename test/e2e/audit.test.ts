import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditFileName } from '../../electron/audit/audit-file'
import { startSimulator, type RunningSimulator } from '../ksef-sim'
import { filesContaining, filesUnder } from '../support/temp-folder'
import { addCompany, openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

// Dziennik zdarzeń, whole: actions in the window go through dispatch into audit.jsonl; the view
// lists them with their results; Sprawdź spójność passes, then names a line edited on the disk.

const nip = '5265877635'
const tokenSecret = '919f704466624ce29cd5ac7b65ded5e7cccc112eee314f2aaa76e02cd16df7b9'
const token = `20251010-EC-1DCE3E3000-12ECB5B36E-45|nip-${nip}|${tokenSecret}`

describe('Dziennik zdarzeń, in the browser', () => {
  let sim: RunningSimulator
  let app: E2eApp
  let page: Page

  beforeAll(async () => {
    sim = await startSimulator({ authStatusDelayMs: 0 })
    app = await openApp({ ksefApiUrl: sim.url })
    page = app.page
  })
  afterAll(async () => {
    await app?.close()
    await sim?.close()
  })

  const status = () => page.getByTestId('session-status').textContent()
  /** Each row of the grid as its Zdarzenie, Wynik and Firma cells. */
  async function rowTexts(): Promise<string[][]> {
    const rows = await page.getByTestId('audit-grid').locator('.audit-row').all()
    return Promise.all(
      rows.map((row) =>
        Promise.all(
          ['action', 'result', 'company'].map(
            async (field) => (await row.locator(`[data-field="${field}"]`).textContent()) ?? '',
          ),
        ),
      ),
    )
  }

  it('lists every action done in the window with its result, and the chain verifies', async () => {
    await addCompany(page, 'Spółka Testowa', nip, 'Test')
    await expect.poll(() => page.getByTestId('company-item').count()).toBe(1)
    await page.getByTestId('tab-tokens').click()
    await page.getByTestId('token-paste').click()
    await page.getByTestId('token-input').fill(token)
    await page.getByTestId('token-save').click()
    await expect.poll(() => page.getByTestId('token-masked').count()).toBe(1)
    await page.getByTestId('tab-certificates').click()
    await page.getByTestId('certificate-create-test').click()
    await expect.poll(() => page.getByTestId('certificate-row').count()).toBe(1)
    await page.getByTestId('tab-general').click()
    await page.getByTestId('login-certificate').click()
    await expect.poll(status, { timeout: 15_000 }).toBe('Zalogowano do KSeF (certyfikat)')
    await page.getByTestId('logout').click()
    await expect.poll(status).toBe('Firma nie jest zalogowana do KSeF.')
    // The pasted token is none KSeF issued: KSeF refuses the login, with its code.
    await page.getByTestId('login-token').click()
    await expect
      .poll(() => page.getByTestId('auth-error-title').count(), { timeout: 15_000 })
      .toBe(1)

    await page.getByTestId('view-audit').click()
    const company = `Spółka Testowa (${nip})`
    await expect.poll(rowTexts).toEqual([
      ['Logowanie do KSeF', 'Nieudane', company],
      ['Wylogowanie z KSeF', 'Udane', company],
      ['Logowanie do KSeF', 'Udane', company],
      ['Utworzono certyfikat testowy', 'Udane', company],
      ['Wklejono token', 'Udane', company],
      ['Dodano firmę', 'Udane', company],
    ])
    expect(await page.getByTestId('audit-ksef-code').textContent()).toMatch(/^\d+ — .+/)
    await page.getByTestId('audit-verify').click()
    await expect
      .poll(() => page.getByTestId('audit-verdict-ok').textContent())
      .toBe('Dziennik jest spójny: 6 wpisów, zgodnych z pieczęcią w sejfie.')
    await screenshot(page, 'audit-01-verified')

    await page.getByTestId('audit-filter-result').click()
    await page.getByRole('option', { name: 'Nieudane' }).click()
    await expect.poll(rowTexts).toEqual([['Logowanie do KSeF', 'Nieudane', company]])
  })

  it('names the line edited on the disk, and the log keeps no secret', async () => {
    const file = join(app.dataFolder, auditFileName)
    const original = readFileSync(file, 'utf8')
    const lines = original.split('\n')
    lines[1] = (lines[1] ?? '').replace('"ok"', '"failed"')
    writeFileSync(file, lines.join('\n'))
    await page.getByTestId('audit-verify').click()
    await expect
      .poll(() => page.getByTestId('audit-verdict-problem-title').textContent())
      .toBe(
        'Wiersz 2 dziennika zdarzeń (z 6) zmieniono po zapisaniu: jego treść nie zgadza się z jego skrótem.',
      )
    await screenshot(page, 'audit-02-edited-line')
    // The line as it was: the chain holds again.
    writeFileSync(file, original)
    await page.getByTestId('audit-verify').click()
    await expect
      .poll(() => page.getByTestId('audit-verdict-ok').textContent())
      .toBe('Dziennik jest spójny: 6 wpisów, zgodnych z pieczęcią w sejfie.')
    expect(filesUnder(app.dataFolder).map(({ path }) => path)).toContain(file)
    expect(filesContaining(app.dataFolder, tokenSecret)).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
