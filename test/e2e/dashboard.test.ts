import { writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dashboardSource, dashboardView } from '../../electron/dashboard/dashboard-rows'
import {
  dashboardFilter,
  dashboardTiles,
  type DashboardRow,
  type DashboardView,
} from '../../shared/domain/dashboard'
import type { Company } from '../../shared/domain/company'
import type { Identity } from '../../shared/domain/identities'
import { seededCompanies } from '../support/company-seed'
import { seedDataFolder } from '../support/data-folder-seed'
import { tempFolder } from '../support/temp-folder'
import { openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

// The Pulpit over an office of 2,000 companies written as files, in headless Chromium through
// the bridge, at the seed's "now": what it shows is what the pure functions compute from the same
// files. One page load. One company (Klient 4, a token of its own) is logged in by an identity.

const at = '2026-11-21T09:00:00.000Z'
const now = Date.parse(at)

describe('Pulpit with 2,000 companies', () => {
  const folder = tempFolder('ksef-desk-e2e-dashboard-')
  let app: E2eApp
  let page: Page
  let expected: DashboardView

  const shown = async () =>
    Number(await page.getByTestId('dashboard-shown').getAttribute('data-count'))
  const firstNames = (count: number) =>
    page
      .getByTestId('dashboard-name')
      .allTextContents()
      .then((names) => names.slice(0, count))
  const chooseTile = (tile: string) => page.getByTestId(`dashboard-tile-${tile}`).click()
  const sortBy = async (field: string, direction: 'ascending' | 'descending') => {
    const header = page.locator(`[role="columnheader"][data-field="${field}"]`)
    for (let i = 0; i < 3 && (await header.getAttribute('aria-sort')) !== direction; i++) {
      await header.locator('.MuiDataGrid-columnHeaderTitleContainer').click()
    }
    expect(await header.getAttribute('aria-sort')).toBe(direction)
  }
  const byIdentity = seededCompanies(4)[3] as Company
  const officeIdentity: Identity = {
    id: '30000000-0000-4000-8000-000000000001',
    name: 'Biuro Kowalska',
    kind: 'Authentication',
    serialNumber: '0300000000000001',
    subject: 'CN=Anna Kowalska, 2.5.4.5=PNOPL-80010112345',
    subjectIdentifier: { type: 'Pesel', value: '80010112345' },
    issuer: 'CN=KSeF Test CA',
    issuerKind: 'ksef',
    environments: ['Test'],
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2027-03-01T00:00:00.000Z',
    fingerprintSha256: 'f'.repeat(64),
    keyAlgorithm: 'ECDSA P-256',
    addedAt: at,
    ksefStatus: 'Active',
  }
  const byIdentifier = (rows: DashboardRow[], direction: 1 | -1) =>
    [...rows].sort((a, b) => direction * a.identifier.value.localeCompare(b.identifier.value))

  beforeAll(async () => {
    const { document: seeded, settingsPath } = seedDataFolder(folder.path, { companies: 2000, at })
    const document = {
      ...seeded,
      identities: [officeIdentity],
      identityAssignments: [
        { identityId: officeIdentity.id, companyId: byIdentity.id, assignedAt: at },
      ],
    }
    writeFileSync(settingsPath, JSON.stringify(document))
    expected = dashboardView(dashboardSource(document), now)
    app = await openApp({
      dataFolder: folder.path,
      clock: { now: () => now },
      viewport: { width: 1366, height: 768 },
    })
    page = app.page
  })

  afterAll(async () => {
    await app?.close()
    folder.remove()
  })

  it('counts every tile as the pure function does over the same files', async () => {
    await page.getByTestId('view-dashboard').click()
    await expect.poll(() => shown(), { timeout: 20_000 }).toBe(2000)
    await screenshot(page, 'dashboard-2000-pl-1366')
    const counts: Record<string, number> = Object.fromEntries(
      await Promise.all(
        ['all', ...dashboardTiles].map(async (tile): Promise<[string, number]> => [
          tile,
          Number(await page.getByTestId(`dashboard-tile-${tile}`).getAttribute('data-count')),
        ]),
      ),
    )
    expect(counts).toEqual({ all: 2000, ...expected.tiles })
    // The seed gives every tile some companies, and not all of them.
    for (const tile of dashboardTiles) {
      expect(expected.tiles[tile]).toBeGreaterThan(0)
      expect(expected.tiles[tile]).toBeLessThan(2000)
    }
  })

  it('filters by each tile, then back to all', async () => {
    for (const tile of dashboardTiles) {
      await chooseTile(tile)
      await expect.poll(() => shown()).toBe(expected.tiles[tile])
      expect(await page.getByTestId(`dashboard-tile-${tile}`).getAttribute('aria-pressed')).toBe(
        'true',
      )
      const rows = dashboardFilter(expected.rows, tile)
      expect(await firstNames(3)).toEqual(rows.slice(0, 3).map((row) => row.name))
    }
    await chooseTile('all')
    await expect.poll(() => shown()).toBe(2000)
  })

  it('searches by name or NIP within the tile chosen', async () => {
    const search = page.getByTestId('dashboard-search')
    await search.fill('klient 19')
    const matching = dashboardFilter(expected.rows, null, 'klient 19')
    await expect.poll(() => shown()).toBe(matching.length)
    expect(await firstNames(3)).toEqual(matching.slice(0, 3).map((row) => row.name))
    await chooseTile('production')
    await expect
      .poll(() => shown())
      .toBe(dashboardFilter(expected.rows, 'production', 'klient 19').length)
    const nip =
      expected.rows.find((row) => row.environment === 'Production')?.identifier.value ?? ''
    await search.fill(nip)
    await expect
      .poll(() => firstNames(2))
      .toEqual(dashboardFilter(expected.rows, 'production', nip).map((row) => row.name))
    await search.fill('')
    await chooseTile('all')
    await expect.poll(() => shown()).toBe(2000)
  })

  it('says which identity logs a company in, and whom it names on hover', async () => {
    const row = expected.rows.find((each) => each.companyId === byIdentity.id)
    expect(row?.credential).toMatchObject({ kind: 'identity', daysLeft: 99 })
    await page.getByTestId('dashboard-search').fill(byIdentity.identifier.value)
    const cell = page.getByTestId('dashboard-credential-identity')
    await expect.poll(() => cell.textContent()).toBe('Tożsamość: Biuro Kowalska')
    expect(await cell.getAttribute('title')).toBe(
      'Tożsamość: Biuro Kowalska (CN=Anna Kowalska, 2.5.4.5=PNOPL-80010112345)',
    )
    expect(await page.getByTestId('dashboard-days-left').first().textContent()).toBe('99 dni')
    await page.getByTestId('dashboard-search').fill('')
    await expect.poll(() => shown()).toBe(2000)
  })

  it('sorts by a column, both ways', async () => {
    await sortBy('identifier', 'ascending')
    expect(await firstNames(2)).toEqual(
      byIdentifier(expected.rows, 1)
        .slice(0, 2)
        .map((row) => row.name),
    )
    await sortBy('identifier', 'descending')
    expect(await firstNames(2)).toEqual(
      byIdentifier(expected.rows, -1)
        .slice(0, 2)
        .map((row) => row.name),
    )
  })

  it('draws the expiries of the next 12 months from the data', async () => {
    const chart = page.getByTestId('expiry-chart')
    expect(JSON.parse((await chart.getAttribute('data-months')) ?? '[]')).toEqual(expected.months)
    expect(expected.months.some((month) => month.count > 0)).toBe(true)
    // A bar per month, each as tall as its count against the tallest.
    const bars = chart.locator('rect.MuiBarChart-element')
    await expect.poll(() => bars.count()).toBe(12)
    const heights: number[] = []
    for (let i = 0; i < 12; i++) heights.push(Number(await bars.nth(i).getAttribute('height')))
    const counts = expected.months.map((month) => month.count)
    const scale = Math.max(...heights) / Math.max(...counts)
    heights.forEach((height, i) =>
      expect(Math.abs(height - (counts[i] ?? 0) * scale)).toBeLessThan(2),
    )
  })

  it('exports the view as it is filtered and sorted', async () => {
    await chooseTile('expiring30')
    await sortBy('identifier', 'descending')
    const download = page.waitForEvent('download')
    await page.getByTestId('dashboard-export').click()
    const file = await download
    expect(file.suggestedFilename()).toBe('pulpit-ksef.csv')
    const lines = (await readFile(await file.path())).toString('utf8').split('\r\n')
    expect(lines[0]?.startsWith('\ufeffnazwa;nip;środowisko;logowanie;')).toBe(true)
    const identifiers = lines.slice(1, -1).map((line) => line.split(';')[1])
    expect(identifiers).toEqual(
      byIdentifier(dashboardFilter(expected.rows, 'expiring30'), -1).map(
        (row) => row.identifier.value,
      ),
    )
  })

  it('explains a KSeF code on hover, and selects rows for a bulk action', async () => {
    await chooseTile('failing')
    await expect.poll(() => shown()).toBe(expected.tiles.failing)
    const code = page.getByTestId('dashboard-ksef-code').first()
    await code.hover()
    await expect.poll(() => page.getByRole('tooltip').textContent()).toMatch(/\S{10,}/)
    await screenshot(page, 'dashboard-ksef-code-pl-1366')
    const checkboxes = page.locator('.dashboard-row input[type="checkbox"]')
    await checkboxes.nth(0).check()
    await checkboxes.nth(1).check()
    expect(await page.getByTestId('dashboard-selected').textContent()).toBe('Zaznaczono 2 firmy')
  })

  it('opens the company of a row on its tabs', async () => {
    const name = (await firstNames(1))[0] ?? ''
    await page.getByTestId('dashboard-name').first().click()
    await expect.poll(() => page.getByTestId('company-title').textContent()).toBe(name)
    expect(await page.getByTestId('view-companies').getAttribute('aria-selected')).toBe('true')
    expect(app.pageErrors).toEqual([])
  })
})
