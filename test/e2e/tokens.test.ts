import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../ksef-sim'
import { ShiftableClock } from '../support/memory-context'
import { filesContaining, filesUnder } from '../support/temp-folder'
import { ksefTokenSunset } from '../../shared/domain/token-sunset'
import { addCompany, openApp, type E2eApp, storeOtherSubjectCertificate } from './support/app'
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

/**
 * Stores a certificate KSeF issued to someone else (an accountant granted permissions in the
 * company) as the company's default, through the same dispatch the page uses.
 */
async function storeGranteeCertificate(
  app: E2eApp,
  sim: RunningSimulator,
  companyId: string,
  nip: string,
) {
  const issued = await sim.seed.issueCertificate({
    subject: {
      commonName: 'Biuro Rachunkowe',
      countryName: 'PL',
      organizationName: 'Biuro Rachunkowe',
      organizationIdentifier: `VATPL-${nip}`,
    },
  })
  await storeOtherSubjectCertificate(app, companyId, issued)
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
      for (const permission of permissions)
        await form.getByTestId(`permission-${permission}`).check()
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
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(app.server.url).origin,
    })
    steps = pageSteps(page)
  })
  afterAll(async () => {
    // Tokens still Pending or Revoking are followed in the background: closing the app cuts their
    // waits short and leaves their reads still queued for KSeF's windows unsent.
    await app?.close()
    await sim?.close()
  })

  const companyId = (name: string) =>
    app.server.ctx.companies.list().find((company) => company.name === name)?.id ?? ''
  const postsTo = (path: RegExp) =>
    sim.requests.filter((r) => r.method === 'POST' && path.test(r.path))

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
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token)
    await screenshot(page, 'tokens-03-revealed-once')
    // The company's only token is its default at once; a second one is offered (below).
    expect(await page.getByTestId('reveal-is-default').count()).toBe(1)
    await page.getByTestId('reveal-close').click()
    await expect.poll(() => page.getByTestId('reveal-dialog').count()).toBe(0)

    const row = steps.storedRow('Wysyłka faktur z programu księgowego')
    const masked = (await row.getByTestId('token-masked').textContent()) ?? ''
    expect(masked).toMatch(/^\d{8}-EC-…[0-9a-f]{4}$/)
    expect(masked).not.toBe(token)
    expect(await page.content()).not.toContain(token.split('|')[2] ?? token)
    expect(await row.getByTestId('token-status').textContent()).toBe('Oczekuje na aktywację')
    expect(await row.getByTestId('permissions').textContent()).toBe(
      'Wystawianie faktur, Przeglądanie faktur',
    )
    expect(await row.getByTestId('token-default').locator('input').isChecked()).toBe(true)
    await steps.fetchKsefList()
    const listed = steps.ksefRow('Wysyłka faktur z programu księgowego')
    expect(await listed.getByTestId('ksef-token-status').textContent()).toBe(
      'Oczekuje na aktywację',
    )
    expect(await listed.getByTestId('ksef-token-held').count()).toBe(1)
    await screenshot(page, 'tokens-04-masked-pending')

    clock.advance(activationMs + 1_000)
    await expect.poll(() => row.getByTestId('token-status').textContent()).toBe('Aktywny')
    await expect.poll(() => listed.getByTestId('ksef-token-status').textContent()).toBe('Aktywny')
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

  it('offers a second generated token as the default; Dezaktywuj of the default hands it on and says so', async () => {
    await steps.companyWithSession('Spółka Dwa Tokeny', '5265877612')
    await page.getByTestId('tab-tokens').click()
    await (
      await steps.fillGenerate(['InvoiceRead'], 'Pierwszy token')
    )
      .getByTestId('generate-submit')
      .click()
    await expect.poll(() => page.getByTestId('revealed-token').count()).toBe(1)
    generated.push((await page.getByTestId('revealed-token').textContent()) ?? '')
    await page.getByTestId('reveal-close').click()

    const form = await steps.fillGenerate([], 'Drugi token')
    await form.getByTestId('preset-sendAndReadInvoices').click()
    expect(await form.getByTestId('permission-InvoiceWrite').isChecked()).toBe(true)
    expect(await form.getByTestId('permission-InvoiceRead').isChecked()).toBe(true)
    await form.getByTestId('generate-submit').click()
    await expect.poll(() => page.getByTestId('revealed-token').count()).toBe(1)
    generated.push((await page.getByTestId('revealed-token').textContent()) ?? '')
    expect(await page.getByTestId('reveal-is-default').count()).toBe(0)
    await screenshot(page, 'tokens-10-second-token-offered-default')
    await page.getByTestId('reveal-make-default').click()
    await expect.poll(() => page.getByTestId('reveal-is-default').count()).toBe(1)
    await page.getByTestId('reveal-close').click()

    const first = steps.storedRow('Pierwszy token')
    const second = steps.storedRow('Drugi token')
    expect(await second.getByTestId('token-default').locator('input').isChecked()).toBe(true)
    const firstMasked = (await first.getByTestId('token-masked').textContent()) ?? ''
    const secondMasked = (await second.getByTestId('token-masked').textContent()) ?? ''
    await second.getByTestId('token-row-actions').click()
    await page.getByTestId('token-revoke').click()
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain(
      `To domyślny token tej firmy — domyślnym zostanie ${firstMasked}.`,
    )
    await screenshot(page, 'tokens-11-revoke-default-confirm')
    await page.getByTestId('confirm-ok').click()
    await expect
      .poll(() => page.getByTestId('token-default-change').textContent())
      .toBe(
        `Token ${secondMasked} został dezaktywowany, więc domyślnym tokenem jest teraz ${firstMasked}.`,
      )
    expect(await first.getByTestId('token-default').locator('input').isChecked()).toBe(true)
    await screenshot(page, 'tokens-12-default-handed-on')
  })

  it('refuses what KSeF would refuse before asking it: Opis of 4 and 257 characters, no permission, no session', async () => {
    await steps.companyWithSession('Spółka Reguły', '5265877629')
    await page.getByTestId('tab-tokens').click()
    const sent = postsTo(/\/tokens$/).length
    const form = await steps.fillGenerate(['InvoiceRead'], 'Abcd')
    const submit = form.getByTestId('generate-submit')
    const message = () => form.getByTestId('description-message').textContent()
    expect(await message()).toBe('Opis musi mieć co najmniej 5 znaków (wpisano 4).')
    expect(await submit.isDisabled()).toBe(true)
    await screenshot(page, 'tokens-13-description-4')
    await form.getByTestId('generate-description').fill('x'.repeat(257))
    expect(await message()).toBe('Opis może mieć najwyżej 256 znaków (wpisano 257).')
    expect(await submit.isDisabled()).toBe(true)
    await screenshot(page, 'tokens-14-description-257')
    await form.getByTestId('generate-description').fill('x'.repeat(256))
    expect(await message()).toBe('256 z 256 znaków')
    expect(await submit.isDisabled()).toBe(false)
    await form.getByTestId('permission-InvoiceRead').uncheck()
    expect(await form.getByTestId('permissions-message').textContent()).toBe(
      'Wybierz co najmniej jedno uprawnienie.',
    )
    expect(await submit.isDisabled()).toBe(true)
    await screenshot(page, 'tokens-15-no-permission')
    await form.getByTestId('generate-description').press('Enter')
    await form.getByTestId('generate-token-form-cancel').click()

    await steps.logout()
    await page.getByTestId('tab-tokens').click()
    const noSession = await steps.fillGenerate(['InvoiceRead'], 'Token bez sesji')
    expect(await noSession.getByTestId('generate-no-session').textContent()).toContain(
      'Generowanie tokenu wymaga sesji tej firmy w KSeF. Zaloguj się — najlepiej certyfikatem KSeF.',
    )
    expect(await noSession.getByTestId('generate-submit').isDisabled()).toBe(true)
    await screenshot(page, 'tokens-16-no-session')
    expect(postsTo(/\/tokens$/)).toHaveLength(sent)
    expect(app.server.ctx.credentials.tokens(companyId('Spółka Reguły'))).toEqual([])

    // The form offers the login itself, and generating works straight after it.
    await noSession.getByTestId('generate-login').click()
    await expect
      .poll(() => noSession.getByTestId('generate-session').count(), { timeout: 15_000 })
      .toBe(1)
    await noSession.getByTestId('generate-submit').click()
    await expect.poll(() => page.getByTestId('revealed-token').count()).toBe(1)
    generated.push((await page.getByTestId('revealed-token').textContent()) ?? '')
    await page.getByTestId('reveal-close').click()
  })

  it('explains 26001 (permissions beyond the session) and stores nothing', async () => {
    await steps.companyWithSession('Spółka Bez Egzekucji', '5265877641')
    await page.getByTestId('tab-tokens').click()
    const form = await steps.fillGenerate(
      ['InvoiceRead', 'EnforcementOperations'],
      'Token komornika',
    )
    await form.getByTestId('generate-submit').click()
    await expect
      .poll(() => form.getByTestId('generate-error-ksef').textContent())
      .toBe('Kod KSeF 26001: Brak uprawnień do nadania')
    expect(await form.getByTestId('generate-error').textContent()).toContain(
      'Wybierz tylko uprawnienia, które masz w tej firmie.',
    )
    await screenshot(page, 'tokens-17-26001')
    expect(app.server.ctx.credentials.tokens(companyId('Spółka Bez Egzekucji'))).toEqual([])
    expect(await page.getByTestId('tokens-empty').count()).toBe(1)
    await form.getByTestId('generate-token-form-cancel').click()
  })

  it('a token revoked in KSeF by someone else is refused by KSeF with 450, explained, no session kept', async () => {
    const nip = '5265877658'
    await addCompany(page, 'Spółka Cudzy Token', nip, 'Test')
    // Saved and selected: the tabs were already there for the company selected before.
    await expect
      .poll(() => page.getByTestId('company-title').textContent())
      .toBe('Spółka Cudzy Token')
    await page.getByTestId('tab-tokens').click()
    const { token, referenceNumber } = sim.seed.createToken({
      context: { type: 'Nip', value: nip },
      permissions: ['InvoiceRead'],
    })
    await steps.pasteToken(token, 'Token z Aplikacji Podatnika')
    sim.seed.revokeToken(referenceNumber)
    await page.getByTestId('tab-general').click()
    await page.getByTestId('login-token').click()
    await expect
      .poll(steps.authError, { timeout: 15_000 })
      .toBe('Uwierzytelnienie w KSeF nie powiodło się.')
    expect(await page.getByTestId('auth-error-ksef').textContent()).toMatch(/^Kod KSeF 450: /)
    await screenshot(page, 'tokens-18-revoked-elsewhere-450')
    expect(await steps.status()).toBe('Firma nie jest zalogowana do KSeF.')
    expect(app.server.ctx.login.state(companyId('Spółka Cudzy Token')).session).toBeNull()
  })

  it('Pobierz tokeny pages over 25 tokens with Pokaż więcej, and filters by status, description and author', async () => {
    const nip = '5265877664'
    const context = { type: 'Nip' as const, value: nip }
    for (let i = 1; i <= 20; i += 1)
      sim.seed.createToken({
        context,
        permissions: ['InvoiceRead'],
        description: `Token numer ${i}`,
      })
    for (let i = 1; i <= 3; i += 1)
      sim.seed.createToken({
        context,
        permissions: ['InvoiceRead'],
        author: { type: 'Nip', value: '7740001454' },
        description: `Biuro rachunkowe ${i}`,
      })
    for (let i = 1; i <= 2; i += 1)
      sim.seed.createToken({
        context,
        permissions: ['InvoiceWrite'],
        status: 'Revoked',
        description: `Stary token ${i}`,
      })
    await steps.companyWithSession('Spółka Wiele Tokenów', nip)
    await page.getByTestId('tab-tokens').click()
    await steps.fetchKsefList()
    const rows = () => page.getByTestId('ksef-token-row').count()
    expect(await rows()).toBe(20)
    expect(await page.getByTestId('ksef-tokens-visibility').count()).toBe(0)
    await screenshot(page, 'tokens-19-ksef-list-page-1')
    await page.getByTestId('ksef-tokens-more').click()
    await expect.poll(rows).toBe(25)
    expect(await page.getByTestId('ksef-tokens-more').count()).toBe(0)
    await screenshot(page, 'tokens-20-ksef-list-all')
    expect(
      await steps.ksefRow('Stary token 1').getByTestId('ksef-token-status').textContent(),
    ).toBe('Unieważniony')
    expect(
      await steps.ksefRow('Biuro rachunkowe 1').getByTestId('ksef-token-author').textContent(),
    ).toBe('NIP 7740001454')

    // Tokens seeded in one millisecond share dateCreated, so KSeF's order among them is open.
    const descriptions = async () =>
      (await page.getByTestId('ksef-token-description').allTextContents()).sort()
    const filter = page.getByTestId('ksef-tokens-filter')
    await filter.getByTestId('filter-status').click()
    await page.getByTestId('filter-status-Revoked').click()
    await page.keyboard.press('Escape')
    await filter.getByTestId('filter-apply').click()
    await expect.poll(descriptions).toEqual(['Stary token 1', 'Stary token 2'])
    await screenshot(page, 'tokens-21-filter-status')

    await filter.getByTestId('filter-status').click()
    await page.getByTestId('filter-status-Revoked').click()
    await page.keyboard.press('Escape')
    await filter.getByTestId('filter-description').fill('biuro')
    await filter.getByTestId('filter-apply').click()
    await expect
      .poll(descriptions)
      .toEqual(['Biuro rachunkowe 1', 'Biuro rachunkowe 2', 'Biuro rachunkowe 3'])
    await screenshot(page, 'tokens-22-filter-description')

    await filter.getByTestId('filter-description').fill('')
    await filter.getByTestId('filter-author').fill('7740001454')
    await filter.getByTestId('filter-apply').click()
    await expect
      .poll(() => page.getByTestId('ksef-token-author').allTextContents())
      .toEqual(['NIP 7740001454', 'NIP 7740001454', 'NIP 7740001454'])
    await screenshot(page, 'tokens-23-filter-author')

    await filter.getByTestId('filter-author').fill('zzzzz')
    await filter.getByTestId('filter-apply').click()
    await expect
      .poll(() => page.getByTestId('ksef-tokens-empty').textContent())
      .toBe('Żaden token w KSeF nie pasuje do filtrów.')
    await filter.getByTestId('filter-author').fill('77')
    await filter.getByTestId('filter-apply').click()
    await expect
      .poll(() => page.getByTestId('ksef-tokens-error-title').textContent())
      .toBe('Aby filtrować po opisie lub autorze, wpisz co najmniej 3 znaki.')
  })

  it('says why KSeF shows only some tokens: a token session sees its own token, a grantee without CredentialsRead its own', async () => {
    const nip = '5265877670'
    const context = { type: 'Nip' as const, value: nip }
    sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      description: 'Token właściciela',
    })
    const mine = sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      description: 'Token tej sesji',
    })
    await addCompany(page, 'Spółka Widoczność', nip, 'Test')
    // Saved and selected: the tabs were already there for the company selected before.
    await expect
      .poll(() => page.getByTestId('company-title').textContent())
      .toBe('Spółka Widoczność')
    await page.getByTestId('tab-tokens').click()
    await steps.pasteToken(mine.token, 'Token tej sesji')
    await steps.loginWith('token')
    await page.getByTestId('tab-tokens').click()
    await steps.fetchKsefList()
    expect(await page.getByTestId('ksef-token-description').allTextContents()).toEqual([
      'Token tej sesji',
    ])
    expect(await page.getByTestId('ksef-tokens-visibility').textContent()).toBe(
      'Ta sesja zalogowała się tokenem KSeF, więc KSeF pokazuje jej tylko ten token. Wszystkie tokeny firmy zobaczy sesja z uprawnieniem Zarządzanie uprawnieniami lub Przeglądanie uprawnień (np. po zalogowaniu certyfikatem właściciela).',
    )
    await screenshot(page, 'tokens-24-visibility-session-token')
    await steps.logout()

    const grantee = { type: 'Nip' as const, value: '7740001454' }
    sim.seed.grantPermission({ context, subject: grantee, permissions: ['InvoiceRead'] })
    await storeGranteeCertificate(app, sim, companyId('Spółka Widoczność'), grantee.value)
    await steps.loginWith('certificate')
    await page.getByTestId('tab-tokens').click()
    await steps.fetchKsefList()
    expect(await page.getByTestId('ksef-tokens-empty').textContent()).toBe(
      'KSeF nie ma żadnego tokenu tej firmy, który ta sesja może zobaczyć.',
    )
    expect(await page.getByTestId('ksef-tokens-visibility').textContent()).toBe(
      'KSeF pokazuje tej sesji tylko tokeny wygenerowane przez zalogowany podmiot. Wszystkie tokeny firmy zobaczy sesja z uprawnieniem Zarządzanie uprawnieniami lub Przeglądanie uprawnień.',
    )
    await screenshot(page, 'tokens-25-visibility-own-only')
    await steps.logout()
  })

  it('refuses a revoke the session may not make (403), and a second revoke, sending no DELETE', async () => {
    const nip = '5265877687'
    const context = { type: 'Nip' as const, value: nip }
    const owners = sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      description: 'Token właściciela',
    })
    const grantee = { type: 'Nip' as const, value: '7740001454' }
    sim.seed.grantPermission({
      context,
      subject: grantee,
      permissions: ['InvoiceRead', 'CredentialsRead'],
    })
    await addCompany(page, 'Spółka Cudze Uprawnienia', nip, 'Test')
    // Saved and selected: the tabs were already there for the company selected before.
    await expect
      .poll(() => page.getByTestId('company-title').textContent())
      .toBe('Spółka Cudze Uprawnienia')
    await storeGranteeCertificate(app, sim, companyId('Spółka Cudze Uprawnienia'), grantee.value)
    await steps.loginWith('certificate')
    await page.getByTestId('tab-tokens').click()
    await steps.fetchKsefList()
    const deletes = () =>
      sim.requests.filter((r) => r.method === 'DELETE' && r.path.includes('/tokens/')).length
    const sentDeletes = deletes()
    await steps.ksefRow('Token właściciela').getByTestId('ksef-token-revoke').click()
    await page.getByTestId('confirm-ok').click()
    await expect
      .poll(() => page.getByTestId('confirm-dialog').getByRole('alert').textContent())
      .toBe(
        'KSeF nie pozwala tej sesji unieważnić tego tokena. Bez uprawnienia Zarządzanie uprawnieniami można unieważnić tylko tokeny wygenerowane przez siebie, a po zalogowaniu tokenem — tylko ten token. Zaloguj się jako właściciel lub osoba z tym uprawnieniem.',
      )
    await screenshot(page, 'tokens-26-revoke-forbidden')
    await page.getByTestId('confirm-cancel').click()
    expect(
      await steps.ksefRow('Token właściciela').getByTestId('ksef-token-status').textContent(),
    ).toBe('Aktywny')
    expect(deletes()).toBe(sentDeletes + 1)

    // Someone revoked it meanwhile: the list the user looks at still says Active.
    sim.seed.revokeToken(owners.referenceNumber)
    await steps.ksefRow('Token właściciela').getByTestId('ksef-token-revoke').click()
    await page.getByTestId('confirm-ok').click()
    await expect
      .poll(() => page.getByTestId('confirm-dialog').getByRole('alert').textContent())
      .toBe(
        'Ten token jest już unieważniany lub unieważniony w KSeF — nic więcej nie trzeba robić.',
      )
    await screenshot(page, 'tokens-27-revoke-twice')
    await page.getByTestId('confirm-cancel').click()
    expect(deletes()).toBe(sentDeletes + 1)
    await steps.logout()
  })

  it('shows KSeF 429 during Pobierz tokeny, explained, and changes nothing', async () => {
    await steps.companyWithSession('Spółka Limit', '5265877693')
    await page.getByTestId('tab-tokens').click()
    sim.faults.rateLimitNext(1, 120, /^GET \/tokens/)
    await page.getByTestId('tokens-fetch').click()
    await expect
      .poll(() => page.getByTestId('ksef-tokens-error-title').textContent())
      .toBe('Za dużo zapytań do KSeF. Spróbuj ponownie za chwilę.')
    await screenshot(page, 'tokens-28-rate-limited')
    expect(await page.getByTestId('ksef-token-row').count()).toBe(0)
    expect(app.server.ctx.credentials.tokens(companyId('Spółka Limit'))).toEqual([])
    // KSeF's two minutes now hold this company's GET /tokens for every caller (the rate limiter):
    // a click at once would be a second breach, which lengthens KSeF's block.
  })

  it('Sprawdź token finds a token whose author lost permissions, though KSeF still shows it Active; the badge shows it', async () => {
    const nip = '5265877701'
    const context = { type: 'Nip' as const, value: nip }
    const author = { type: 'Nip' as const, value: '7740001454' }
    sim.seed.grantPermission({ context, subject: author, permissions: ['InvoiceRead'] })
    const { token } = sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
      author,
      description: 'Token biura',
    })
    await addCompany(page, 'Spółka Sprawdzana', nip, 'Test')
    // Saved and selected: the tabs were already there for the company selected before.
    await expect
      .poll(() => page.getByTestId('company-title').textContent())
      .toBe('Spółka Sprawdzana')
    await page.getByTestId('tab-tokens').click()
    await steps.pasteToken(token, 'Token biura')
    const row = steps.storedRow('Token biura')
    await row.getByTestId('token-check').click()
    await expect
      .poll(() => row.getByTestId('token-check-result').textContent(), { timeout: 15_000 })
      .toMatch(/^Loguje — sprawdzono /)
    await screenshot(page, 'tokens-29-check-ok')

    sim.seed.revokePermission({ context, subject: author })
    await row.getByTestId('token-check').click()
    await expect
      .poll(() => row.getByTestId('token-check-result').textContent(), { timeout: 15_000 })
      .toMatch(/^Nie loguje \(sprawdzono .+\): status KSeF 415 — /)
    const item = page.getByTestId('company-item').filter({ hasText: 'Spółka Sprawdzana' })
    await expect.poll(() => item.getByTestId('badge-token-check').count()).toBe(1)
    await screenshot(page, 'tokens-30-check-failed-badge')
    expect(app.server.ctx.login.state(companyId('Spółka Sprawdzana')).session).toBeNull()

    // KSeF itself still lists it Active: only the real login found it out.
    await page.getByTestId('tab-certificates').click()
    await page.getByTestId('certificate-create-test').click()
    await expect.poll(() => page.getByTestId('certificate-row').count()).toBe(1)
    await steps.loginWith('certificate')
    await page.getByTestId('tab-tokens').click()
    await steps.fetchKsefList()
    expect(await steps.ksefRow('Token biura').getByTestId('ksef-token-status').textContent()).toBe(
      'Aktywny',
    )
    expect(await row.getByTestId('token-check-result').textContent()).toMatch(/^Nie loguje/)
    await screenshot(page, 'tokens-31-check-failed-still-active')
    await steps.logout()
  })

  it('fits 1024 and 1366 px wide, in Polish and in English', async () => {
    const nip = '5265877724'
    const { token } = sim.seed.createToken({
      context: { type: 'Nip', value: nip },
      permissions: ['InvoiceRead', 'CredentialsRead'],
      description: 'Token wklejony z Aplikacji Podatnika do odczytu faktur',
    })
    await steps.companyWithSession('Spółka z bardzo długą nazwą handlową sp. z o.o.', nip)
    await page.getByTestId('tab-tokens').click()
    await steps.pasteToken(token, 'Token wklejony z Aplikacji Podatnika do odczytu faktur')
    await steps.storedRow('Token wklejony').getByTestId('token-check').click()
    await expect
      .poll(() => steps.storedRow('Token wklejony').getByTestId('token-check-result').textContent())
      .toMatch(/^Loguje/)
    await steps.fetchKsefList()

    const overflow = () =>
      page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')
    for (const language of ['pl', 'en'] as const) {
      await page.getByTestId(`language-${language}`).click()
      await expect
        .poll(() => page.getByTestId('token-generate').textContent())
        .toBe(language === 'pl' ? 'Generuj token KSeF' : 'Generate KSeF token')
      for (const width of [1024, 1366]) {
        await page.setViewportSize({ width, height: 768 })
        await expect.poll(overflow).toBe(0)
        await screenshot(page, `tokens-50-tab-${width}-${language}`)
        const form = await steps.fillGenerate(['InvoiceRead', 'InvoiceWrite'], 'Abcd')
        await screenshot(page, `tokens-51-generate-${width}-${language}`)
        await form.getByTestId('generate-token-form-cancel').click()
        await expect.poll(() => form.count()).toBe(0)
      }
    }
    await page.setViewportSize({ width: 1024, height: 768 })
    await (
      await steps.fillGenerate(['InvoiceRead'], 'Layout check token')
    )
      .getByTestId('generate-submit')
      .click()
    await expect.poll(() => page.getByTestId('revealed-token').count()).toBe(1)
    generated.push((await page.getByTestId('revealed-token').textContent()) ?? '')
    await screenshot(page, 'tokens-52-reveal-1024-en')
    await page.getByTestId('reveal-close').click()
    await page.getByTestId('language-pl').click()
    await page.setViewportSize({ width: 1280, height: 820 })
  })

  it('the generated token crossed to the page in exactly one frame and was never written down', () => {
    expect(generated.length).toBeGreaterThanOrEqual(4)
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
    // The scan covers the audit log too (Dziennik zdarzeń): no secret in any of its lines.
    expect(filesUnder(app.dataFolder).some(({ path }) => path.endsWith('audit.jsonl'))).toBe(true)
  })

  it('the simulator saw only contract-conformant traffic, and the page never failed', () => {
    expect(sim.contractViolations).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})

describe('the end of tokens, on the app clock', () => {
  const clock = new ShiftableClock()
  let sim: RunningSimulator
  let app: E2eApp
  let page: Page
  let steps: ReturnType<typeof pageSteps>

  beforeAll(async () => {
    // One minute before midnight in Warsaw, 31 December 2026: the app and KSeF share the clock.
    clock.advance(ksefTokenSunset - 60_000 - Date.now())
    sim = await startTokenSimulator(clock)
    app = await openApp({ ksefApiUrl: sim.url, clock })
    page = app.page
    steps = pageSteps(page)
  })
  afterAll(async () => {
    // Tokens still Pending or Revoking are followed in the background: closing the app cuts their
    // waits short and leaves their reads still queued for KSeF's windows unsent.
    await app?.close()
    await sim?.close()
  })

  it('from 1 January 2027 generation and token login are off with the notice; the setting turns them on; the banner follows the date', async () => {
    await steps.companyWithSession('Spółka Sylwester', '5265877718')
    await page.getByTestId('tab-tokens').click()
    expect(await page.getByTestId('token-sunset').textContent()).toBe(
      'Tokeny KSeF można stosować tylko do 31 grudnia 2026 r. Od 2027 r. logowanie wymaga certyfikatu KSeF — wczytaj go w zakładce Certyfikaty.',
    )
    expect(await page.getByTestId('token-generate').isEnabled()).toBe(true)
    await screenshot(page, 'tokens-40-sunset-eve')

    clock.advance(2 * 60_000)
    await page.getByTestId('tab-general').click()
    await expect.poll(() => page.getByTestId('login-token-off').count()).toBe(1)
    expect(await page.getByTestId('login-token-off').textContent()).toBe(
      'Od 1 stycznia 2027 r. logowanie tokenem KSeF jest wyłączone — zaloguj się certyfikatem KSeF. Jeśli przepisy przedłużyły termin, tokeny włączysz na zakładce Tokeny.',
    )
    expect(await page.getByTestId('login-token').isDisabled()).toBe(true)
    await screenshot(page, 'tokens-41-2027-login-off')
    await page.getByTestId('tab-tokens').click()
    await expect
      .poll(() => page.getByTestId('token-sunset-text').textContent())
      .toBe(
        'Od 1 stycznia 2027 r. tokeny KSeF nie służą już do logowania. Używaj certyfikatu KSeF (zakładka Certyfikaty). Generowanie tokenów i logowanie tokenem są wyłączone.',
      )
    expect(await page.getByTestId('token-generate').isDisabled()).toBe(true)
    await screenshot(page, 'tokens-42-2027-off')

    // The switch follows the preference main stores, a round trip after the click: click and wait
    // for the text it changes, as check() would fail on a state that has not arrived yet.
    await page.getByTestId('tokens-after-2026').click()
    await expect
      .poll(() => page.getByTestId('token-sunset-text').textContent())
      .toBe(
        'Tokeny KSeF są włączone mimo upływu terminu 31 grudnia 2026 r. Zostaw je włączone tylko wtedy, gdy przepisy przedłużyły ten termin.',
      )
    expect(await page.getByTestId('token-generate').isEnabled()).toBe(true)
    expect(app.server.ctx.preferences.get().tokensAfter2026).toBe(true)
    await screenshot(page, 'tokens-43-2027-turned-on')

    await (
      await steps.fillGenerate(['InvoiceRead'], 'Token na 2027')
    )
      .getByTestId('generate-submit')
      .click()
    await expect.poll(() => page.getByTestId('revealed-token').count()).toBe(1)
    const token = (await page.getByTestId('revealed-token').textContent()) ?? ''
    await page.getByTestId('reveal-close').click()
    clock.advance(activationMs + 1_000)
    await expect
      .poll(() => steps.storedRow('Token na 2027').getByTestId('token-status').textContent())
      .toBe('Aktywny')
    await steps.logout()
    expect(await page.getByTestId('login-token-off').count()).toBe(0)
    await steps.loginWith('token')
    await screenshot(page, 'tokens-44-2027-token-login')
    await steps.logout()

    const frames = app.server.broadcast.transcript.filter((frame) => frame.includes(token))
    expect(frames).toHaveLength(1)
    expect(filesContaining(app.dataFolder, token.split('|')[2] ?? token)).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
