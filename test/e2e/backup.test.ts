import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatch } from '../../electron/dispatch'
import { handlers } from '../../electron/handlers'
import type { Company } from '../../shared/domain/company'
import { nthNip } from '../support/company-seed'
import { openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

// Kopia zapasowa in headless Chromium through the bridge: the passphrase twice, the file offered
// as a download; read back with a wrong passphrase (refused), then with the right one, the company
// here already shown as a conflict, replaced, restored.

const passphrase = 'Kopia zapasowa biura 2026'

describe('Kopia zapasowa, in the browser', () => {
  let app: E2eApp
  let page: Page
  let company: Company

  beforeAll(async () => {
    app = await openApp()
    page = app.page
    const envelope = await createDispatch(handlers, app.server.ctx)('companies:add', {
      name: 'Klient kopii',
      identifier: { type: 'Nip', value: nthNip(950) },
      environment: 'Test',
    })
    if (!envelope.ok) throw new Error(envelope.error.code)
    company = envelope.value as Company
  })

  afterAll(async () => {
    expect(app.pageErrors).toEqual([])
    await app?.close()
  })

  it('creates a backup, refuses a wrong passphrase, and restores with keep or replace', async () => {
    await page.getByTestId('backup-menu').click()
    await page.getByTestId('backup-menu-create').click()
    await page.getByTestId('backup-create-passphrase').fill('za krótkie')
    await expect
      .poll(() => page.getByText('Hasło kopii musi mieć co najmniej 12 znaków.').count())
      .toBe(1)
    await page.getByTestId('backup-create-passphrase').fill(passphrase)
    await page.getByTestId('backup-create-repeat').fill(`${passphrase}!`)
    await expect.poll(() => page.getByText('Hasła się różnią.').count()).toBe(1)
    expect(await page.getByTestId('backup-create-submit').isDisabled()).toBe(true)
    await page.getByTestId('backup-create-repeat').fill(passphrase)
    const download = page.waitForEvent('download')
    await page.getByTestId('backup-create-submit').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^kopia-ksef-desk-\d{4}-\d{2}-\d{2}\.ksefbackup$/)
    const bytes = await readFile(await file.path())
    expect(bytes.subarray(0, 16).toString('ascii')).toBe('KSeF Desk backup')
    await expect.poll(() => page.getByTestId('backup-create-result').count()).toBe(1)
    await expect.poll(() => page.getByTestId('backup-create-cancel').isEnabled()).toBe(true)
    await screenshot(page, 'backup-create')
    await page.getByTestId('backup-create-cancel').click()

    await page.getByTestId('backup-menu').click()
    await page.getByTestId('backup-menu-restore').click()
    await page.getByTestId('backup-restore-file').setInputFiles({
      name: 'kopia.ksefbackup',
      mimeType: 'application/octet-stream',
      buffer: bytes,
    })
    await page.getByTestId('backup-restore-passphrase').fill('Kopia zapasowa biura 2025')
    await page.getByTestId('backup-restore-read').click()
    await expect
      .poll(() => page.getByTestId('backup-restore-preview-error-title').textContent())
      .toBe('To nie jest hasło tej kopii. Niczego nie zmieniono.')
    expect(await page.getByTestId('backup-restore-submit').isDisabled()).toBe(true)

    await page.getByTestId('backup-restore-passphrase').fill(passphrase)
    await page.getByTestId('backup-restore-read').click()
    const row = page.getByTestId('backup-restore-company')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.getAttribute('data-conflict')).toBe('true')
    expect(await row.textContent()).toContain('Już jest jako „Klient kopii”')
    await screenshot(page, 'backup-restore-preview')
    await page.getByTestId(`backup-restore-resolution-Nip:${nthNip(950)}:Test`).click()
    await page.getByRole('option', { name: 'Zastąp tą z kopii' }).click()
    await page.getByTestId('backup-restore-submit').click()
    await expect
      .poll(() => page.getByTestId('backup-restore-result').textContent())
      .toBe('Przywrócono: dodane firmy 0, zastąpione 1, zachowane 0.')
    expect(app.server.ctx.companies.list()).toMatchObject([
      { id: company.id, name: 'Klient kopii' },
    ])
    await page.getByTestId('backup-restore-cancel').click()
  })
})
