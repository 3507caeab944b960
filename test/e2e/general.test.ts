import { readFileSync, writeFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import en from '../../renderer/src/i18n/en.json'
import { startSimulator, type RunningSimulator } from '../ksef-sim'
import { Workspace, selfSignedCertificate, xmlsecSign } from '../support/external-tools'
import { OpensslCredentials, sealSubject } from '../support/openssl-credentials'
import { tempFolder } from '../support/temp-folder'
import { addCompany, openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

// Ogólne as an accountant sees it at 1024 px, in Polish and in English (issue 11): the app's own
// words for statuses and methods, KSeF's Polish only as quoted detail, the current session asking
// before it is revoked, compact finished operations and Wyczyść, login buttons that say what a
// second click does, NIP written as NIP, the company form and the token field.

const nip = '5265877635'
const otherNip = '7740001454'

describe('Ogólne, at 1024 px', () => {
  const files = tempFolder('ksef-desk-e2e-general-')
  const tool = new OpensslCredentials(files.path)
  let sim: RunningSimulator
  let app: E2eApp
  let page: Page

  beforeAll(async () => {
    sim = await startSimulator({ authStatusDelayMs: 200 })
    app = await openApp({ ksefApiUrl: sim.url, viewport: { width: 1024, height: 700 } })
    page = app.page
    await addCompany(page, 'Spółka Testowa', nip, 'Test')
    await page.getByTestId('company-item').waitFor()
  })
  afterAll(async () => {
    await app?.close()
    await sim?.close()
    files.remove()
  })

  const status = () => page.getByTestId('session-status').textContent()
  const openCompany = async (name: string, tab: 'general' | 'certificates' | 'tokens') => {
    await page.getByTestId('company-item').filter({ hasText: name }).click()
    await page.getByTestId(`tab-${tab}`).click()
  }
  /** The whole tab at 1024 px: the window made tall for the shot, as the tab scrolls inside it. */
  const wholeTab = async (name: string) => {
    await page.setViewportSize({ width: 1024, height: 1700 })
    try {
      await screenshot(page, name)
    } finally {
      await page.setViewportSize({ width: 1024, height: 700 })
    }
  }
  const language = async (code: 'pl' | 'en') => {
    await page.getByTestId(`language-${code}`).click()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(code)
  }

  it('not logged in: the shield carries no tick; the company form can still move NIP and environment', async () => {
    await openCompany('Spółka Testowa', 'general')
    expect(await status()).toBe('Firma nie jest zalogowana do KSeF.')
    expect(await page.getByTestId('session-icon-out').count()).toBe(1)
    expect(await page.getByTestId('session-icon-in').count()).toBe(0)
    expect(await page.getByTestId('login-certificate').textContent()).toBe(
      'Zaloguj certyfikatem KSeF',
    )
    expect(await page.getByTestId('login-again-help').count()).toBe(0)

    await page.getByTestId('company-edit').click()
    await expect.poll(() => page.getByTestId('company-form').isVisible()).toBe(true)
    expect(await page.getByTestId('company-context-locked').count()).toBe(0)
    expect(await page.getByTestId('company-identifier').isDisabled()).toBe(false)
    await page.getByRole('button', { name: 'Anuluj' }).click()
  })

  it('the signed-request buttons wrap without indenting the second', async () => {
    const first = await page.getByTestId('download-request').boundingBox()
    const second = await page.getByTestId('submit-signed').boundingBox()
    expect(first && second).toBeTruthy()
    if (!first || !second) return
    if (second.y > first.y + first.height / 2) expect(second.x).toBe(first.x)
    else expect(second.y).toBe(first.y)
  })

  it('logged in with a self-signed test certificate: Aktywne sesje say so, KSeF’s name only as its words', async () => {
    await page.getByTestId('tab-certificates').click()
    await page.getByTestId('certificate-create-test').click()
    await expect.poll(() => page.getByTestId('certificate-row').count()).toBe(1)
    await page.getByTestId('tab-general').click()
    await page.getByTestId('login-certificate').click()
    await expect.poll(status, { timeout: 15_000 }).toBe('Zalogowano do KSeF (certyfikat)')
    expect(await page.getByTestId('session-icon-in').count()).toBe(1)
    expect(await page.getByTestId('login-certificate').textContent()).toBe(
      'Zaloguj ponownie certyfikatem KSeF',
    )
    expect(await page.getByTestId('login-token').textContent()).toBe(
      'Zaloguj ponownie tokenem KSeF',
    )
    expect(await page.getByTestId('login-again-help').isVisible()).toBe(true)

    await page.getByTestId('sessions-load').click()
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(1)
    const method = page.getByTestId('session-method')
    expect(await method.textContent()).toMatch(
      /^Certyfikat testowy \(samopodpisany\)Nazwa w KSeF: „.+”$/,
    )
    expect(await page.getByTestId('session-method-detail').textContent()).toMatch(
      /^Nazwa w KSeF: „.+”$/,
    )
    await wholeTab('general-1024-pl-logged-in')
    await language('en')
    expect(await method.textContent()).toMatch(
      /^Self-signed test certificateKSeF's name \(Polish\): “.+”$/,
    )
    expect(await page.getByTestId('login-certificate').textContent()).toBe(
      'Log in again with a KSeF certificate',
    )
    await wholeTab('general-1024-en-logged-in')
    await language('pl')
  })

  it('a redeemed operation shows no buttons; Wyczyść removes the finished ones', async () => {
    const row = page.getByTestId('operation-row').first()
    expect(await row.getByTestId('operation-status').textContent()).toBe('200 — token pobrany')
    expect(await row.getAttribute('data-finished')).toBe('true')
    expect(await row.locator('button').count()).toBe(0)
    expect(await page.getByTestId('operation-actions').count()).toBe(0)
    await page.getByTestId('operations-clear').click()
    await expect.poll(() => page.getByTestId('operation-row').count()).toBe(0)
    expect(await page.getByTestId('operations-clear').count()).toBe(0)
    expect(await status()).toBe('Zalogowano do KSeF (certyfikat)')
  })

  it('revoking the session marked bieżąca asks first; Anuluj keeps the company logged in', async () => {
    const revoke = page
      .getByTestId('session-row')
      .filter({ hasText: 'bieżąca' })
      .getByTestId('session-revoke')
    const revokes = () => sim.requests.filter((r) => r.method === 'DELETE').length
    const before = revokes()
    await revoke.click()
    await expect.poll(() => page.getByTestId('confirm-dialog').isVisible()).toBe(true)
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain(
      'Po jej unieważnieniu firma zostanie wylogowana z KSeF',
    )
    await page.getByTestId('confirm-cancel').click()
    await expect.poll(() => page.getByTestId('confirm-dialog').count()).toBe(0)
    expect(revokes()).toBe(before)
    expect(await status()).toBe('Zalogowano do KSeF (certyfikat)')

    await revoke.click()
    await page.getByTestId('confirm-ok').click()
    await expect.poll(status).toBe('Firma nie jest zalogowana do KSeF.')
    expect(revokes()).toBe(before + 1)
  })

  it('with credentials stored, the company form says before Zapisz that NIP and environment stay', async () => {
    await page.getByTestId('company-edit').click()
    await expect.poll(() => page.getByTestId('company-context-locked').isVisible()).toBe(true)
    expect(await page.getByTestId('company-context-locked').textContent()).toContain(
      'dodaj nową firmę',
    )
    expect(await page.getByTestId('company-identifier').isDisabled()).toBe(true)
    expect(await page.getByTestId('company-environment').getAttribute('aria-disabled')).toBe('true')
    expect(await page.getByTestId('company-name').isDisabled()).toBe(false)
    await page.getByRole('button', { name: 'Anuluj' }).click()
  })

  it('an open operation keeps its two buttons side by side, each on one line', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-request').click(),
    ])
    const unsigned = files.path + '/request.xml'
    await download.saveAs(unsigned)
    const workspace = await Workspace.create()
    const signer = await selfSignedCertificate(
      workspace,
      `/O=Spolka/organizationIdentifier=VATPL-${nip}/CN=Spolka/C=PL`,
    )
    const signedPath = files.path + '/request-signed.xml'
    writeFileSync(signedPath, await xmlsecSign(workspace, readFileSync(unsigned, 'utf8'), signer))
    await page.getByTestId('signed-request-file').setInputFiles(signedPath)
    await expect
      .poll(() => page.getByTestId('operation-status').first().textContent())
      .toBe('100 — Uwierzytelnianie w toku')
    const check = await page.getByTestId('operation-check').first().boundingBox()
    const redeem = await page.getByTestId('operation-redeem').first().boundingBox()
    expect(check && redeem).toBeTruthy()
    if (!check || !redeem) return
    expect(redeem.y).toBe(check.y)
    // Lines of text in each button: its content height over its line height.
    const lineCounts: number[] = await page
      .getByTestId('operation-actions')
      .first()
      .locator('button')
      .evaluateAll((buttons) =>
        buttons.map((button) => {
          // The test's types know no DOM: the page's own getComputedStyle, typed by hand.
          const page = globalThis as unknown as { getComputedStyle: (e: unknown) => Style }
          const style = page.getComputedStyle(button)
          const height = (button as unknown as { clientHeight: number }).clientHeight
          const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom)
          return (height - padding) / parseFloat(style.lineHeight)
        }),
      )
    expect(lineCounts).toHaveLength(2)
    for (const lines of lineCounts) expect(lines).toBeLessThan(2)
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(1024)
    await wholeTab('general-1024-pl')
  })

  it('in English, a refusal (415) and its operation speak English; KSeF’s Polish only as its quoted words', async () => {
    await addCompany(page, 'Cudza Firma', otherNip, 'Test')
    await expect.poll(() => page.getByTestId('company-item').count()).toBe(2)
    await page.getByTestId('tab-certificates').click()
    const stranger = tool.selfSigned({ subject: sealSubject(nip, 'Spolka Obca') })
    await page.getByTestId('certificate-import').click()
    const form = page.getByTestId('import-certificate-form')
    await form.getByTestId('certificate-file').setInputFiles(tool.path(stranger.certificate))
    await form.getByTestId('key-file').setInputFiles(tool.path(stranger.key))
    await form.getByTestId('import-save').click()
    await expect.poll(() => page.getByTestId('import-other-subject').isVisible()).toBe(true)
    await form.getByTestId('allow-other-subject').check()
    await form.getByTestId('import-save').click()
    await expect.poll(() => form.count()).toBe(0)

    await language('en')
    await page.getByTestId('tab-general').click()
    await page.getByTestId('login-certificate').click()
    await expect
      .poll(() => page.getByTestId('auth-error-title').textContent(), { timeout: 15_000 })
      .toBe(en.errors.KSEF_AUTH_FAILED)
    const words = await page.getByTestId('auth-error-ksef-words').textContent()
    expect(words).toBe("In KSeF's words (Polish): “Brak przypisanych uprawnień”")
    const alert = (await page.getByTestId('auth-error').textContent()) ?? ''
    expect(alert.replace(words ?? '', '')).not.toMatch(/[ąćęłńóśźż]/i)
    const operation = page.getByTestId('operation-status').first()
    expect(await operation.textContent()).toMatch(/^415 — [A-Za-z ,']+$/)
    expect(await operation.getAttribute('title')).toContain(
      'Uwierzytelnianie zakończone niepowodzeniem',
    )
    expect(await page.getByTestId('operation-actions').count()).toBe(0)
    await wholeTab('general-1024-en')
    await language('pl')
  })

  it('a token of another context is refused naming NIP as NIP', async () => {
    const { token } = sim.seed.createToken({
      context: { type: 'Nip', value: otherNip },
      permissions: ['InvoiceRead'],
    })
    await openCompany('Spółka Testowa', 'tokens')
    await page.getByTestId('token-paste').click()
    await page.getByTestId('token-input').fill(token)
    await page.getByTestId('token-save').click()
    await expect
      .poll(() => page.getByTestId('token-error').textContent())
      .toBe(`Ten token wygenerowano dla innego kontekstu (NIP ${otherNip}), nie dla tej firmy.`)
    await page.getByRole('button', { name: 'Anuluj' }).click()
  })

  it('the token field: show/hide, Wklej ze schowka, and a refused clipboard said plainly', async () => {
    const { token } = sim.seed.createToken({
      context: { type: 'Nip', value: nip },
      permissions: ['InvoiceRead'],
    })
    await page.getByTestId('token-paste').click()
    const input = page.getByTestId('token-input')
    expect(await input.getAttribute('type')).toBe('password')
    await page.getByTestId('token-visibility').click()
    expect(await input.getAttribute('type')).toBe('text')
    await page.getByTestId('token-visibility').click()
    expect(await input.getAttribute('type')).toBe('password')

    await page.evaluate((text) => {
      Object.defineProperty(
        (globalThis as unknown as { navigator: object }).navigator,
        'clipboard',
        {
          configurable: true,
          value: { readText: () => Promise.resolve(`  ${text}\n`) },
        },
      )
    }, token)
    await page.getByTestId('token-paste-clipboard').click()
    await expect.poll(() => input.inputValue()).toBe(token)

    await page.evaluate(() => {
      Object.defineProperty(
        (globalThis as unknown as { navigator: object }).navigator,
        'clipboard',
        {
          configurable: true,
          value: { readText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
        },
      )
    })
    await page.getByTestId('token-paste-clipboard').click()
    await expect
      .poll(() => page.getByTestId('token-clipboard-problem').textContent())
      .toBe(
        'Program nie dostał dostępu do schowka. Wklej token w pole skrótem Ctrl+V (na macOS Cmd+V).',
      )
    expect(await input.inputValue()).toBe(token)
    await page.getByRole('button', { name: 'Anuluj' }).click()
  })

  it('a login KSeF refused before numbering it is on the list too, with the error seen', async () => {
    await openCompany('Spółka Testowa', 'general')
    // The signed request sent earlier is on the list: once it shows, the list has loaded.
    await page.getByTestId('operation-row').first().waitFor()
    const rows = await page.getByTestId('operation-row').count()
    sim.faults.failNext(1, 400, '/auth/xades-signature')
    await page.getByTestId('login-certificate').click()
    const error = page.getByTestId('auth-error-title')
    await error.waitFor()
    await expect.poll(() => page.getByTestId('operation-row').count()).toBe(rows + 1)
    const row = page.getByTestId('operation-row').first()
    expect(await row.getByTestId('operation-status').textContent()).toBe(
      `Odmowa, zanim KSeF nadał numer: ${await error.textContent()}`,
    )
    expect(await row.locator('td').first().textContent()).toBe('—')
    expect(await row.getAttribute('data-finished')).toBe('true')
  })

  it('the page itself never failed', () => {
    expect(app.pageErrors).toEqual([])
  })
})

interface Style {
  paddingTop: string
  paddingBottom: string
  lineHeight: string
}
