import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../ksef-sim'
import { tempFolder } from '../support/temp-folder'
import { noClientLimits } from '../support/client-limits'
import { addCompany, openApp, type E2eApp, storeOtherSubjectCertificate } from './support/app'
import {
  axeFindings,
  keyboardFindings,
  languageFindings,
  layoutFindings,
  screenshotWhole,
  type Language,
} from './support/screen-checks'

// Every screen and dialog the e2e suite reaches, with data, at 1024×700 and 1366×768, in Polish
// and in English (switched by the app's own control): nothing scrolls sideways or overflows its
// cell, nothing is cut without a way to read it whole, no text is in the other language, axe-core
// finds nothing serious, and every control is reached by Tab with a visible focus. The
// screenshots stay in test-results/screens/<screen>-<language>-<width>.png.

const screensFolder = fileURLToPath(new URL('../../test-results/screens', import.meta.url))
const widths = [
  { width: 1024, height: 700 },
  { width: 1366, height: 768 },
] as const
const languages: Language[] = ['pl', 'en']

const office = {
  name: 'Biuro Rachunkowe Kowalski i Wspólnicy Sp. z o.o.',
  nip: '5265877635',
}
const stranger = { name: 'Cudza Firma Handlowa S.A.', nip: '7740001454' }
const newcomer = { name: 'Zakład Produkcyjny Nowak', nip: '1111111111' }
/** Someone with no company in the app and no permission anywhere. */
const outsider = {
  commonName: 'Biuro',
  countryName: 'PL',
  organizationName: 'Biuro',
  organizationIdentifier: 'VATPL-5265877641',
}
const enrolledName = 'Certyfikat logowania biura rachunkowego'
const offlineName = 'Podpis faktur offline'
const pastedDescription = 'Token wklejony z Aplikacji Podatnika do odczytu faktur'

/**
 * Everything the test itself put on the screens: the user's data, in whatever language the user
 * wrote it, which the language check leaves aside.
 */
const data = [
  office.name,
  office.nip,
  stranger.name,
  stranger.nip,
  newcomer.name,
  newcomer.nip,
  enrolledName,
  offlineName,
  pastedDescription,
  'Wydany w aplikacji MF',
  'Token do wysyłki faktur',
  'Token ponad uprawnienia',
  'Biuro',
  'mismatch.crt',
  'mismatch.key',
  'not-signed.xml',
]

interface AnimationsOfPage {
  document: {
    getAnimations(): {
      playState: string
      effect: { getTiming(): { iterations?: number } } | null
    }[]
  }
}

/** Runs in the page: how many animations or transitions that will end are still running. */
function runningAnimations(): number {
  const { document } = globalThis as unknown as AnimationsOfPage
  return document
    .getAnimations()
    .filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity)
    .length
}

interface FixtureElement {
  textContent: string | null
  tabIndex: number
  style: { cssText: string }
  setAttribute(name: string, value: string): void
  append(...children: FixtureElement[]): void
  remove(): void
}
interface FixtureWindow {
  document: {
    createElement(tag: string): FixtureElement
    querySelectorAll(selector: string): ArrayLike<FixtureElement>
  }
}

/**
 * Runs in the page: puts into the panel one defect of each kind the checks look for, or takes
 * them away again. Styles go through the CSSOM, which the page's CSP allows.
 */
function plantDefects(plant: boolean): void {
  const { document } = globalThis as unknown as FixtureWindow
  for (const old of Array.from(document.querySelectorAll('[data-testid="planted-defects"]')))
    old.remove()
  if (!plant) return
  const make = (tag: string, text: string, css: string) => {
    const element = document.createElement(tag)
    element.textContent = text
    element.style.cssText = css
    return element
  }
  const box = make('div', '', 'width: 160px')
  box.setAttribute('data-testid', 'planted-defects')
  const cut = make(
    'span',
    'Uwierzytelnianie zakończone niepowodzeniem',
    'display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap',
  )
  cut.setAttribute('data-testid', 'planted-cut')
  const cell = make(
    'div',
    'Save the certificate here',
    'width: 40px; white-space: nowrap; border: 1px solid #999',
  )
  cell.setAttribute('data-testid', 'planted-cell')
  const unreachable = make('button', 'Unreachable', '')
  unreachable.tabIndex = -1
  unreachable.setAttribute('data-testid', 'planted-unreachable')
  const nameless = make('button', '', 'width: 24px; height: 24px')
  nameless.setAttribute('data-testid', 'planted-nameless')
  box.append(cut, cell, unreachable, nameless)
  const panel = Array.from(document.querySelectorAll('[role="tabpanel"]'))[0]
  panel?.append(box)
}

describe('every screen, at 1024 and 1366 px, in Polish and English', () => {
  const files = tempFolder('ksef-desk-e2e-screens-')
  let sim: RunningSimulator
  let app: E2eApp
  let page: Page
  let language: Language = 'pl'

  const companyItem = (name: string) => page.getByTestId('company-item').filter({ hasText: name })
  const modal = () => page.locator('body > .MuiModal-root')

  /** Animations and transitions that end (a spinner's never does) have ended: the screen is still. */
  const settled = () => expect.poll(() => page.evaluate(runningAnimations)).toBe(0)

  async function openCompany(name: string, tab: 'general' | 'certificates' | 'tokens') {
    await page.getByTestId('view-companies').click()
    await companyItem(name).click()
    await page.getByTestId(`tab-${tab}`).click()
    await expect.poll(() => page.getByTestId(`panel-${tab}`).count()).toBe(1)
  }

  async function closeModals() {
    for (let open = await modal().count(); open > 0; open = await modal().count()) {
      await page.keyboard.press('Escape')
      await expect.poll(() => modal().count()).toBeLessThan(open)
    }
  }

  async function switchLanguage(to: Language) {
    if (language === to) return
    await page.getByTestId(`language-${to}`).click()
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe(to)
    language = to
  }

  async function loginWithCertificate() {
    await page.getByTestId('tab-general').click()
    await page.getByTestId('login-certificate').click()
    await expect.poll(() => page.getByTestId('session-access').count(), { timeout: 20_000 }).toBe(1)
  }

  /** One of a certificate row's actions: inline on the row, or in its ⋮ menu. */
  async function certificateAction(name: string, testId: string) {
    const row = page.getByTestId('certificate-row').filter({ hasText: name })
    const inline = row.getByTestId(testId)
    if ((await inline.count()) > 0) await inline.click()
    else {
      await row.getByTestId('certificate-row-actions').click()
      await page.getByRole('menu').getByTestId(testId).click()
    }
  }

  async function enroll(name: string, kind: 'Authentication' | 'Offline') {
    await page.getByTestId('certificate-enroll').click()
    const form = page.getByTestId('enroll-form')
    await expect.poll(() => form.getByTestId('limits').isVisible(), { timeout: 15_000 }).toBe(true)
    await form.getByTestId('enroll-name').fill(name)
    await form.getByTestId(`enroll-kind-${kind}`).click()
    await form.getByTestId('enroll-key-EC').click()
    await form.getByTestId('enroll-form-submit').click()
    await expect.poll(() => form.count(), { timeout: 20_000 }).toBe(0)
  }

  async function pasteToken(token: string, description: string) {
    const rows = await page.getByTestId('token-row').count()
    await page.getByTestId('token-paste').click()
    await page.getByTestId('token-input').fill(token)
    await page.getByTestId('token-description').fill(description)
    await page.getByTestId('token-save').click()
    await expect.poll(() => page.getByTestId('token-row').count()).toBe(rows + 1)
  }

  async function fetchKsefTokens() {
    await page.getByTestId('tokens-fetch').click()
    await expect.poll(() => page.getByTestId('ksef-tokens-loading').count()).toBe(0)
    await expect.poll(() => page.getByTestId('ksef-token-row').count()).toBeGreaterThan(0)
  }

  async function openGenerate(permissions: string[], description: string) {
    await page.getByTestId('token-generate').click()
    const form = page.getByTestId('generate-token-form')
    for (const permission of permissions) await form.getByTestId(`permission-${permission}`).check()
    await form.getByTestId('generate-description').fill(description)
    return form
  }

  beforeAll(async () => {
    mkdirSync(screensFolder, { recursive: true })
    sim = await startSimulator({
      authStatusDelayMs: 0,
      enrollmentDelayMs: 0,
      tokenActivationDelayMs: 0,
      limits: false,
    })
    app = await openApp({
      ksefApiUrl: sim.url,
      viewport: widths[0],
      rateLimiter: noClientLimits(),
      // The checks look at still screens: as a system asking for less motion shows them, with no
      // transition to wait out before each.
      reducedMotion: 'reduce',
    })
    page = app.page
  })

  afterAll(async () => {
    await app?.close()
    await sim?.close()
    files.remove()
  })

  it('puts data on every tab: three companies, certificates, tokens, a refused login', async () => {
    // The office: a test certificate, logged in with it, a KSeF certificate of each kind enrolled,
    // one issued elsewhere, a pasted token and the KSeF list of tokens.
    await addCompany(page, office.name, office.nip, 'Test')
    await expect.poll(() => page.getByTestId('company-item').count()).toBe(1)
    await page.getByTestId('tab-certificates').click()
    await page.getByTestId('certificate-create-test').click()
    await expect.poll(() => page.getByTestId('certificate-row').count()).toBe(1)
    await loginWithCertificate()
    await page.getByTestId('tab-certificates').click()
    await enroll(enrolledName, 'Authentication')
    await enroll(offlineName, 'Offline')
    await sim.seed.issueCertificate({
      subject: {
        commonName: 'Biuro',
        countryName: 'PL',
        organizationName: 'Biuro',
        organizationIdentifier: `VATPL-${office.nip}`,
      },
      name: 'Wydany w aplikacji MF',
    })
    await page.getByTestId('certificates-refresh').click()
    await expect
      .poll(() => page.getByTestId('certificate-row').count(), { timeout: 15_000 })
      .toBe(4)
    const { token } = sim.seed.createToken({
      context: { type: 'Nip', value: office.nip },
      permissions: ['InvoiceRead', 'CredentialsRead'],
      description: pastedDescription,
    })
    await page.getByTestId('tab-tokens').click()
    await pasteToken(token, pastedDescription)
    await fetchKsefTokens()

    // The stranger: a certificate of someone without permissions there, refused by KSeF (415).
    await addCompany(page, stranger.name, stranger.nip, 'Test')
    await expect.poll(() => page.getByTestId('company-item').count()).toBe(2)
    const foreign = await sim.seed.issueCertificate({
      subject: outsider,
    })
    const strangerId = app.server.ctx.companies.list().find((c) => c.name === stranger.name)?.id
    await storeOtherSubjectCertificate(app, strangerId ?? '', foreign)

    // The newcomer: a production company with nothing yet.
    await addCompany(page, newcomer.name, newcomer.nip, 'Production')
    await expect.poll(() => page.getByTestId('company-item').count()).toBe(3)

    // A certificate and a key that do not belong together, for the import dialog's refusal.
    const other = await sim.seed.issueCertificate({ subject: outsider })
    writeFileSync(join(files.path, 'mismatch.crt'), foreign.certificatePem)
    writeFileSync(join(files.path, 'mismatch.key'), other.privateKeyPem)
    // An authorization request nobody signed, for the signed-request refusal.
    writeFileSync(join(files.path, 'not-signed.xml'), '<AuthTokenRequest/>')
  })

  interface Screen {
    name: string
    /** From the office's Ogólne with no dialog open, to the screen. */
    open: () => Promise<void>
  }

  const screens: Screen[] = [
    {
      name: 'general',
      open: async () => {
        await openCompany(office.name, 'general')
        await page.getByTestId('sessions-load').click()
        await expect.poll(() => page.getByTestId('session-row').count()).toBeGreaterThan(0)
        await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId('download-request').click(),
        ])
        await expect.poll(() => page.getByTestId('challenge-countdown').count()).toBe(1)
      },
    },
    {
      name: 'general-refused-415',
      open: async () => {
        await openCompany(stranger.name, 'general')
        await page.getByTestId('login-certificate').click()
        await expect
          .poll(() => page.getByTestId('auth-error-ksef').textContent(), { timeout: 20_000 })
          .toMatch(/415/)
      },
    },
    {
      name: 'general-signed-request-refused',
      open: async () => {
        await openCompany(office.name, 'general')
        await page
          .getByTestId('signed-request-file')
          .setInputFiles(join(files.path, 'not-signed.xml'))
        await expect.poll(() => page.getByTestId('signed-request-error-title').count()).toBe(1)
      },
    },
    {
      name: 'general-empty',
      open: () => openCompany(newcomer.name, 'general'),
    },
    {
      name: 'certificates',
      open: async () => {
        await openCompany(office.name, 'certificates')
        await expect.poll(() => page.getByTestId('certificate-row').count()).toBe(4)
        // The panel stays open for the session once opened; its button is then disabled.
        if (await page.getByTestId('public-keys-open').isEnabled())
          await page.getByTestId('public-keys-open').click()
        await expect
          .poll(() => page.getByTestId('public-key-row').count(), { timeout: 15_000 })
          .toBe(2)
      },
    },
    {
      name: 'certificates-row-menu',
      open: async () => {
        await openCompany(office.name, 'certificates')
        await page
          .getByTestId('certificate-row')
          .filter({ hasText: enrolledName })
          .getByTestId('certificate-row-actions')
          .click()
        await expect.poll(() => page.getByRole('menu').count()).toBe(1)
      },
    },
    {
      name: 'certificates-empty',
      open: () => openCompany(newcomer.name, 'certificates'),
    },
    {
      name: 'tokens',
      open: async () => {
        await openCompany(office.name, 'tokens')
        if ((await page.getByTestId('ksef-token-row').count()) === 0) await fetchKsefTokens()
      },
    },
    {
      name: 'tokens-rate-limited',
      open: async () => {
        await openCompany(office.name, 'tokens')
        sim.faults.rateLimitNext(1, 120, /^GET \/tokens/)
        await page.getByTestId('tokens-fetch').click()
        await expect.poll(() => page.getByTestId('ksef-tokens-error-title').count()).toBe(1)
      },
    },
    {
      name: 'tokens-filter-refused',
      open: async () => {
        await openCompany(office.name, 'tokens')
        // Opened once per language on the same tab: the refused filter of the first pass is
        // still the list's filter, so the list is read unfiltered first, every time.
        const filter = page.getByTestId('ksef-tokens-filter')
        await filter.getByTestId('filter-author').fill('')
        await filter.getByTestId('filter-apply').click()
        await expect.poll(() => page.getByTestId('ksef-token-row').count()).toBeGreaterThan(0)
        await filter.getByTestId('filter-author').fill('77')
        await filter.getByTestId('filter-apply').click()
        await expect.poll(() => page.getByTestId('ksef-tokens-error-title').count()).toBe(1)
      },
    },
    {
      name: 'tokens-empty',
      open: () => openCompany(newcomer.name, 'tokens'),
    },
    {
      name: 'company-list-menu',
      open: async () => {
        await page.getByTestId('company-list-more').click()
        await expect.poll(() => page.getByRole('menu').count()).toBe(1)
      },
    },
    {
      name: 'dialog-import-companies',
      open: async () => {
        await page.getByTestId('company-list-more').click()
        await page.getByTestId('import-companies').click()
        await expect.poll(() => page.getByTestId('company-import').count()).toBe(1)
      },
    },
    {
      name: 'dialog-revoke-current-session',
      open: async () => {
        await openCompany(office.name, 'general')
        await page.getByTestId('sessions-load').click()
        await page
          .getByTestId('session-row')
          .filter({ hasText: language === 'pl' ? 'bieżąca' : 'current' })
          .getByTestId('session-revoke')
          .click()
        await expect.poll(() => page.getByTestId('confirm-dialog').count()).toBe(1)
      },
    },
    {
      name: 'dialog-company-invalid-nip',
      open: async () => {
        await page.getByTestId('add-company').click()
        await page.getByTestId('company-name').fill('Firma z literówką')
        await page.getByTestId('company-identifier').fill('5265877636')
        await page.getByTestId('company-save').click()
        await expect
          .poll(() =>
            page.getByTestId('company-form').locator('.MuiFormHelperText-root.Mui-error').count(),
          )
          .toBe(1)
      },
    },
    {
      name: 'dialog-company-edit',
      open: async () => {
        await openCompany(office.name, 'general')
        await page.getByTestId('company-edit').click()
        await expect.poll(() => page.getByTestId('company-form').count()).toBe(1)
      },
    },
    {
      name: 'dialog-remove-company',
      open: async () => {
        await openCompany(newcomer.name, 'general')
        await page.getByTestId('company-remove').click()
        await expect.poll(() => page.getByTestId('confirm-dialog').count()).toBe(1)
      },
    },
    {
      name: 'dialog-import-mismatch',
      open: async () => {
        await openCompany(office.name, 'certificates')
        await page.getByTestId('certificate-import').click()
        const form = page.getByTestId('import-certificate-form')
        await form.getByTestId('certificate-file').setInputFiles(join(files.path, 'mismatch.crt'))
        await form.getByTestId('key-file').setInputFiles(join(files.path, 'mismatch.key'))
        await form.getByTestId('import-save').click()
        await expect.poll(() => page.getByTestId('import-error').count()).toBe(1)
      },
    },
    {
      name: 'dialog-enrollment',
      open: async () => {
        await openCompany(office.name, 'certificates')
        await page.getByTestId('certificate-enroll').click()
        const form = page.getByTestId('enroll-form')
        await expect
          .poll(() => form.getByTestId('limits').isVisible(), { timeout: 15_000 })
          .toBe(true)
        await form.getByTestId('enroll-name').fill('Abc')
      },
    },
    {
      name: 'dialog-export',
      open: async () => {
        await openCompany(office.name, 'certificates')
        await certificateAction(enrolledName, 'certificate-export')
        await page.getByTestId('export-form').getByTestId('export-password').fill('abc')
      },
    },
    {
      name: 'dialog-revoke-certificate',
      open: async () => {
        await openCompany(office.name, 'certificates')
        await certificateAction(enrolledName, 'certificate-revoke')
        await expect.poll(() => page.getByTestId('revoke-form').count()).toBe(1)
      },
    },
    {
      name: 'dialog-remove-certificate',
      open: async () => {
        await openCompany(office.name, 'certificates')
        await certificateAction(offlineName, 'certificate-remove')
        await expect.poll(() => page.getByTestId('remove-form').count()).toBe(1)
      },
    },
    {
      name: 'dialog-renew',
      open: async () => {
        await openCompany(office.name, 'certificates')
        await certificateAction(enrolledName, 'certificate-renew')
        await expect
          .poll(() => page.getByTestId('renew-form-submit').isDisabled(), { timeout: 15_000 })
          .toBe(false)
      },
    },
    {
      name: 'dialog-offline-check',
      open: async () => {
        await openCompany(office.name, 'certificates')
        await certificateAction(offlineName, 'certificate-offline-check')
        await expect
          .poll(() => page.getByTestId('offline-link').isVisible(), { timeout: 15_000 })
          .toBe(true)
      },
    },
    {
      name: 'dialog-paste-token-other-context',
      open: async () => {
        await openCompany(office.name, 'tokens')
        await page.getByTestId('token-paste').click()
        await page
          .getByTestId('token-input')
          .fill(
            `20251010-EC-1DCE3E3000-12ECB5B36E-45|nip-${stranger.nip}|919f704466624ce29cd5ac7b65ded5e7cccc112eee314f2aaa76e02cd16df7b9`,
          )
        await page.getByTestId('token-save').click()
        await expect.poll(() => page.getByTestId('token-error').count()).toBe(1)
      },
    },
    {
      name: 'dialog-generate-token',
      open: async () => {
        await openCompany(office.name, 'tokens')
        await openGenerate(['InvoiceWrite', 'InvoiceRead'], 'Token do wysyłki faktur')
      },
    },
    {
      name: 'dialog-generate-token-refused-26001',
      open: async () => {
        await openCompany(office.name, 'tokens')
        const form = await openGenerate(
          ['InvoiceRead', 'EnforcementOperations'],
          'Token ponad uprawnienia',
        )
        await form.getByTestId('generate-submit').click()
        await expect
          .poll(() => form.getByTestId('generate-error-ksef').count(), { timeout: 15_000 })
          .toBe(1)
      },
    },
    {
      name: 'dialog-token-revealed',
      open: async () => {
        await openCompany(office.name, 'tokens')
        const form = await openGenerate(['InvoiceRead'], 'Token do wysyłki faktur')
        await form.getByTestId('generate-submit').click()
        await expect
          .poll(() => page.getByTestId('revealed-token').count(), { timeout: 15_000 })
          .toBe(1)
        data.push((await page.getByTestId('revealed-token').textContent()) ?? '')
      },
    },
    {
      name: 'dialog-revoke-token',
      open: async () => {
        await openCompany(office.name, 'tokens')
        await page
          .getByTestId('token-row')
          .filter({ hasText: pastedDescription })
          .getByTestId('token-row-actions')
          .click()
        await page.getByTestId('token-revoke').click()
        await expect.poll(() => page.getByTestId('confirm-dialog').count()).toBe(1)
      },
    },
    {
      name: 'dashboard',
      open: async () => {
        await page.getByTestId('view-dashboard').click()
        await expect.poll(() => page.getByTestId('dashboard-name').count()).toBe(3)
      },
    },
  ]

  /** The checks of the screen shown now, in the language and at the width it is shown in. */
  async function check(name: string, keyboard: boolean, axe: boolean): Promise<string[]> {
    // A tooltip under the pointer of the last click would come and go while the checks run.
    await page.mouse.move(0, 0)
    await settled()
    const { findings, texts } = await layoutFindings(page)
    findings.push(...languageFindings(texts, language, data))
    if (axe) findings.push(...(await axeFindings(page)))
    await screenshotWhole(page, join(screensFolder, `${name}.png`))
    if (keyboard) findings.push(...(await keyboardFindings(page)))
    return findings
  }

  it.each(screens)('$name', async (screen) => {
    const findings: string[] = []
    for (const to of languages) {
      await closeModals()
      await switchLanguage(to)
      await screen.open()
      for (const size of widths) {
        await page.setViewportSize(size)
        const at = `${screen.name}-${to}-${size.width}`
        // axe and the keyboard walk are the slow checks: once per language, Polish at 1024 and
        // English at 1366, so that each language and each width has them.
        const once = (to === 'pl') === (size.width === 1024)
        const found = await check(at, once, once)
        findings.push(...found.map((finding) => `[${to} ${size.width}] ${finding}`))
      }
      await page.setViewportSize(widths[0])
    }
    await closeModals()
    if (findings.length > 0)
      writeFileSync(join(screensFolder, `${screen.name}.findings.txt`), findings.join('\n') + '\n')
    expect(findings).toEqual([])
  })

  it('the checks find each kind of defect they look for', async () => {
    await closeModals()
    await openCompany(office.name, 'general')
    try {
      for (const to of languages) {
        await switchLanguage(to)
        await page.evaluate(plantDefects, true)
        const found = (await check(`planted-defects-${to}`, true, true)).join('\n')
        expect(found).toMatch(/planted-cut.*is cut \(ellipsis\)/)
        expect(found).toMatch(/planted-cell.*its content overflows it/)
        expect(found).toMatch(/planted-unreachable.*cannot be reached with Tab/)
        expect(found).toMatch(/axe button-name \(critical\).*planted-nameless/)
        expect(found).toMatch(
          to === 'en'
            ? /planted-cut.*Polish \(\(Polish letters\), uwierzytelnianie/
            : /planted-cell.*English \(.*\bthe\b/,
        )
      }
    } finally {
      await page.evaluate(plantDefects, false)
      await switchLanguage('pl')
    }
  })

  it('asked for less motion, a dialog and its backdrop appear with no transition', async () => {
    await closeModals()
    await page.getByTestId('add-company').click()
    await expect.poll(() => page.getByTestId('company-form').count()).toBe(1)
    const transitions = await page.evaluate(`
      ['.MuiBackdrop-root', '.MuiDialog-container'].map((selector) => {
        const element = document.querySelector('body > .MuiModal-root ' + selector)
        return element ? getComputedStyle(element).transitionDuration : 'missing'
      })`)
    expect(transitions).toEqual(['0s', '0s'])
    await closeModals()
  })

  it('the tabs and the language switch work from the keyboard', async () => {
    await closeModals()
    await switchLanguage('pl')
    await openCompany(office.name, 'general')
    const selected = (name: string) => page.getByTestId(`tab-${name}`).getAttribute('aria-selected')
    await page.getByTestId('tab-general').focus()
    await page.keyboard.press('ArrowRight')
    expect(await page.evaluate('document.activeElement?.dataset?.testid')).toBe('tab-certificates')
    await page.keyboard.press('Enter')
    await expect.poll(() => selected('certificates')).toBe('true')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Space')
    await expect.poll(() => selected('tokens')).toBe('true')
    await page.keyboard.press('Home')
    await page.keyboard.press('Enter')
    await expect.poll(() => selected('general')).toBe('true')

    // The language switch is one stop of Tab; the arrow keys move within it.
    await page.getByTestId('language-pl').focus()
    await page.keyboard.press('ArrowRight')
    expect(await page.evaluate('document.activeElement?.dataset?.testid')).toBe('language-en')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('en')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Space')
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('pl')
  })

  it('the simulator saw only contract-conformant traffic, and the page never failed', () => {
    expect(sim.contractViolations).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
