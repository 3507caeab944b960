import { mkdirSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCertificate } from '../../electron/crypto/certificates'
import { createTestCertificate } from '../../electron/crypto/test-certificates'
import { createDispatch } from '../../electron/dispatch'
import { handlers } from '../../electron/handlers'
import { settingsFilePath } from '../../electron/vault/conf-settings-store'
import { SettingsDocument } from '../../electron/vault/settings-document'
import type { CertificateSummary } from '../../shared/domain/credentials'
import { startSimulator, type RunningSimulator } from '../ksef-sim'
import { seededCompanies } from '../support/company-seed'
import { tempFolder } from '../support/temp-folder'
import { openApp, storeOtherSubjectCertificate, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

// Sprawdź poświadczenia for 20 companies ticked in the Pulpit, against the simulator at KSeF's
// production limits: 17 tokens log in and out, and three seeded failures are explained — a
// token revoked in KSeF (450), a certificate of someone granted nothing here (415), and a
// certificate that has expired. The companies are seeded by writing the settings file.

const quick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20)))
const companies = seededCompanies(60).filter((c) => c.environment === 'Test')
const [revoked, ungranted, expired] = companies
const dayMs = 24 * 60 * 60_000

describe('Działania zbiorcze, in the browser', () => {
  const files = tempFolder('ksef-desk-e2e-bulk-')
  let sim: RunningSimulator
  let app: E2eApp
  let page: Page

  beforeAll(async () => {
    sim = await startSimulator({ authStatusDelayMs: 50 })
    const dataFolder = join(files.path, 'data')
    mkdirSync(dataFolder, { recursive: true, mode: 0o700 })
    writeFileSync(
      settingsFilePath(dataFolder),
      JSON.stringify(SettingsDocument.parse({ identitiesMigrated: true, companies })),
      { mode: 0o600 },
    )
    app = await openApp({ ksefApiUrl: sim.url, dataFolder, sleep: quick })
    page = app.page
    const { ctx } = app.server
    const dispatch = createDispatch(handlers, ctx)
    for (const company of companies.filter((c) => c !== ungranted && c !== expired)) {
      const { token, referenceNumber } = sim.seed.createToken({
        context: { type: 'Nip', value: company.identifier.value },
        permissions: ['InvoiceRead'],
        description: 'Biuro rachunkowe',
      })
      if (company === revoked) sim.seed.revokeToken(referenceNumber)
      const added = await dispatch('tokens:add', { companyId: company.id, token })
      if (!added.ok) throw new Error(added.error.code)
    }
    const stranger = await sim.seed.issueCertificate({
      subject: { commonName: 'Jan Obcy', countryName: 'PL', serialNumber: 'PNOPL-80010112345' },
    })
    await storeOtherSubjectCertificate(app, ungranted?.id ?? '', stranger)
    // An Authentication certificate that ended two days ago: the app refuses to store one, so
    // it is written as an earlier import left it.
    const old = readCertificate(
      (
        await createTestCertificate(
          {
            kind: 'seal',
            organizationName: expired?.name ?? '',
            nip: expired?.identifier.value ?? '',
          },
          {
            usage: 'Authentication',
            clock: { now: () => Date.now() - 2 * 365 * dayMs - 2 * dayMs },
          },
        )
      ).certificatePem,
    )
    const summary: CertificateSummary = {
      id: '11111111-0000-4000-8000-000000000001',
      companyId: expired?.id ?? '',
      name: 'Stary certyfikat',
      kind: 'Authentication',
      serialNumber: old.serialNumber,
      subject: old.subject,
      subjectIdentifier: { type: 'Nip', value: expired?.identifier.value ?? '' },
      issuer: old.issuer,
      issuerKind: 'selfSigned',
      environment: 'Test',
      validFrom: old.validFrom,
      validTo: old.validTo,
      fingerprintSha256: old.fingerprintSha256,
      keyAlgorithm: 'EC P-256',
      origin: 'imported',
      addedAt: old.validFrom,
      isDefault: true,
      ksefStatus: null,
      ksefCheckedAt: null,
    }
    await ctx.certificateFiles.write(summary.id, old.pem)
    ctx.credentials.addCertificate(summary, true)
  })
  afterAll(async () => {
    await app?.close()
    await sim?.close()
    files.remove()
  })

  it('checks 20 ticked companies as a job, row by row, with the failures explained', async () => {
    await page.getByTestId('view-dashboard').click()
    await expect
      .poll(() => page.getByTestId('dashboard-shown').getAttribute('data-count'))
      .toBe('20')
    await page.locator('.MuiDataGrid-columnHeaderCheckbox input[type="checkbox"]').check()
    expect(await page.getByTestId('dashboard-selected').textContent()).toBe('Zaznaczono 20 firm')
    await page.getByTestId('bulk-menu').click()
    await page.getByTestId('bulk-action-check').click()
    const dialog = page.getByTestId('bulk-start')
    expect(await dialog.getByTestId('bulk-start-what').textContent()).toContain(
      'Dla każdej z 20 firm aplikacja zaloguje się do KSeF',
    )
    await dialog.getByTestId('bulk-start-submit').click()

    await expect
      .poll(() => page.getByTestId('view-jobs').getAttribute('aria-selected'))
      .toBe('true')
    expect(await page.getByTestId('job-title').textContent()).toBe('Sprawdź poświadczenia')
    await expect
      .poll(() => page.getByTestId('job-progress').getAttribute('data-finished'), {
        timeout: 30_000,
      })
      .toBe('20')
    await expect.poll(() => page.getByTestId('job-state').textContent()).toMatch(/^Zakończone/)
    expect(await page.getByTestId('job-counts').textContent()).toBe(
      '20 z 20 · gotowe: 17 · błędy: 3 · pominięte: 0 · anulowane: 0',
    )

    const result = (name: string) =>
      page.locator('.job-row').filter({ hasText: name }).getByTestId('job-row-result').textContent()
    expect(await result(companies[3]?.name ?? '')).toBe(
      'Logowanie działa (token KSeF); sesja sprawdzenia zakończona.',
    )
    expect(await result(revoked?.name ?? '')).toMatch(/Kod KSeF 450: .{10,}/)
    expect(await result(ungranted?.name ?? '')).toMatch(/Kod KSeF 415: Brak uprawnień/)
    expect(await result(expired?.name ?? '')).toMatch(/^Certyfikat wygasł/)
    await page.getByTestId('job-failed-only').check()
    await expect.poll(() => page.locator('.job-row').count()).toBe(3)
    await screenshot(page, 'bulk-01-check-20-failures')
    // KSeF's windows were kept: not one request was refused with 429.
    expect(sim.requests.filter((request) => request.status === 429)).toEqual([])
    expect(sim.contractViolations).toEqual([])
    expect(app.pageErrors).toEqual([])
  })

  it('keeps the job over a reload of the page', async () => {
    await page.reload()
    await page.getByTestId('view-jobs').click()
    await expect
      .poll(() => page.getByTestId('job-counts').textContent())
      .toBe('20 z 20 · gotowe: 17 · błędy: 3 · pominięte: 0 · anulowane: 0')
    await expect.poll(() => page.locator('.job-row').count()).toBe(20)
    const download = page.waitForEvent('download')
    await page.getByTestId('job-export').click()
    const lines = (await readFile(await (await download).path()))
      .toString('utf8')
      .split('\r\n')
      .filter((line) => line !== '')
    expect(lines[0]).toBe(
      '\ufeffnazwa;nip;stan;wynik;kod błędu;kod KSeF;komunikat;rozpoczęto;zakończono',
    )
    expect(lines).toHaveLength(21)
    expect(lines.find((line) => line.includes(revoked?.identifier.value ?? '-'))).toContain(';450;')
  })

  it('lists the job in the Dziennik zdarzeń: each failed check with its problem in words', async () => {
    await page.getByTestId('view-audit').click()
    await page.getByTestId('audit-filter-result').click()
    await page.getByRole('option', { name: 'Nieudane' }).click()
    const problemOf = (name: string) =>
      page
        .getByTestId('audit-grid')
        .locator('.audit-row')
        .filter({ hasText: name })
        .locator('[data-field="problem"]')
        .textContent()
    await expect.poll(() => page.getByTestId('audit-grid').locator('.audit-row').count()).toBe(3)
    expect(await problemOf(revoked?.name ?? '')).toMatch(/^450 — .{10,}/)
    expect(await problemOf(ungranted?.name ?? '')).toMatch(/^415 — .{10,}/)
    // The log keeps the code, not its details: what they would fill in is "…".
    expect(await problemOf(expired?.name ?? '')).toBe(
      'Certyfikat wygasł (…). Wczytaj aktualny certyfikat.',
    )
    await screenshot(page, 'bulk-02-audit-failures')
  })
})
