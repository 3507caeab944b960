// Przejście na certyfikaty in headless Chromium through the bridge, against the simulator: ten
// token-only companies ticked in the Pulpit, their requests saved (the sandbox offers them as
// downloads, its way of "a folder the user picks"), signed by xmlsec1 with the office's seal and
// loaded back at once → ten certificates enrolled and made the default, the tokens revoked; the
// request whose challenge ran out listed, and Pobierz ponownie dla tych firm carries it through.
import { mkdirSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatch } from '../../electron/dispatch'
import { handlers } from '../../electron/handlers'
import { startSimulator, type RunningSimulator } from '../ksef-sim'
import {
  migrationOffice,
  storeClients,
  type MigrationOffice,
} from '../integration/migration/office'
import { ShiftableClock } from '../support/memory-context'
import { tempFolder } from '../support/temp-folder'
import { openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

const minute = 60_000
const lateName = 'Spóźniona Spółka'

describe('Przejście na certyfikaty, in the browser', () => {
  const files = tempFolder('ksef-desk-e2e-migration-')
  const clock = new ShiftableClock()
  let sim: RunningSimulator
  let office: MigrationOffice
  let app: E2eApp
  let page: Page
  const ids = new Map<string, string>()

  /** Every download the page is offered while `act` runs, until `count` have come, saved. */
  async function saved(count: number, into: string, act: () => Promise<void>): Promise<string[]> {
    const offered: Download[] = []
    const take = (download: Download) => void offered.push(download)
    page.on('download', take)
    try {
      await act()
      await expect.poll(() => offered.length, { timeout: 10_000 }).toBe(count)
    } finally {
      page.off('download', take)
    }
    mkdirSync(join(files.path, into), { recursive: true })
    return Promise.all(
      offered.map(async (download) => {
        const path = join(files.path, into, download.suggestedFilename())
        await download.saveAs(path)
        return path
      }),
    )
  }

  const signAll = (paths: readonly string[], into: string) => {
    mkdirSync(join(files.path, into), { recursive: true })
    return Promise.all(
      paths.map(async (path) => {
        const signedPath = join(files.path, into, path.split('/').pop() ?? '')
        await writeFile(signedPath, await office.sign(await readFile(path, 'utf8')))
        return signedPath
      }),
    )
  }

  /** The Pulpit's rows the search finds, all ticked, and the dialog opened for them. */
  async function openFor(search: string, count: number) {
    await page.getByTestId('dashboard-search').fill(search)
    await expect.poll(() => page.getByTestId('dashboard-name').count()).toBe(count)
    await page.locator('.MuiDataGrid-columnHeaders input[type="checkbox"]').check()
    await page.getByTestId('migration-open').click()
    const dialog = page.getByTestId('migration-dialog')
    await expect
      .poll(() => dialog.getByTestId('migration-candidates').textContent())
      .toMatch(new RegExp(`: ${count} firm`))
    return dialog
  }

  beforeAll(async () => {
    sim = await startSimulator({
      clock,
      authStatusDelayMs: 0,
      enrollmentDelayMs: 0,
      revocationDelayMs: 0,
    })
    office = await migrationOffice(sim, 11, 960)
    app = await openApp({ ksefApiUrl: sim.url, clock, viewport: { width: 1366, height: 900 } })
    page = app.page
    const stored = await storeClients(
      createDispatch(handlers, app.server.ctx),
      office.clients,
      (client) => (client === office.clients[0] ? lateName : client.name),
    )
    office.clients.forEach((client, i) => ids.set(client.nip, stored[i] ?? ''))
    await page.getByTestId('view-dashboard').click()
  })

  afterAll(async () => {
    await app?.close()
    await office?.dispose()
    await sim?.close()
    files.remove()
  })

  it('moves ten token-only companies to certificates; the expired one is written again', async () => {
    const [late, ...ten] = office.clients
    if (!late) throw new Error('no clients')

    // The late company's request first: nine minutes on, the ten get theirs.
    let dialog = await openFor(lateName, 1)
    const [lateRequest = ''] = await saved(1, 'late', () =>
      dialog.getByTestId('migration-write').click(),
    )
    await dialog.getByTestId('migration-close').click()
    await page.locator('.MuiDataGrid-columnHeaders input[type="checkbox"]').uncheck()
    clock.advance(9 * minute)

    dialog = await openFor('Klient', 10)
    await dialog.getByTestId('migration-revoke').check()
    const requests = await saved(10, 'requests', () =>
      dialog.getByTestId('migration-write').click(),
    )
    expect(requests.map((path) => path.split('/').pop()).sort()).toEqual(
      ten.map((c) => `${c.nip}.xml`).sort(),
    )
    // One countdown for the batch (main's clock runs nine minutes ahead of the page's here, so
    // the page counts from further off than the ten minutes a user sees).
    expect(await dialog.getByTestId('migration-countdown').textContent()).toMatch(
      /^Podpisz i wczytaj wnioski w ciągu 1\d:\d\d$/,
    )
    expect(await dialog.getByTestId('migration-written').textContent()).toMatch(
      /^Zapisano 10 wniosków: \d{10}\.xml(, \d{10}\.xml){9}$/,
    )
    await screenshot(page, 'migration-01-requests-written')

    const signed = await signAll([...requests, lateRequest], 'signed')
    clock.advance(2 * minute)
    await dialog.getByTestId('migration-files').setInputFiles(signed)
    await expect
      .poll(() => dialog.getByTestId('migration-summary').textContent(), { timeout: 20_000 })
      .toBe('Przeniesiono na certyfikat firm: 10 z 10.')
    const states = await dialog
      .locator('[data-testid^="migration-step-"]')
      .evaluateAll((cells: { getAttribute(name: string): string | null }[]) =>
        cells.map((cell) => cell.getAttribute('data-state')),
      )
    expect(states).toEqual(Array.from({ length: 50 }, () => 'ok'))
    const certificates = await dialog
      .locator('[data-testid^="migration-certificate-"]')
      .allTextContents()
    expect(certificates.sort()).toEqual(
      ten
        .map((client) => {
          const stored = app.server.ctx.credentials.defaultCertificate(
            ids.get(client.nip) ?? '',
            'Authentication',
          )
          expect(stored?.origin).toBe('enrolled')
          return `Certyfikat ${stored?.name ?? ''} (${stored?.serialNumber ?? ''}) — domyślny`
        })
        .sort(),
    )
    const revoked = sim.requests
      .filter((r) => r.operation === 'DELETE /tokens/{referenceNumber}' && r.status === 204)
      .map((r) => r.path.split('/').pop())
    expect(revoked.sort()).toEqual(ten.map((c) => c.referenceNumber).sort())
    const expired = dialog.getByTestId(`migration-rejected-${late.nip}.xml`)
    expect(await expired.textContent()).toBe(
      `${late.nip}.xml — ${lateName}Wyzwanie w tym żądaniu wygasło (jest ważne 10 minut). Pobierz nowe żądanie autoryzacyjne i podpisz je ponownie.`,
    )
    await screenshot(page, 'migration-02-ten-moved')
    await dialog.getByTestId('migration-again').scrollIntoViewIfNeeded()
    await screenshot(page, 'migration-03-one-expired')

    // Pobierz ponownie dla tych firm: a fresh request for the late one alone, signed and loaded.
    const [again = ''] = await saved(1, 'again', () =>
      dialog.getByTestId('migration-again').click(),
    )
    expect(again.endsWith(`${late.nip}.xml`)).toBe(true)
    await dialog
      .getByTestId('migration-files')
      .setInputFiles(await signAll([again], 'again-signed'))
    await expect
      .poll(() => dialog.getByTestId('migration-summary').textContent(), { timeout: 10_000 })
      .toBe('Przeniesiono na certyfikat firm: 1 z 1.')
    expect(await dialog.getByTestId('migration-rejected').count()).toBe(0)
    await screenshot(page, 'migration-04-expired-one-moved')
    expect(app.pageErrors).toEqual([])
    expect(sim.contractViolations).toEqual([])
  })
})
