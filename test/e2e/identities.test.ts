import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCertificate } from '../../electron/crypto/test-certificates'
import { settingsFilePath } from '../../electron/vault/conf-settings-store'
import { SettingsDocument } from '../../electron/vault/settings-document'
import type { Envelope } from '../../shared/ipc/errors'
import { startSimulator, type RunningSimulator } from '../ksef-sim'
import { nthNip, seededCompanies } from '../support/company-seed'
import { tempFolder } from '../support/temp-folder'
import { openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

// Tożsamości in the browser: the office's certificate imported once, assigned through the UI to 50
// client companies (a NIP list) and to one more from its Certyfikaty tab; each of the 50 logs in
// with it against the simulator, which granted it permissions in their contexts; the one without
// a grant gets KSeF's 415, explained; the removal asks with the count, and then the companies say
// they have no login credential. The companies are seeded by writing the settings file.

const officeNip = nthNip(5000)
// KSeF's answers are polled without the production waits.
const quick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20)))
// seededCompanies takes Test, Demo and Production in turn: 51 of Test, and a few others.
const companies = seededCompanies(153)
const test = companies.filter((c) => c.environment === 'Test')
const granted = test.slice(0, 50)
const ungranted = test[50]

describe('Tożsamości, in the browser', () => {
  const files = tempFolder('ksef-desk-e2e-identities-')
  let sim: RunningSimulator
  let app: E2eApp
  let page: Page

  beforeAll(async () => {
    sim = await startSimulator({ authStatusDelayMs: 50, limits: false })
    for (const company of granted) {
      sim.seed.grantPermission({
        context: { type: 'Nip', value: company.identifier.value },
        subject: { type: 'Nip', value: officeNip },
        permissions: ['InvoiceRead', 'InvoiceWrite'],
      })
    }
    const dataFolder = join(files.path, 'data')
    mkdirSync(dataFolder, { recursive: true, mode: 0o700 })
    writeFileSync(
      settingsFilePath(dataFolder),
      JSON.stringify(SettingsDocument.parse({ identitiesMigrated: true, companies })),
      { mode: 0o600 },
    )
    const office = await createTestCertificate(
      { kind: 'seal', organizationName: 'Biuro Rachunkowe Rachmistrz', nip: officeNip },
      { usage: 'Authentication' },
    )
    writeFileSync(join(files.path, 'biuro.crt'), office.certificatePem)
    writeFileSync(
      join(files.path, 'biuro.key'),
      office.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    )
    app = await openApp({ ksefApiUrl: sim.url, dataFolder, sleep: quick })
    page = app.page
  })
  afterAll(async () => {
    await app?.close()
    await sim?.close()
    files.remove()
  })

  const loginLine = () => page.getByTestId('company-login-line').textContent()
  async function openCompany(name: string, tab: 'general' | 'certificates') {
    await page.getByTestId('view-companies').click()
    await page.getByTestId('company-search').fill(name)
    await page.getByTestId('company-item').filter({ hasText: name }).first().click()
    await page.getByTestId(`tab-${tab}`).click()
  }

  it('imports the identity and assigns it to 50 companies by their NIPs', async () => {
    await page.getByTestId('view-identities').click()
    await expect.poll(() => page.getByTestId('identities-empty').isVisible()).toBe(true)
    await page.getByTestId('identity-import').click()
    const form = page.getByTestId('import-identity')
    await form
      .getByTestId('import-identity-certificate')
      .setInputFiles(join(files.path, 'biuro.crt'))
    await form.getByTestId('import-identity-key').setInputFiles(join(files.path, 'biuro.key'))
    await form.getByTestId('import-identity-submit').click()
    await expect.poll(() => form.count()).toBe(0)
    expect(await page.getByTestId('identities-info').textContent()).toBe(
      'Zapisano tożsamość Biuro Rachunkowe Rachmistrz.',
    )
    const row = page.getByTestId('identity-row')
    expect(await row.textContent()).toContain(`NIP ${officeNip}`)

    await row.getByTestId('identity-assign').click()
    const assign = page.getByTestId('assign-identity')
    expect(await assign.getByTestId('assign-mode-all').textContent()).toBe('Wszystkie firmy (51)')
    await assign.getByTestId('assign-mode-nips').click()
    await assign
      .getByTestId('assign-nips')
      .fill([...granted.map((c) => c.identifier.value), '1111111111'].join(',\n'))
    expect(await assign.getByTestId('assign-unknown-nips').textContent()).toBe(
      'Żadna firma nie ma NIP: 1111111111',
    )
    expect(await assign.getByTestId('assign-chosen').textContent()).toBe('Wybrano firm: 50')
    await screenshot(page, 'identities-01-assign-by-nips')
    await assign.getByTestId('assign-identity-submit').click()
    await expect.poll(() => assign.count()).toBe(0)
    expect(await page.getByTestId('identity-companies').textContent()).toBe('50 firm')
  })

  it('each of the 50 logs in with it against the simulator', async () => {
    const identity = app.server.ctx.identities.list()[0]
    const ids = granted.map((c) => c.id)
    // The page's own bridge (window.ksef), as the renderer calls it, ten companies at a time.
    const envelopes = await page.evaluate(async (companyIds) => {
      const { ksef } = globalThis as unknown as {
        ksef: { invoke: (channel: string, input: unknown) => Promise<Envelope<unknown>> }
      }
      const results: Envelope<unknown>[] = []
      for (let i = 0; i < companyIds.length; i += 10) {
        const batch = companyIds.slice(i, i + 10)
        results.push(
          ...(await Promise.all(
            batch.map((companyId) => ksef.invoke('auth:loginWithCertificate', { companyId })),
          )),
        )
      }
      return results
    }, ids)
    expect(envelopes.filter((e) => !e.ok)).toEqual([])
    for (const id of ids) {
      expect(app.server.ctx.login.state(id).session?.credentialId).toBe(identity?.id)
    }
    await openCompany(granted[0]?.name ?? '', 'certificates')
    await expect.poll(loginLine).toBe('Loguje: tożsamość Biuro Rachunkowe Rachmistrz')
  })

  it('a company that granted nothing, assigned from its Certyfikaty tab, gets 415 explained', async () => {
    await openCompany(ungranted?.name ?? '', 'certificates')
    await expect
      .poll(loginLine)
      .toBe('Loguje: brak poświadczenia — wczytaj certyfikat albo przypisz tożsamość.')
    await page.getByTestId('company-assign-identity').click()
    const assign = page.getByTestId('assign-identity')
    expect(await assign.getByTestId('assign-chosen').textContent()).toBe('Wybrano firm: 1')
    await assign.getByTestId('assign-identity-submit').click()
    await expect.poll(() => assign.count()).toBe(0)
    await expect.poll(loginLine).toBe('Loguje: tożsamość Biuro Rachunkowe Rachmistrz')

    await page.getByTestId('tab-general').click()
    await page.getByTestId('login-certificate').click()
    await expect
      .poll(() => page.getByTestId('auth-error-ksef').textContent(), { timeout: 15_000 })
      .toMatch(/^Kod KSeF 415: Brak uprawnień w tym kontekście/)
    await screenshot(page, 'identities-02-no-grant-415')
  })

  it('companies ticked in the Pulpit get the identity at once', async () => {
    const identity = app.server.ctx.identities.list()[0]
    const pair = granted.slice(2, 4)
    app.server.ctx.identities.unassign(
      identity?.id ?? '',
      pair.map((c) => c.id),
    )
    await page.getByTestId('view-dashboard').click()
    const search = page.getByTestId('dashboard-search')
    for (const company of pair) {
      await search.fill(company.name)
      await expect
        .poll(() => page.getByTestId('dashboard-name').allTextContents())
        .toEqual([company.name])
      expect(await page.getByTestId('dashboard-credential-none').textContent()).toBe('Brak')
      await page.locator('.dashboard-row input[type="checkbox"]').first().check()
    }
    expect(await page.getByTestId('dashboard-selected').textContent()).toBe('Zaznaczono 2 firmy')
    await page.getByTestId('dashboard-assign-identity').click()
    const assign = page.getByTestId('assign-identity')
    expect(await assign.getByTestId('assign-chosen').textContent()).toBe('Wybrano firm: 2')
    await screenshot(page, 'identities-03-assign-from-pulpit')
    await assign.getByTestId('assign-identity-submit').click()
    await expect.poll(() => assign.count()).toBe(0)
    expect(app.server.ctx.identities.list()[0]?.companyIds).toEqual(
      expect.arrayContaining(pair.map((c) => c.id)),
    )
    expect(app.server.ctx.identities.list()[0]?.companyIds).toHaveLength(51)
    // Main tells the Pulpit, which shows what now logs the last one in.
    await expect
      .poll(() => page.getByTestId('dashboard-credential-identity').textContent())
      .toBe('Tożsamość: Biuro Rachunkowe Rachmistrz')
  })

  it('removal asks with the count; the companies then have no login credential', async () => {
    await page.getByTestId('view-identities').click()
    await page.getByTestId('identity-remove').click()
    const confirm = page.getByTestId('confirm-dialog')
    expect(await confirm.textContent()).toContain(
      'Loguje się nią 51 firm. Po usunięciu te firmy nie będą miały tożsamości',
    )
    await screenshot(page, 'identities-04-remove-asks')
    await confirm.getByTestId('confirm-ok').click()
    await expect.poll(() => page.getByTestId('identities-empty').isVisible()).toBe(true)

    await openCompany(granted[1]?.name ?? '', 'certificates')
    await expect
      .poll(loginLine)
      .toBe('Loguje: brak poświadczenia — wczytaj certyfikat albo przypisz tożsamość.')
    expect(app.server.ctx.identities.list()).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
