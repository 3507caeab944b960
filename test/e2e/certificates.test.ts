import 'reflect-metadata'
import { X509Certificate, createPublicKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as x509 from '@peculiar/x509'
import type { Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { certificateKeySecret } from '../../electron/vault/secret-store'
import { startSimulator, type RunningSimulator } from '../ksef-sim'
import { ShiftableClock } from '../support/memory-context'
import { noClientLimits } from '../support/client-limits'
import { filesContaining, tempFolder } from '../support/temp-folder'
import { mustRun, run, write } from '../support/tools'
import { addCompany, openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

// Tab Certyfikaty, whole: a KSeF certificate from enrollment to export, in headless Chromium over
// the bridge and the simulator — and every refusal the user can meet on the way, in Polish.

const nip = '5265877635'
const loggedInByCertificate = 'Zalogowano do KSeF (certyfikat)'

/** The page of one open app: what a user clicks and reads, by the tab's test ids. */
function certificatesPage(page: Page) {
  const rows = () => page.getByTestId('certificate-row')
  const row = (name: string) => rows().filter({ hasText: name })
  return {
    rows,
    row,
    async openCompany(name: string, tab: 'general' | 'certificates' | 'tokens') {
      await page.getByTestId('company-item').filter({ hasText: name }).click()
      await page.getByTestId(`tab-${tab}`).click()
    },
    async loginWithCertificate() {
      await page.getByTestId('tab-general').click()
      await page.getByTestId('login-certificate').click()
      await expect
        .poll(() => page.getByTestId('session-status').textContent(), { timeout: 20_000 })
        .toBe(loggedInByCertificate)
    },
    async logout() {
      await page.getByTestId('tab-general').click()
      await page.getByTestId('logout').click()
      await expect
        .poll(() => page.getByTestId('session-status').textContent())
        .toBe('Firma nie jest zalogowana do KSeF.')
    },
    /** One of the row's actions: inline on the row, or in its ⋮ menu. */
    async action(name: string, testId: string) {
      const inline = row(name).getByTestId(testId)
      if ((await inline.count()) > 0) await inline.click()
      else {
        await row(name).getByTestId('certificate-row-actions').click()
        await page.getByRole('menu').getByTestId(testId).click()
      }
    },
    /** Wniosek o certyfikat, filled as a user does; returns the form (still open). */
    async fillEnrollment(name: string, kind: 'Authentication' | 'Offline', key: 'EC' | 'RSA') {
      await page.getByTestId('certificate-enroll').click()
      const form = page.getByTestId('enroll-form')
      await expect
        .poll(() => form.getByTestId('limits').isVisible(), { timeout: 15_000 })
        .toBe(true)
      await form.getByTestId('enroll-name').fill(name)
      await form.getByTestId(`enroll-kind-${kind}`).click()
      await form.getByTestId(`enroll-key-${key}`).click()
      return form
    },
    info: () => page.getByTestId('certificates-info').textContent(),
  }
}

/** The certificate of a stored row, as the app keeps it (public) in the data folder. */
function storedPem(dataFolder: string, certificateId: string): string {
  return readFileSync(join(dataFolder, 'certificates', `${certificateId}.pem`), 'utf8')
}

/** openssl dgst -verify of a KOD II link's signature over `host/path` up to the invoice hash. */
function linkVerifies(folder: string, link: string, certificatePem: string): boolean {
  const withoutScheme = link.replace(/^https:\/\//, '')
  const cut = withoutScheme.lastIndexOf('/')
  const publicKey = new X509Certificate(certificatePem).publicKey
  let signature = Buffer.from(withoutScheme.slice(cut + 1), 'base64url')
  const rsa = publicKey.asymmetricKeyType === 'rsa'
  if (!rsa) {
    // The link carries raw r‖s; openssl wants DER.
    const der = new x509.AsnEcSignatureFormatter().toAsnSignature(
      { name: 'ECDSA', namedCurve: 'P-256' },
      signature,
    )
    if (!der) throw new Error('not an EC P-256 signature')
    signature = Buffer.from(der)
  }
  const result = run('openssl', [
    'dgst',
    '-sha256',
    '-verify',
    write(folder, 'link-public.pem', publicKey.export({ format: 'pem', type: 'spki' })),
    ...(rsa ? ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'] : []),
    '-signature',
    write(folder, 'link.sig', signature),
    write(folder, 'link-signed.txt', withoutScheme.slice(0, cut)),
  ])
  return result.status === 0 && /Verified OK/.test(result.stdout)
}

/** The downloads one click starts, saved into `folder` under the names the page gave them. */
async function downloadsOf(
  page: Page,
  count: number,
  folder: string,
  click: () => Promise<void>,
): Promise<string[]> {
  const downloads: Download[] = []
  const all = new Promise<void>((resolve) => {
    const take = (download: Download) => {
      downloads.push(download)
      if (downloads.length === count) {
        page.off('download', take)
        resolve()
      }
    }
    page.on('download', take)
  })
  await click()
  await all
  return Promise.all(
    downloads.map(async (download) => {
      const path = join(folder, download.suggestedFilename())
      await download.saveAs(path)
      return path
    }),
  )
}

const spkiOf = (pem: string) =>
  createPublicKey(pem).export({ format: 'der', type: 'spki' }).toString('base64')

describe('Certyfikaty, in the browser', () => {
  const files = tempFolder('ksef-desk-e2e-certificates-')
  const clock = new ShiftableClock()
  const secrets: string[] = []
  let sim: RunningSimulator
  let app: E2eApp
  let page: Page
  let ui: ReturnType<typeof certificatesPage>
  /** A second app over a fresh data folder, where the exported pair is imported. */
  let fresh: E2eApp | undefined
  let exported: { certificate: string; key: string; password: string }

  beforeAll(async () => {
    sim = await startSimulator({ clock, authStatusDelayMs: 0, enrollmentDelayMs: 400 })
    app = await openApp({ ksefApiUrl: sim.url, clock })
    page = app.page
    ui = certificatesPage(page)
  })
  afterAll(async () => {
    await fresh?.close()
    await app?.close()
    await sim?.close()
    files.remove()
  })

  const companyId = () =>
    app.server.ctx.companies.list().find((c) => c.name === 'Spółka Testowa')?.id ?? ''
  const stored = (name: string) =>
    app.server.ctx.credentials.certificates(companyId()).find((c) => c.name === name)

  it('logs in with a test certificate; the enrollment form shows the limits first', async () => {
    await addCompany(page, 'Spółka Testowa', nip, 'Test')
    await page.getByTestId('tab-certificates').click()
    await page.getByTestId('certificate-create-test').click()
    await expect.poll(() => ui.rows().count()).toBe(1)
    await ui.loginWithCertificate()
    await page.getByTestId('tab-certificates').click()
    await page.getByTestId('certificate-enroll').click()
    const form = page.getByTestId('enroll-form')
    await expect
      .poll(() => form.getByTestId('limits-enrollments').textContent(), { timeout: 15_000 })
      .toBe('Pozostało wniosków: 300 z 300')
    expect(await form.getByTestId('limits-certificates').textContent()).toBe(
      'Można jeszcze mieć aktywnych certyfikatów: 100 z 100',
    )
    expect(await form.getByTestId('enroll-session-notice').count()).toBe(0)
    await screenshot(page, 'certificates-01-enrollment-limits')
    await form.getByTestId('enroll-form-cancel').click()
  })

  it('says each broken name rule in Polish and sends nothing', async () => {
    const calls = sim.requests.length
    const form = await ui.fillEnrollment('Abc', 'Authentication', 'EC')
    const help = () => form.getByTestId('enroll-name-help').textContent()
    const submit = form.getByTestId('enroll-form-submit')
    expect(await help()).toBe('Nazwa certyfikatu jest za krótka: musi mieć co najmniej 5 znaków.')
    expect(await submit.isDisabled()).toBe(true)
    await form.getByTestId('enroll-name').fill('x'.repeat(101))
    expect(await help()).toBe(
      'Nazwa certyfikatu jest za długa: może mieć najwyżej 100 znaków (aplikacja MF przyjmuje najwyżej 50).',
    )
    await form.getByTestId('enroll-name').fill('Certyfikat v1.0')
    expect(await help()).toBe(
      'Nazwa certyfikatu może zawierać tylko litery (także polskie), cyfry, spacje, „-” i „_” — bez kropek i innych znaków.',
    )
    expect(await submit.isDisabled()).toBe(true)
    await screenshot(page, 'certificates-02-name-rules')
    await form.getByTestId('enroll-name').fill('Łódź księgowość_2026-A')
    expect(await help()).toMatch(/^5–100 znaków: litery \(także polskie\)/)
    expect(await submit.isDisabled()).toBe(false)
    await form.getByTestId('enroll-form-cancel').click()
    // The limits were read; no enrollment was asked for.
    expect(
      sim.requests
        .slice(calls)
        .filter((r) => r.operation?.startsWith('POST /certificates/enrollments') === true),
    ).toEqual([])
    expect(app.server.ctx.credentials.certificates(companyId())).toHaveLength(1)
  })

  it('enrolls an Authentication certificate (EC): progress, status, retrieve, the new default', async () => {
    const form = await ui.fillEnrollment('Logowanie KSeF', 'Authentication', 'EC')
    await form.getByTestId('enroll-form-submit').click()
    await expect.poll(() => form.getByTestId('enroll-progress').isVisible()).toBe(true)
    await screenshot(page, 'certificates-03-enrollment-progress')
    await expect.poll(() => form.count(), { timeout: 20_000 }).toBe(0)
    const certificate = stored('Logowanie KSeF')
    expect(certificate).toMatchObject({ origin: 'enrolled', issuerKind: 'ksef', isDefault: true })
    expect(await ui.info()).toBe(
      `Certyfikat „Logowanie KSeF” (nr seryjny ${certificate?.serialNumber}) został wydany, pobrany i ustawiony jako domyślny.`,
    )
    const row = ui.row('Logowanie KSeF')
    expect(await row.getByTestId('certificate-default').getByRole('radio').isChecked()).toBe(true)
    expect(await row.getByTestId('certificate-location').getAttribute('data-location')).toBe(
      'thisComputer',
    )
    await expect
      .poll(() => row.getByTestId('certificate-status').textContent(), { timeout: 15_000 })
      .toBe('Aktywny')
    await screenshot(page, 'certificates-04-enrolled-default')
  })

  it('Wyloguj → Zaloguj certyfikatem KSeF logs in with the new KSeF certificate', async () => {
    await ui.logout()
    const calls = sim.requests.length
    await ui.loginWithCertificate()
    const signed = sim.requests
      .slice(calls)
      .find((r) => r.operation === 'POST /auth/xades-signature')
    const certificate = stored('Logowanie KSeF')
    const body = storedPem(app.dataFolder, certificate?.id ?? '')
      .replace(/-----[A-Z ]+-----/g, '')
      .replace(/\s/g, '')
    expect(signed?.requestBody).toContain(body)
    await screenshot(page, 'certificates-05-logged-in-with-ksef-certificate')
  })

  it('exports .crt + .key: the password rules, then openssl opens the key that fits the certificate', async () => {
    await page.getByTestId('tab-certificates').click()
    await ui.action('Logowanie KSeF', 'certificate-export')
    const form = page.getByTestId('export-form')
    const password = form.getByTestId('export-password')
    const rule = (name: string) => form.getByTestId(`export-rule-${name}`)
    const broken = async () => {
      const names = ['length', 'upper', 'lower', 'digit', 'special', 'characters']
      const states = await Promise.all(names.map((n) => rule(n).getAttribute('data-ok')))
      return names.filter((_, i) => states[i] === 'false')
    }
    expect(await form.getByTestId('export-rules').locator('li').allTextContents()).toEqual([
      'Hasło musi mieć od 15 do 32 znaków.',
      'Hasło musi zawierać co najmniej jedną wielką literę (A–Z).',
      'Hasło musi zawierać co najmniej jedną małą literę (a–z).',
      'Hasło musi zawierać co najmniej jedną cyfrę (0–9).',
      'Hasło musi zawierać co najmniej jeden ze znaków !@#$%^&*()-_+=',
      'Hasło może zawierać tylko litery A–Z i a–z, cyfry oraz znaki !@#$%^&*()-_+= — bez polskich liter, spacji i innych znaków.',
    ])
    await password.fill('zażółć')
    expect(await broken()).toEqual(['length', 'upper', 'digit', 'special', 'characters'])
    expect(await form.getByTestId('export-form-submit').isDisabled()).toBe(true)
    await screenshot(page, 'certificates-06-export-password-rules')
    for (const [text, left] of [
      ['abcdefghijklmnop', ['upper', 'digit', 'special']],
      ['Abcdefghijklmnop', ['digit', 'special']],
      ['Abcdefghijklmno1', ['special']],
      ['Abcdefghijklmn1!', []],
      ['Abcdefghijklmn1! ', ['characters']],
      ['A1!a', ['length']],
    ] as const) {
      await password.fill(text)
      expect(await broken()).toEqual(left)
    }
    await form.getByTestId('export-generate').click()
    const generated = await password.inputValue()
    expect(await broken()).toEqual([])
    expect(await password.getAttribute('type')).toBe('text')
    secrets.push(generated)
    const [certificatePath, keyPath] = (
      await downloadsOf(page, 2, files.path, () => form.getByTestId('export-form-submit').click())
    ).sort((a) => (a.endsWith('.crt') ? -1 : 1))
    expect(certificatePath).toMatch(/\.crt$/)
    expect(keyPath).toMatch(/\.key$/)
    await expect.poll(ui.info).toMatch(/^Zapisano: .+\.crt, .+\.key\.$/)
    await screenshot(page, 'certificates-07-exported-pem')

    const keyFile = readFileSync(keyPath ?? '', 'utf8')
    expect(keyFile).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/)
    const passwordFile = write(files.path, 'export-password.txt', generated)
    const opened = mustRun('openssl', [
      'pkey',
      '-in',
      keyPath ?? '',
      '-passin',
      `file:${passwordFile}`,
    ])
    expect(spkiOf(opened)).toBe(spkiOf(readFileSync(certificatePath ?? '', 'utf8')))
    secrets.push(...opened.split('\n').filter((line) => line.length >= 40))
    const wrong = write(files.path, 'wrong-password.txt', 'Zle-Haslo-123456!')
    expect(
      run('openssl', ['pkey', '-in', keyPath ?? '', '-passin', `file:${wrong}`]).status,
    ).not.toBe(0)
    exported = { certificate: certificatePath ?? '', key: keyPath ?? '', password: generated }
  })

  it('exports a .p12 that openssl pkcs12 opens with its password', async () => {
    await ui.action('Logowanie KSeF', 'certificate-export')
    const form = page.getByTestId('export-form')
    await form.getByTestId('export-format-p12').click()
    const password = 'Eksport-P12-haslo-2026'
    secrets.push(password)
    await form.getByTestId('export-password').fill(password)
    const [p12] = await downloadsOf(page, 1, files.path, () =>
      form.getByTestId('export-form-submit').click(),
    )
    expect(p12).toMatch(/\.p12$/)
    const passwordFile = write(files.path, 'p12-password.txt', password)
    const out = mustRun('openssl', [
      'pkcs12',
      '-in',
      p12 ?? '',
      '-passin',
      `file:${passwordFile}`,
      '-nodes',
    ])
    expect(out).toContain('-----BEGIN CERTIFICATE-----')
    expect(out).toContain('-----BEGIN PRIVATE KEY-----')
    await expect.poll(ui.info).toMatch(/^Zapisano: .+\.p12\.$/)
  })

  it('the exported pair imports into a fresh data folder and logs in there', async () => {
    fresh = await openApp({ ksefApiUrl: sim.url, clock })
    const other = certificatesPage(fresh.page)
    await addCompany(fresh.page, 'Spółka Testowa', nip, 'Test')
    await fresh.page.getByTestId('tab-certificates').click()
    await fresh.page.getByTestId('certificate-import').click()
    const form = fresh.page.getByTestId('import-certificate-form')
    await form.getByTestId('certificate-file').setInputFiles(exported.certificate)
    await form.getByTestId('key-file').setInputFiles(exported.key)
    await form.getByTestId('certificate-password').fill(exported.password)
    await form.getByTestId('import-save').click()
    await expect.poll(() => form.count()).toBe(0)
    await expect.poll(() => other.rows().count()).toBe(1)
    await other.loginWithCertificate()
    await screenshot(fresh.page, 'certificates-08-imported-elsewhere-logged-in')
    await other.logout()
  })

  it('enrolls an Offline certificate (RSA); its KOD II link verifies with openssl, its QR decodes with zbarimg', async () => {
    await page.getByTestId('tab-certificates').click()
    const form = await ui.fillEnrollment('Podpis offline', 'Offline', 'RSA')
    await form.getByTestId('enroll-form-submit').click()
    await expect.poll(() => form.count(), { timeout: 30_000 }).toBe(0)
    const offline = stored('Podpis offline')
    expect(offline).toMatchObject({ kind: 'Offline', keyAlgorithm: 'RSA 2048', isDefault: true })

    await ui.action('Podpis offline', 'certificate-offline-check')
    const dialog = page.getByTestId('offline-check')
    await expect
      .poll(() => dialog.getByTestId('offline-link').isVisible(), { timeout: 15_000 })
      .toBe(true)
    for (const check of ['kind', 'validity', 'key', 'ksef'])
      expect(await dialog.getByTestId(`offline-check-${check}`).getAttribute('data-ok')).toBe(
        'true',
      )
    expect(await dialog.getByTestId('offline-check-kind').textContent()).toBe(
      'Typ według użycia klucza: Offline (podpis linku do weryfikacji wystawcy)',
    )
    const link = (await dialog.getByTestId('offline-link').textContent()) ?? ''
    expect(link).toMatch(
      new RegExp(
        `^https://qr-test\\.ksef\\.mf\\.gov\\.pl/certificate/Nip/${nip}/${nip}/${offline?.serialNumber}/`,
      ),
    )
    expect(linkVerifies(files.path, link, storedPem(app.dataFolder, offline?.id ?? ''))).toBe(true)
    await screenshot(page, 'certificates-09-offline-check')

    const [png] = await downloadsOf(page, 1, files.path, () =>
      dialog.getByTestId('offline-qr-save').click(),
    )
    expect(png).toMatch(/\.png$/)
    expect(mustRun('zbarimg', ['--quiet', '--raw', png ?? '']).trim()).toBe(link)
    await page.getByTestId('offline-close').click()
  })

  it('shows a certificate enrolled elsewhere as only in KSeF; its .crt alone can be exported', async () => {
    const elsewhere = await sim.seed.issueCertificate({
      subject: {
        commonName: 'Spółka Testowa',
        countryName: 'PL',
        organizationName: 'Spółka Testowa',
        organizationIdentifier: `VATPL-${nip}`,
      },
      name: 'Z aplikacji MF',
    })
    secrets.push(...elsewhere.privateKeyPem.split('\n').filter((line) => line.length >= 40))
    await page.getByTestId('certificates-refresh').click()
    const row = ui.row('Z aplikacji MF')
    await expect
      .poll(() => row.getByTestId('certificate-location').getAttribute('data-location'), {
        timeout: 15_000,
      })
      .toBe('ksefOnly')
    expect(await row.getByTestId('certificate-location').textContent()).toBe('Tylko w KSeF')
    expect(await row.getByTestId('certificate-status').textContent()).toBe('Aktywny')
    expect(await row.getByTestId('certificate-default').count()).toBe(0)
    await screenshot(page, 'certificates-10-only-in-ksef')

    await ui.action('Z aplikacji MF', 'certificate-export')
    const form = page.getByTestId('export-form')
    expect(await form.getByTestId('export-certificate-only').textContent()).toBe(
      'Klucza prywatnego tego certyfikatu nie ma na tym komputerze: zapisany zostanie tylko certyfikat (.crt).',
    )
    const [crt] = await downloadsOf(page, 1, files.path, () =>
      form.getByTestId('export-form-submit').click(),
    )
    expect(crt).toMatch(/\.crt$/)
    expect(new X509Certificate(readFileSync(crt ?? '')).serialNumber).toBe(elsewhere.serialNumber)
    await expect.poll(ui.info).toMatch(/^Zapisano tylko certyfikat: .+\.crt/)
  })

  it('revokes with a reason: the dialog says it is the default and logged the session in; Revoked; login with it refused', async () => {
    await ui.action('Logowanie KSeF', 'certificate-revoke')
    const form = page.getByTestId('revoke-form')
    expect(await form.getByTestId('revoke-default').textContent()).toBe(
      'To domyślny certyfikat typu Uwierzytelnienie w systemie KSeF tej firmy.',
    )
    expect(await form.getByTestId('revoke-session').isVisible()).toBe(true)
    await form.getByTestId('revoke-reason-KeyCompromise').click()
    await screenshot(page, 'certificates-11-revoke-dialog')
    await form.getByTestId('revoke-form-submit').click()
    await expect.poll(() => form.count(), { timeout: 15_000 }).toBe(0)
    const row = ui.row('Logowanie KSeF')
    await expect
      .poll(() => row.getByTestId('certificate-status').textContent(), { timeout: 15_000 })
      .toMatch(/^(Zablokowany|Unieważniony)$/)
    expect(await row.getAttribute('data-flagged')).toBe('true')
    expect(await row.getByTestId('certificate-location').textContent()).toBe(
      'Na tym komputerze — nieużywany',
    )
    expect(await page.getByTestId('certificates-notice').textContent()).toBe(
      'Certyfikat „Logowanie KSeF” jest w KSeF unieważniony, zablokowany lub wygasły; domyślnym certyfikatem typu Uwierzytelnienie w systemie KSeF jest teraz „Spółka Testowa”.',
    )
    expect(stored('Spółka Testowa')?.isDefault).toBe(true)
    await screenshot(page, 'certificates-12-revoked')

    // The copy imported elsewhere: KSeF refuses it and the user is told why.
    const other = fresh?.page
    if (!other) throw new Error('the fresh app is not open')
    await other.getByTestId('tab-general').click()
    await other.getByTestId('login-certificate').click()
    await expect
      .poll(() => other.getByTestId('auth-error-title').textContent(), { timeout: 20_000 })
      .toBe('Uwierzytelnienie w KSeF nie powiodło się.')
    expect(await other.getByTestId('auth-error-ksef').textContent()).toMatch(/^Kod KSeF 460: /)
    await screenshot(other, 'certificates-13-revoked-login-refused')
  })

  it('with a token session, the form says so before sending and offers Zaloguj certyfikatem KSeF', async () => {
    await ui.logout()
    const { token } = sim.seed.createToken({
      context: { type: 'Nip', value: nip },
      permissions: ['InvoiceRead', 'CredentialsManage'],
    })
    secrets.push(token)
    await ui.openCompany('Spółka Testowa', 'tokens')
    await page.getByTestId('token-paste').click()
    await page.getByTestId('token-input').fill(token)
    await page.getByTestId('token-save').click()
    await page.getByTestId('tab-general').click()
    await page.getByTestId('login-token').click()
    await expect
      .poll(() => page.getByTestId('session-status').textContent(), { timeout: 20_000 })
      .toBe('Zalogowano do KSeF (token KSeF)')

    await page.getByTestId('tab-certificates').click()
    const before = app.server.ctx.credentials.certificates(companyId()).length
    const calls = sim.requests.length
    const form = await ui.fillEnrollment('Przez token KSeF', 'Authentication', 'EC')
    expect(await form.getByTestId('enroll-session-notice').textContent()).toContain(
      'Firma jest zalogowana tokenem KSeF. KSeF wydaje certyfikaty tylko w sesji otwartej podpisem',
    )
    expect(await form.getByTestId('enroll-form-submit').isDisabled()).toBe(true)
    await screenshot(page, 'certificates-14-token-session')
    expect(
      sim.requests
        .slice(calls)
        .filter((r) => r.operation?.startsWith('POST /certificates/enrollments') === true),
    ).toEqual([])

    await form.getByTestId('enroll-login-certificate').click()
    await expect
      .poll(() => form.getByTestId('enroll-session-notice').count(), { timeout: 20_000 })
      .toBe(0)
    // The limits are read again for the new session before anything can be sent.
    await expect
      .poll(() => form.getByTestId('enroll-form-submit').isDisabled(), { timeout: 15_000 })
      .toBe(false)
    await screenshot(page, 'certificates-15-logged-in-from-the-form')
    await form.getByTestId('enroll-form-cancel').click()
    expect(app.server.ctx.credentials.certificates(companyId())).toHaveLength(before)
  })

  it('removing the default says which certificate takes its place', async () => {
    const defaultOffline = stored('Podpis offline')
    expect(defaultOffline?.isDefault).toBe(true)
    await ui.action('Podpis offline', 'certificate-remove')
    const form = page.getByTestId('remove-form')
    expect(await form.getByTestId('remove-default').textContent()).toBe(
      'To domyślny certyfikat typu Offline (podpis linku do weryfikacji wystawcy). Żaden inny certyfikat go nie zastąpi: firma nie będzie miała domyślnego certyfikatu tego typu.',
    )
    await screenshot(page, 'certificates-16-remove-default')
    await form.getByTestId('remove-form-cancel').click()
    expect(stored('Podpis offline')).toBeDefined()
  })

  it('left no private key, password or key material in the data folders, the log, or any frame', async () => {
    for (const target of [app, fresh]) {
      if (!target) continue
      const { ctx } = target.server
      for (const company of ctx.companies.list()) {
        for (const certificate of ctx.credentials.certificates(company.id)) {
          const pem = await ctx.secrets.get(certificateKeySecret(company.id, certificate.id))
          secrets.push(...(pem ?? '').split('\n').filter((line) => line.length === 64))
        }
      }
    }
    for (const request of sim.requests) {
      for (const match of request.responseBody.matchAll(/"token":"([^"]+)"/g))
        secrets.push(match[1] ?? '')
    }
    expect(secrets.length).toBeGreaterThan(20)
    const frames = [app, fresh].flatMap((target) => target?.server.broadcast.transcript ?? [])
    const transcript = frames.join('\n')
    for (const secret of secrets.filter((s) => s.length >= 15)) {
      for (const target of [app, fresh]) {
        if (target) expect(filesContaining(target.dataFolder, secret)).toEqual([])
      }
      expect(transcript.includes(secret)).toBe(false)
    }
  })

  it('the simulator saw only contract-conformant traffic, and the pages never failed', () => {
    expect(sim.contractViolations).toEqual([])
    expect(app.pageErrors).toEqual([])
    expect(fresh?.pageErrors ?? []).toEqual([])
  })
})

describe('Certyfikaty, when the app ends after KSeF took the request', () => {
  it('resumes on the next start: the enrollment row, Sprawdź status finds the serial, the waiting key is paired', async () => {
    const clock = new ShiftableClock()
    const sim = await startSimulator({
      clock,
      authStatusDelayMs: 0,
      enrollmentDelayMs: 60_000,
      limits: false,
    })
    const folder = tempFolder('ksef-desk-e2e-restart-')
    // The first run's waits never end: after KSeF's 202 and one status read it is as good as gone.
    const first = await openApp({
      rateLimiter: noClientLimits(),
      ksefApiUrl: sim.url,
      clock,
      dataFolder: folder.path,
      sleep: () => new Promise<void>(() => undefined),
    })
    let second: E2eApp | undefined
    try {
      const ui = certificatesPage(first.page)
      await addCompany(first.page, 'Spółka Testowa', nip, 'Test')
      await first.page.getByTestId('tab-certificates').click()
      await first.page.getByTestId('certificate-create-test').click()
      await expect.poll(() => ui.rows().count()).toBe(1)
      await ui.loginWithCertificate()
      await first.page.getByTestId('tab-certificates').click()
      const form = await ui.fillEnrollment('Po restarcie', 'Authentication', 'EC')
      await form.getByTestId('enroll-form-submit').click()
      await expect
        .poll(() => form.getByTestId('enroll-progress-text').textContent(), { timeout: 15_000 })
        .toBe('KSeF przetwarza wniosek (status 100)…')
      await screenshot(first.page, 'certificates-17-before-restart')
      await first.close()

      clock.advance(61_000)
      second = await openApp({
        rateLimiter: noClientLimits(),
        ksefApiUrl: sim.url,
        clock,
        dataFolder: folder.path,
      })
      const again = certificatesPage(second.page)
      await again.openCompany('Spółka Testowa', 'certificates')
      const row = again.row('Po restarcie')
      await expect
        .poll(() => row.getByTestId('certificate-location').getAttribute('data-location'))
        .toBe('enrollment')
      expect(await row.getByTestId('certificate-status').textContent()).toBe(
        '100 · Wniosek przyjęty',
      )
      await screenshot(second.page, 'certificates-18-after-restart')
      await row.getByTestId('certificate-check-status').click()
      await expect
        .poll(() => row.getByTestId('certificate-status').textContent(), { timeout: 15_000 })
        .toBe('200 · Certyfikat wydany')
      const serial = (await row.getByTestId('certificate-serial-compact').textContent()) ?? ''
      expect(serial).toMatch(/^[0-9A-F]{16}$/)
      await row.getByTestId('certificate-retrieve').click()
      await expect
        .poll(() => again.info(), { timeout: 15_000 })
        .toBe('Certyfikat „Po restarcie” pobrany i ustawiony jako domyślny.')
      const companyId = second.server.ctx.companies.list()[0]?.id ?? ''
      const paired = second.server.ctx.credentials
        .certificates(companyId)
        .find((c) => c.name === 'Po restarcie')
      expect(paired).toMatchObject({ serialNumber: serial, isDefault: true, origin: 'enrolled' })
      expect(
        await second.server.ctx.secrets.get(certificateKeySecret(companyId, paired?.id ?? '')),
      ).toMatch(/BEGIN PRIVATE KEY/)
      await screenshot(second.page, 'certificates-19-resumed-and-retrieved')
      expect(sim.contractViolations).toEqual([])
      expect(second.pageErrors).toEqual([])
    } finally {
      await second?.close()
      await first.close().catch(() => undefined)
      await sim.close()
      folder.remove()
    }
  })
})

describe('Certyfikaty, when KSeF allows no more enrollments', () => {
  it('shows why before anything is asked and sends nothing', async () => {
    const sim = await startSimulator({ authStatusDelayMs: 0, limits: false })
    const app = await openApp({ rateLimiter: noClientLimits(), ksefApiUrl: sim.url })
    try {
      sim.seed.setSubjectLimits({ type: 'Nip', value: nip }, { enrollment: 0 })
      const ui = certificatesPage(app.page)
      await addCompany(app.page, 'Spółka Testowa', nip, 'Test')
      await app.page.getByTestId('tab-certificates').click()
      await app.page.getByTestId('certificate-create-test').click()
      await expect.poll(() => ui.rows().count()).toBe(1)
      await ui.loginWithCertificate()
      await app.page.getByTestId('tab-certificates').click()
      const calls = sim.requests.length
      const form = await ui.fillEnrollment('Ponad limit', 'Authentication', 'EC')
      expect(await form.getByTestId('limits-exhausted').textContent()).toBe(
        'Wykorzystano limit wniosków o certyfikat KSeF dla tego podmiotu — nic nie wysłano. Skontaktuj się z MF, jeśli potrzebujesz większego limitu.',
      )
      expect(await form.getByTestId('limits-enrollments').textContent()).toBe(
        'Pozostało wniosków: 0 z 0',
      )
      expect(await form.getByTestId('enroll-form-submit').isDisabled()).toBe(true)
      await screenshot(app.page, 'certificates-20-limits-exhausted')
      // Nothing of an enrollment went out; the tab's own reading of the list (POST
      // /certificates/query after the login) may still arrive at any moment and is no request.
      expect(
        sim.requests
          .slice(calls)
          .map((r) => r.operation)
          .filter((operation) => operation?.startsWith('POST /certificates/enrollments')),
      ).toEqual([])
      expect(sim.requests.some((r) => r.operation === 'GET /certificates/enrollments/data')).toBe(
        false,
      )
      expect(app.pageErrors).toEqual([])
    } finally {
      await app.close()
      await sim.close()
    }
  })
})

describe('Certyfikaty, at 1024 and 1366 pixels, in Polish and English', () => {
  it('fits the panel: no horizontal scrolling, with every kind of row', async () => {
    const sim = await startSimulator({ authStatusDelayMs: 0, enrollmentDelayMs: 0, limits: false })
    const app = await openApp({
      rateLimiter: noClientLimits(),
      ksefApiUrl: sim.url,
      viewport: { width: 1024, height: 768 },
    })
    try {
      const ui = certificatesPage(app.page)
      await addCompany(app.page, 'Biuro Rachunkowe Kowalski i Wspólnicy Sp. z o.o.', nip, 'Test')
      await app.page.getByTestId('tab-certificates').click()
      await app.page.getByTestId('certificate-create-test').click()
      await expect.poll(() => ui.rows().count()).toBe(1)
      await ui.loginWithCertificate()
      await app.page.getByTestId('tab-certificates').click()
      for (const [name, kind] of [
        ['Certyfikat logowania biura rachunkowego', 'Authentication'],
        ['Podpis faktur offline', 'Offline'],
      ] as const) {
        const form = await ui.fillEnrollment(name, kind, 'EC')
        await form.getByTestId('enroll-form-submit').click()
        await expect.poll(() => form.count(), { timeout: 20_000 }).toBe(0)
      }
      await sim.seed.issueCertificate({
        subject: {
          commonName: 'Biuro',
          countryName: 'PL',
          organizationName: 'Biuro',
          organizationIdentifier: `VATPL-${nip}`,
        },
        name: 'Wydany w aplikacji MF',
      })
      await app.page.getByTestId('certificates-refresh').click()
      await expect.poll(() => ui.rows().count(), { timeout: 15_000 }).toBe(4)
      for (const language of ['pl', 'en'] as const) {
        await app.page.getByTestId(`language-${language}`).click()
        for (const width of [1024, 1366]) {
          await app.page.setViewportSize({ width, height: 900 })
          const panel = app.page.getByTestId('panel-certificates')
          const fits = await panel.evaluate(
            (element: { scrollWidth: number; clientWidth: number }) =>
              element.scrollWidth <= element.clientWidth,
          )
          expect(fits, `${language} ${width}px`).toBe(true)
          await screenshot(app.page, `certificates-layout-${width}-${language}`)
        }
      }
      await app.page.getByTestId('language-pl').click()
      expect(app.pageErrors).toEqual([])
    } finally {
      await app.close()
      await sim.close()
    }
  })
})

describe('Certyfikaty: MF public keys, and Odnów', () => {
  it('shows the MF public-key certificates; Odnów enrolls a successor and offers to revoke the old one as Superseded', async () => {
    const sim = await startSimulator({ authStatusDelayMs: 0, enrollmentDelayMs: 0, limits: false })
    const app = await openApp({ rateLimiter: noClientLimits(), ksefApiUrl: sim.url })
    try {
      const ui = certificatesPage(app.page)
      const page = app.page
      await addCompany(page, 'Spółka Testowa', nip, 'Test')
      await page.getByTestId('tab-certificates').click()

      await page.getByTestId('public-keys-open').click()
      const keys = page.getByTestId('public-keys')
      await expect
        .poll(() => keys.getByTestId('public-key-row').count(), { timeout: 15_000 })
        .toBe(2)
      expect(await keys.getByTestId('public-key-usage').allTextContents()).toEqual(
        expect.arrayContaining(['Szyfrowanie tokenu KSeF', 'Szyfrowanie klucza symetrycznego']),
      )
      const fingerprints = await keys.getByTestId('public-key-fingerprint').allTextContents()
      expect([...fingerprints].sort()).toEqual(
        sim.seed.publicKeyCertificates
          .map(({ certificatePem }) =>
            new X509Certificate(certificatePem).fingerprint256.replace(/:/g, ''),
          )
          .sort(),
      )
      const fetches = () =>
        sim.requests.filter((r) => r.operation === 'GET /security/public-key-certificates').length
      const before = fetches()
      await keys.getByTestId('public-keys-refresh').click()
      await expect.poll(fetches).toBe(before + 1)
      await screenshot(page, 'certificates-21-public-keys')

      await page.getByTestId('certificate-create-test').click()
      await expect.poll(() => ui.rows().count()).toBe(1)
      await ui.loginWithCertificate()
      await page.getByTestId('tab-certificates').click()
      const form = await ui.fillEnrollment('Do odnowienia', 'Authentication', 'EC')
      await form.getByTestId('enroll-form-submit').click()
      await expect.poll(() => form.count(), { timeout: 20_000 }).toBe(0)
      const companyId = app.server.ctx.companies.list()[0]?.id ?? ''
      const old = app.server.ctx.credentials
        .certificates(companyId)
        .find((c) => c.name === 'Do odnowienia')

      await ui.action('Do odnowienia', 'certificate-renew')
      const renew = page.getByTestId('renew-form')
      await expect
        .poll(() => renew.getByTestId('renew-form-submit').isDisabled(), { timeout: 15_000 })
        .toBe(false)
      await screenshot(page, 'certificates-22-renew')
      await renew.getByTestId('renew-form-submit').click()
      const revoke = page.getByTestId('revoke-form')
      await expect
        .poll(() => revoke.getByTestId('revoke-renewed').isVisible(), { timeout: 20_000 })
        .toBe(true)
      expect(
        await revoke.getByTestId('revoke-reason-Superseded').getByRole('radio').isChecked(),
      ).toBe(true)
      const successor = app.server.ctx.credentials
        .certificates(companyId)
        .find((c) => c.name === 'Do odnowienia' && c.id !== old?.id)
      expect(successor).toMatchObject({ isDefault: true, kind: 'Authentication' })
      expect(await revoke.textContent()).toContain(old?.serialNumber ?? '?')
      // The old one is no longer the default: the dialog does not say it is.
      expect(await revoke.getByTestId('revoke-default').count()).toBe(0)
      await screenshot(page, 'certificates-23-renewed-revoke-old')
      await revoke.getByTestId('revoke-form-submit').click()
      await expect.poll(() => revoke.count(), { timeout: 15_000 }).toBe(0)
      const oldRow = ui.rows().filter({ hasText: old?.serialNumber ?? '?' })
      await expect
        .poll(() => oldRow.getByTestId('certificate-location').getAttribute('data-location'), {
          timeout: 15_000,
        })
        .toBe('thisComputerUnusable')
      expect(sim.contractViolations).toEqual([])
      expect(app.pageErrors).toEqual([])
    } finally {
      await app.close()
      await sim.close()
    }
  })
})
