import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../ksef-sim'
import { ShiftableClock } from '../support/memory-context'
import { filesContaining, filesUnder } from '../support/temp-folder'
import { addCompany, openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

// Tab Tokeny, whole: renderer → bridge → handlers → KSeF client → simulator, in headless Chromium.
// Generuj token KSeF shows the token once; the scan at the end proves it crossed to the page in
// that one frame and was never written down in the clear.

const activationMs = 60_000

/** KSeF's one-shot answers (Pending, Revoking) last until the test moves both clocks past them. */
function startTokenSimulator(clock: ShiftableClock) {
  return startSimulator({
    clock,
    authStatusDelayMs: 0,
    tokenActivationDelayMs: activationMs,
    revocationDelayMs: activationMs,
  })
}

/** What one test of this file needs from the page: the user's steps and what they see. */
function pageSteps(page: Page) {
  const status = () => page.getByTestId('session-status').textContent()
  const steps = {
    status,
    authError: () => page.getByTestId('auth-error-title').textContent(),
    storedRow: (text: string) => page.getByTestId('token-row').filter({ hasText: text }),
    ksefRow: (text: string) => page.getByTestId('ksef-token-row').filter({ hasText: text }),

    async openCompany(name: string, tab: 'general' | 'certificates' | 'tokens') {
      await page.getByTestId('company-item').filter({ hasText: name }).click()
      await page.getByTestId(`tab-${tab}`).click()
    },

    /** A new company with its own test certificate, logged in with it. */
    async companyWithSession(name: string, nip: string) {
      const before = await page.getByTestId('company-item').count()
      await addCompany(page, name, nip, 'Test')
      await expect.poll(() => page.getByTestId('company-item').count()).toBe(before + 1)
      await page.getByTestId('tab-certificates').click()
      await page.getByTestId('certificate-create-test').click()
      await expect.poll(() => page.getByTestId('certificate-row').count()).toBe(1)
      await steps.loginWith('certificate')
    },

    async loginWith(method: 'certificate' | 'token') {
      await page.getByTestId('tab-general').click()
      await page.getByTestId(`login-${method}`).click()
      await expect
        .poll(status, { timeout: 15_000 })
        .toBe(`Zalogowano do KSeF (${method === 'certificate' ? 'certyfikat' : 'token KSeF'})`)
    },

    async logout() {
      await page.getByTestId('tab-general').click()
      await page.getByTestId('logout').click()
      await expect.poll(status).toBe('Firma nie jest zalogowana do KSeF.')
    },

    async pasteToken(token: string, description: string) {
      const rows = await page.getByTestId('token-row').count()
      await page.getByTestId('token-paste').click()
      await page.getByTestId('token-input').fill(token)
      await page.getByTestId('token-description').fill(description)
      await page.getByTestId('token-save').click()
      await expect.poll(() => page.getByTestId('token-row').count()).toBe(rows + 1)
    },

    /** Opens Generuj token KSeF and fills it; returns the form. */
    async fillGenerate(permissions: string[], description: string) {
      await page.getByTestId('token-generate').click()
      const form = page.getByTestId('generate-token-form')
      for (const permission of permissions) await form.getByTestId(`permission-${permission}`).check()
      await form.getByTestId('generate-description').fill(description)
      return form
    },

    async fetchKsefList() {
      await page.getByTestId('tokens-fetch').click()
      await expect.poll(() => page.getByTestId('ksef-tokens-loading').count()).toBe(0)
    },

    /** Dezaktywuj from a stored row's menu, confirmed. */
    async revokeStored(text: string) {
      await steps.storedRow(text).getByTestId('token-row-actions').click()
      await page.getByTestId('token-revoke').click()
      await page.getByTestId('confirm-ok').click()
    },
  }
  return steps
}

describe('Tab Tokeny, in the browser', () => {
  const clock = new ShiftableClock()
  let sim: RunningSimulator
  let app: E2eApp
  let page: Page
  let steps: ReturnType<typeof pageSteps>
  const generated: string[] = []

  beforeAll(async () => {
    sim = await startTokenSimulator(clock)
    app = await openApp({ ksefApiUrl: sim.url, clock })
    page = app.page
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: new URL(app.server.url).origin,
      })
    steps = pageSteps(page)
  })
  afterAll(async () => {
    await app?.close()
    await sim?.close()
  })

  const companyId = (name: string) =>
    app.server.ctx.companies.list().find((company) => company.name === name)?.id ?? ''
  const postsTo = (path: RegExp) => sim.requests.filter((r) => r.method === 'POST' && path.test(r.path))

  it('Generuj token KSeF → shown once, copied, masked → Pending → Active → default → token login → Dezaktywuj → Revoked → refused', async () => {
    await steps.companyWithSession('Spółka Tokenowa', '5265877635')
    await page.getByTestId('tab-tokens').click()
    expect(await page.getByTestId('token-sunset').textContent()).toBe(
      'Tokeny KSeF można stosować tylko do 31 grudnia 2026 r. Od 2027 r. logowanie wymaga certyfikatu KSeF — wczytaj go w zakładce Certyfikaty.',
    )
    await screenshot(page, 'tokens-01-tab')

    const form = await steps.fillGenerate(
      ['InvoiceWrite', 'InvoiceRead'],
      'Wysyłka faktur z programu księgowego',
    )
    expect(await form.getByTestId('generate-session').textContent()).toContain('(certyfikat)')
    expect(await form.getByTestId('description-message').textContent()).toBe('36 z 256 znaków')
    await screenshot(page, 'tokens-02-generate-form')
    await form.getByTestId('generate-submit').click()

    const revealed = page.getByTestId('revealed-token')
    await expect.poll(() => revealed.count()).toBe(1)
    const token = (await revealed.textContent()) ?? ''
    generated.push(token)
    const minted = postsTo(/\/tokens$/).at(-1)?.responseBody ?? ''
    expect(JSON.parse(minted)).toMatchObject({ token })
    expect(await page.getByTestId('reveal-warning').textContent()).toBe(
      'Token jest pokazywany tylko raz. Skopiuj go teraz — po zamknięciu tego okna zobaczysz już tylko jego skróconą postać.',
    )
    await expect
      .poll(() => page.getByTestId('reveal-status').getAttribute('data-status'))
      .toBe('Pending')
    await page.getByTestId('reveal-copy').click()
    await expect
      .poll(() => page.getByTestId('reveal-copy-result').textContent())
      .toBe('Skopiowano do schowka.')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token)
    await screenshot(page, 'tokens-03-revealed-once')
    await page.getByTestId('reveal-make-default').click()
    await expect.poll(() => page.getByTestId('reveal-is-default').count()).toBe(1)
    await page.getByTestId('reveal-close').click()
    await expect.poll(() => page.getByTestId('reveal-dialog').count()).toBe(0)

    const row = steps.storedRow('Wysyłka faktur z programu księgowego')
    const masked = (await row.getByTestId('token-masked').textContent()) ?? ''
    expect(masked).toMatch(/^\d{8}-EC-…[0-9a-f]{4}$|…/)
    expect(masked).not.toBe(token)
    expect(await page.content()).not.toContain(token.split('|')[2] ?? token)
    expect(await row.getByTestId('token-status').textContent()).toBe('Oczekuje na aktywację')
    expect(await row.getByTestId('permissions').textContent()).toBe(
      'Wystawianie faktur, Przeglądanie faktur',
    )
    expect(await row.getByTestId('token-default').locator('input').isChecked()).toBe(true)
    await screenshot(page, 'tokens-04-masked-pending')

    clock.advance(activationMs + 1_000)
    await expect.poll(() => row.getByTestId('token-status').textContent()).toBe('Aktywny')
    await screenshot(page, 'tokens-05-active-default')

    await steps.logout()
    await steps.loginWith('token')
    await screenshot(page, 'tokens-06-token-login')

    await page.getByTestId('tab-tokens').click()
    await steps.revokeStored('Wysyłka faktur z programu księgowego')
    await expect
      .poll(() => row.getByTestId('token-status').textContent())
      .toBe('Unieważnianie w toku')
    expect(await page.getByTestId('token-default-change').textContent()).toContain(
      'Zaloguj tokenem KSeF odmówi',
    )
    await screenshot(page, 'tokens-07-revoking')
    clock.advance(activationMs + 1_000)
    await expect.poll(() => row.getByTestId('token-status').textContent()).toBe('Unieważniony')
    await screenshot(page, 'tokens-08-revoked')

    await steps.logout()
    const tokenLogins = postsTo(/\/auth\/ksef-token$/).length
    await page.getByTestId('login-token').click()
    await expect
      .poll(steps.authError)
      .toBe(
        'Ten token został unieważniony w KSeF — nie posłuży już do logowania. Wygeneruj nowy token albo zaloguj się certyfikatem.',
      )
    await screenshot(page, 'tokens-09-revoked-refused-by-app')
    expect(postsTo(/\/auth\/ksef-token$/)).toHaveLength(tokenLogins)
    expect(await steps.status()).toBe('Firma nie jest zalogowana do KSeF.')
    expect(app.server.ctx.login.state(companyId('Spółka Tokenowa')).session).toBeNull()
  })

  it('the generated token crossed to the page in exactly one frame and was never written down', () => {
    expect(generated).toHaveLength(1)
    const transcript = app.server.broadcast.transcript
    for (const token of generated) {
      const secret = token.split('|')[2] ?? ''
      expect(secret.length).toBeGreaterThanOrEqual(32)
      const frames = transcript.filter((frame) => frame.includes(secret))
      expect(frames).toHaveLength(1)
      expect(JSON.parse(frames[0] ?? '{}')).toMatchObject({
        type: 'result',
        envelope: { ok: true, value: { token } },
      })
      expect(filesContaining(app.dataFolder, secret)).toEqual([])
      expect(filesContaining(app.dataFolder, token)).toEqual([])
    }
    expect(filesUnder(app.dataFolder).some(({ path }) => path.endsWith('main.log'))).toBe(true)
  })

  it('the simulator saw only contract-conformant traffic, and the page never failed', () => {
    expect(sim.contractViolations).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
