import { readFileSync, writeFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../ksef-sim'
import { Workspace, selfSignedCertificate, xmlsecSign } from '../support/external-tools'
import { ShiftableClock } from '../support/memory-context'
import { OpensslCredentials, sealSubject } from '../support/openssl-credentials'
import { filesContaining, filesUnder, tempFolder } from '../support/temp-folder'
import { certificateKeySecret } from '../../electron/vault/secret-store'
import { addCompany, openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

// Tab Ogólne, whole: renderer → bridge → handlers → KSeF client → simulator, in headless Chromium.
// Every way in, every refusal the user can meet, and at the end a scan for leaked secrets.

const nip = '5265877635'
const password = 'Haslo-do-klucza-2026!'

describe('logging in to KSeF, in the browser', () => {
  const files = tempFolder('ksef-desk-e2e-login-')
  const tool = new OpensslCredentials(files.path)
  const clock = new ShiftableClock()
  const secrets: string[] = [password]
  let sim: RunningSimulator
  let app: E2eApp
  let page: Page

  beforeAll(async () => {
    sim = await startSimulator({ authStatusDelayMs: 400 })
    app = await openApp({ ksefApiUrl: sim.url, clock })
    page = app.page
  })
  afterAll(async () => {
    await app?.close()
    await sim?.close()
    files.remove()
  })

  const status = () => page.getByTestId('session-status').textContent()
  const errorTitle = () => page.getByTestId('auth-error-title').textContent()
  const companyNamed = (name: string) =>
    app.server.ctx.companies.list().find((c) => c.name === name)
  const notLoggedIn = 'Firma nie jest zalogowana do KSeF.'

  async function openCompany(name: string, tab: 'general' | 'certificates' | 'tokens') {
    await page.getByTestId('company-item').filter({ hasText: name }).click()
    await page.getByTestId(`tab-${tab}`).click()
  }

  async function logout() {
    await page.getByTestId('logout').click()
    await expect.poll(status).toBe(notLoggedIn)
  }

  /** Fills Wczytaj z pliku with files of the openssl folder and saves; returns the form. */
  async function submitImport(
    set: { certificate?: string; key?: string; pkcs12?: string },
    keyPassword: string,
  ) {
    await page.getByTestId('certificate-import').click()
    const form = page.getByTestId('import-certificate-form')
    if (set.pkcs12) {
      await form.getByTestId('import-source-pkcs12').click()
      await form.getByTestId('pkcs12-file').setInputFiles(tool.path(set.pkcs12))
    } else {
      await form.getByTestId('certificate-file').setInputFiles(tool.path(set.certificate ?? ''))
      await form.getByTestId('key-file').setInputFiles(tool.path(set.key ?? ''))
    }
    await form.getByTestId('certificate-password').fill(keyPassword)
    await form.getByTestId('import-save').click()
    return form
  }

  async function importFiles(set: Parameters<typeof submitImport>[0], keyPassword: string) {
    const form = await submitImport(set, keyPassword)
    await expect.poll(() => form.count()).toBe(0)
  }

  /** A certificate the simulator (or another instance of it) issued, as files in the openssl folder. */
  function writeIssued(name: string, issued: { certificatePem: string; privateKeyPem: string }) {
    writeFileSync(tool.path(`${name}.crt`), issued.certificatePem)
    writeFileSync(tool.path(`${name}.key`), issued.privateKeyPem)
    return { certificate: `${name}.crt`, key: `${name}.key` }
  }

  async function loginWithCertificate() {
    await page.getByTestId('tab-general').click()
    await page.getByTestId('login-certificate').click()
  }

  it('Utwórz certyfikat testowy → Zaloguj certyfikatem KSeF → logged in, validity shown', async () => {
    await addCompany(page, 'Spółka Testowa', nip, 'Test')
    await expect.poll(() => page.getByTestId('company-item').count()).toBe(1)
    await screenshot(page, 'login-01-company-added')
    await page.getByTestId('tab-certificates').click()
    await page.getByTestId('certificate-create-test').click()
    await expect.poll(() => page.getByTestId('certificate-row').count()).toBe(1)
    await screenshot(page, 'login-02-test-certificate')

    await loginWithCertificate()
    await expect.poll(() => page.getByTestId('login-progress').isVisible()).toBe(true)
    await screenshot(page, 'login-03-progress')
    await expect.poll(status, { timeout: 15_000 }).toBe('Zalogowano do KSeF (certyfikat)')
    expect(await page.getByTestId('session-access').textContent()).toMatch(
      /^Token dostępowy ważny do .+ \(odświeżany automatycznie\)$/,
    )
    expect(await page.getByTestId('session-refresh').textContent()).toMatch(
      /^Sesję można przedłużać do /,
    )
    expect(await page.getByTestId('operation-status').first().textContent()).toBe(
      '200 — token pobrany',
    )
    await screenshot(page, 'login-04-logged-in-certificate')

    await expect.poll(() => page.getByTestId('badge-logged-in').count()).toBe(1)
    await page.getByTestId('sessions-load').click()
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(1)
    expect(await page.getByTestId('session-row').textContent()).toContain('bieżąca')
    await screenshot(page, 'login-05-active-sessions')
    await logout()
    await screenshot(page, 'login-06-logged-out')
  })

  it.each([
    ['EC key, encrypted', 'ec'],
    ['RSA key, encrypted', 'rsa'],
  ] as const)('imports a .crt + .key made by openssl (%s) and logs in', async (_what, keyType) => {
    const made = tool.selfSigned({ subject: sealSubject(nip, `Spolka ${keyType}`), keyType })
    await openCompany('Spółka Testowa', 'certificates')
    await importFiles(
      { certificate: made.certificate, key: tool.encryptKey(made.key, password) },
      password,
    )
    await loginWithCertificate()
    await expect.poll(status, { timeout: 15_000 }).toBe('Zalogowano do KSeF (certyfikat)')
    await screenshot(page, `login-07-logged-in-${keyType}`)
    await logout()
  })

  it('imports a .p12 and logs in', async () => {
    const made = tool.selfSigned({ subject: sealSubject(nip, 'Spolka p12') })
    await openCompany('Spółka Testowa', 'certificates')
    await importFiles({ pkcs12: tool.pkcs12(made, password) }, password)
    await loginWithCertificate()
    await expect.poll(status, { timeout: 15_000 }).toBe('Zalogowano do KSeF (certyfikat)')
    await logout()
  })

  it('pastes a token minted in the simulator → Zaloguj tokenem KSeF', async () => {
    const { token } = sim.seed.createToken({
      context: { type: 'Nip', value: nip },
      permissions: ['InvoiceRead'],
    })
    secrets.push(token)
    await openCompany('Spółka Testowa', 'tokens')
    await page.getByTestId('token-paste').click()
    await page.getByTestId('token-input').fill(token)
    await page.getByTestId('token-save').click()
    await expect.poll(() => page.getByTestId('token-row').count()).toBe(1)
    await page.getByTestId('tab-general').click()
    await page.getByTestId('login-token').click()
    await expect.poll(status, { timeout: 15_000 }).toBe('Zalogowano do KSeF (token KSeF)')
    await screenshot(page, 'login-08-logged-in-token')
    await logout()
  })

  it('downloads the request, signs it with xmlsec1, loads it → Sprawdź status → Pobierz token dostępowy', async () => {
    await openCompany('Spółka Testowa', 'general')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-request').click(),
    ])
    const unsigned = files.path + '/request.xml'
    await download.saveAs(unsigned)
    expect(download.suggestedFilename()).toMatch(/^AuthTokenRequest-5265877635-\d{8}-CR-.+\.xml$/)
    await expect
      .poll(() => page.getByTestId('challenge-countdown').textContent())
      .toMatch(/^Wyzwanie ważne jeszcze (9:5\d|10:00)$/)
    await screenshot(page, 'login-09-request-downloaded')

    const workspace = await Workspace.create()
    const signer = await selfSignedCertificate(
      workspace,
      `/O=Spolka/organizationIdentifier=VATPL-${nip}/CN=Spolka/C=PL`,
    )
    const signed = await xmlsecSign(workspace, readFileSync(unsigned, 'utf8'), signer)
    const signedPath = files.path + '/request-signed.xml'
    writeFileSync(signedPath, signed)
    await page.getByTestId('signed-request-file').setInputFiles(signedPath)
    await expect
      .poll(() => page.getByTestId('operation-status').first().textContent())
      .toBe('100 — Uwierzytelnianie w toku')
    expect(await page.getByTestId('challenge-countdown').count()).toBe(0)
    await screenshot(page, 'login-10-signed-request-sent')

    // Sprawdź status, clicked again as a user would, until KSeF's decision is there.
    await expect
      .poll(
        async () => {
          await page.getByTestId('operation-check').first().click()
          return page.getByTestId('operation-status').first().textContent()
        },
        { timeout: 10_000 },
      )
      .toMatch(/^200 — /)
    await screenshot(page, 'login-11-status-checked')
    await page.getByTestId('operation-redeem').first().click()
    await expect.poll(status).toBe('Zalogowano do KSeF (podpisane żądanie)')
    await screenshot(page, 'login-12-redeemed')
    await logout()
  })

  it('refuses an expired challenge (clock moved 11 minutes) and sends nothing', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-request').click(),
    ])
    const unsigned = files.path + '/request-late.xml'
    await download.saveAs(unsigned)
    const workspace = await Workspace.create()
    const signer = await selfSignedCertificate(
      workspace,
      `/O=Spolka/organizationIdentifier=VATPL-${nip}/CN=Spolka/C=PL`,
    )
    const signedPath = files.path + '/request-late-signed.xml'
    writeFileSync(signedPath, await xmlsecSign(workspace, readFileSync(unsigned, 'utf8'), signer))
    clock.advance(11 * 60_000)
    const sent = sim.requests.filter((r) => r.path.endsWith('/auth/xades-signature')).length
    const operations = await page.getByTestId('operation-row').count()
    try {
      await page.getByTestId('signed-request-file').setInputFiles(signedPath)
      await expect
        .poll(() => page.getByTestId('signed-request-error-title').textContent())
        .toBe(
          'Wyzwanie w tym żądaniu wygasło (jest ważne 10 minut). Pobierz nowe żądanie autoryzacyjne i podpisz je ponownie.',
        )
      await screenshot(page, 'login-13-expired-challenge')
    } finally {
      clock.advance(-11 * 60_000)
    }
    expect(sim.requests.filter((r) => r.path.endsWith('/auth/xades-signature'))).toHaveLength(sent)
    expect(await page.getByTestId('operation-row').count()).toBe(operations)
    expect(await status()).toBe(notLoggedIn)
  })

  it('waits out a 429 with Retry-After during polling, then logs in', async () => {
    await openCompany('Spółka Testowa', 'general')
    sim.faults.rateLimitNext(1, 2, /^GET \/auth\/\d/)
    await page.getByTestId('login-certificate').click()
    await expect
      .poll(() => page.getByTestId('login-progress').textContent(), { timeout: 10_000 })
      .toBe('KSeF ogranicza liczbę zapytań — ponowienie za 2 s…')
    await screenshot(page, 'login-14-rate-limited')
    await expect.poll(status, { timeout: 15_000 }).toBe('Zalogowano do KSeF (certyfikat)')
    await logout()
  })

  it('refuses a revoked token with KSeF status 450, explained, and keeps no session', async () => {
    const { token, referenceNumber } = sim.seed.createToken({
      context: { type: 'Nip', value: nip },
      permissions: ['InvoiceRead'],
    })
    secrets.push(token)
    await openCompany('Spółka Testowa', 'tokens')
    await page.getByTestId('token-paste').click()
    await page.getByTestId('token-input').fill(token)
    await page.getByTestId('token-save').click()
    await expect.poll(() => page.getByTestId('token-row').count()).toBe(2)
    sim.seed.revokeToken(referenceNumber)
    await page.getByTestId('tab-general').click()
    await page.getByTestId('login-token').click()
    await expect
      .poll(errorTitle, { timeout: 15_000 })
      .toBe('Uwierzytelnienie w KSeF nie powiodło się.')
    expect(await page.getByTestId('auth-error-ksef').textContent()).toMatch(/^Kod KSeF 450: /)
    expect(await page.getByTestId('auth-error').textContent()).toContain('Token unieważniony')
    await expect.poll(() => page.getByTestId('badge-failed').count()).toBe(1)
    await screenshot(page, 'login-15-revoked-token-450')
    expect(await status()).toBe(notLoggedIn)
    expect(app.server.ctx.login.state(companyNamed('Spółka Testowa')?.id ?? '').session).toBeNull()
  })

  it('refuses a subject without permission in the context with KSeF status 415', async () => {
    await addCompany(page, 'Cudza Firma', '7740001454', 'Test')
    await expect.poll(() => page.getByTestId('company-item').count()).toBe(2)
    await page.getByTestId('tab-certificates').click()
    const stranger = tool.selfSigned({ subject: sealSubject(nip, 'Spolka Obca') })
    const form = await submitImport(stranger, '')
    await expect.poll(() => page.getByTestId('import-other-subject').isVisible()).toBe(true)
    await form.getByTestId('allow-other-subject').check()
    await form.getByTestId('import-save').click()
    await expect.poll(() => form.count()).toBe(0)

    await loginWithCertificate()
    await expect
      .poll(errorTitle, { timeout: 15_000 })
      .toBe('Uwierzytelnienie w KSeF nie powiodło się.')
    expect(await page.getByTestId('auth-error-ksef').textContent()).toMatch(/^Kod KSeF 415: /)
    await screenshot(page, 'login-16-no-permission-415')
    expect(await status()).toBe(notLoggedIn)
  })

  it('refuses an Offline certificate for login, before asking KSeF', async () => {
    await addCompany(page, 'Firma Offline', '1111111111', 'Test')
    await expect.poll(() => page.getByTestId('company-item').count()).toBe(3)
    const offline = await sim.seed.issueCertificate({
      subject: {
        commonName: 'Firma Offline',
        countryName: 'PL',
        organizationName: 'Firma Offline',
        organizationIdentifier: 'VATPL-1111111111',
      },
      type: 'Offline',
    })
    await page.getByTestId('tab-certificates').click()
    await importFiles(writeIssued('offline', offline), '')
    await expect.poll(() => page.getByTestId('certificate-row').textContent()).toContain('Offline')
    const calls = sim.requests.length
    await loginWithCertificate()
    await expect
      .poll(errorTitle)
      .toBe(
        'Certyfikat typu Offline służy tylko do podpisywania kodów QR (KOD II) i nie może służyć do logowania. Wczytaj certyfikat typu Uwierzytelnienie.',
      )
    await screenshot(page, 'login-17-offline-certificate')
    expect(sim.requests.length).toBe(calls)
  })

  it('refuses a certificate of the demo environment for a production company', async () => {
    const demo = await startSimulator({ mode: 'demo' })
    try {
      const issued = await demo.seed.issueCertificate({
        subject: {
          commonName: 'Produkcja',
          countryName: 'PL',
          organizationName: 'Produkcja',
          organizationIdentifier: 'VATPL-7740001454',
        },
      })
      await addCompany(page, 'Produkcja S.A.', '7740001454', 'Production')
      await expect.poll(() => page.getByTestId('company-item').count()).toBe(4)
      await page.getByTestId('tab-certificates').click()
      await submitImport(writeIssued('demo', issued), '')
      await expect
        .poll(() => page.getByTestId('import-error').textContent())
        .toBe(
          'Ten certyfikat wydał KSeF dla środowiska Testowe / Demo (przedprodukcyjne); nie zadziała w środowisku tej firmy (Produkcyjne). Certyfikatów z różnych środowisk nie można używać zamiennie.',
        )
      await screenshot(page, 'login-18-demo-certificate-on-production')
      await page.getByRole('button', { name: 'Anuluj' }).click()
      expect(
        app.server.ctx.credentials.certificates(companyNamed('Produkcja S.A.')?.id ?? ''),
      ).toEqual([])
    } finally {
      await demo.close()
    }
  })

  it('left no secret in the data folder, the log, or any message the page received', async () => {
    for (const request of sim.requests) {
      if (
        !request.path.endsWith('/auth/token/redeem') &&
        !request.path.endsWith('/auth/token/refresh')
      )
        continue
      for (const match of request.responseBody.matchAll(/"token":"([^"]+)"/g))
        secrets.push(match[1] ?? '')
      const bearer = /^Bearer (.+)$/.exec(String(request.requestHeaders['authorization'] ?? ''))
      if (bearer?.[1]) secrets.push(bearer[1])
    }
    // The private keys as the app sealed them (re-exported PKCS#8, the test certificate's own
    // key), line by line of their base64 body.
    const { ctx } = app.server
    let keys = 0
    for (const company of ctx.companies.list()) {
      for (const certificate of ctx.credentials.certificates(company.id)) {
        const pem = await ctx.secrets.get(certificateKeySecret(company.id, certificate.id))
        expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
        keys += 1
        secrets.push(...(pem ?? '').split('\n').filter((line) => line.length === 64))
      }
    }
    expect(keys).toBeGreaterThanOrEqual(6)
    expect(secrets.length).toBeGreaterThan(20)
    const transcript = app.server.broadcast.transcript.join('\n')
    for (const secret of secrets.filter((s) => s.length >= 16)) {
      expect(filesContaining(app.dataFolder, secret)).toEqual([])
      expect(transcript.includes(secret)).toBe(false)
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
