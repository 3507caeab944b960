import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  OpensslCredentials,
  ksefIssuerSubject,
  sealSubject,
  type IssuedFiles,
} from '../support/openssl-credentials'
import { filesContaining, tempFolder } from '../support/temp-folder'
import { addCompany, openApp, type E2eApp } from './support/app'
import { screenshot } from './support/browser'

// Certyfikaty and Tokeny: credentials the user brings, stored per company, in headless Chromium.

const nip = '5265877635'
const password = 'Haslo-do-klucza-2026!'
const token = `20251010-EC-1DCE3E3000-12ECB5B36E-45|nip-${nip}|919f704466624ce29cd5ac7b65ded5e7cccc112eee314f2aaa76e02cd16df7b9`

describe('credentials, in the browser', () => {
  const files = tempFolder('ksef-desk-e2e-files-')
  const tool = new OpensslCredentials(files.path)
  let testCa: IssuedFiles
  let app: E2eApp
  let page: Page

  beforeAll(async () => {
    testCa = tool.certificateAuthority(ksefIssuerSubject('test'))
    app = await openApp()
    page = app.page
  })
  afterAll(async () => {
    await app?.close()
    files.remove()
  })

  const rows = () => page.getByTestId('certificate-row')
  const importDialog = () => page.getByTestId('import-certificate-form')

  async function importPair(certificate: string, key: string, keyPassword: string) {
    await page.getByTestId('certificate-import').click()
    await importDialog().getByTestId('certificate-file').setInputFiles(tool.path(certificate))
    await importDialog().getByTestId('key-file').setInputFiles(tool.path(key))
    await importDialog().getByTestId('certificate-password').fill(keyPassword)
    await importDialog().getByTestId('import-save').click()
  }

  it('creates a test certificate for a Test company', async () => {
    await addCompany(page, 'Spółka Testowa', nip, 'Test')
    await page.getByTestId('tab-certificates').click()
    await page.getByTestId('certificate-create-test').click()
    await expect.poll(() => rows().count()).toBe(1)
    expect(await rows().first().textContent()).toContain('Samopodpisany (test)')
    expect(await rows().first().getByRole('radio').isChecked()).toBe(true)
  })

  it.each(['ec', 'rsa'] as const)(
    'loads a %s certificate with its encrypted key made by openssl',
    async (keyType) => {
      const before = await rows().count()
      const issued = tool.issue(testCa, { subject: sealSubject(nip, `Firma ${keyType}`), keyType })
      await importPair(issued.certificate, tool.encryptKey(issued.key, password), password)
      await expect.poll(() => rows().count()).toBe(before + 1)
      // The list shows the newest certificate first.
      expect(await rows().first().textContent()).toContain(
        keyType === 'ec' ? 'EC P-256' : 'RSA 2048',
      )
      expect(await rows().first().textContent()).toContain('KSeF')
    },
  )

  it('loads a .p12', async () => {
    const before = await rows().count()
    const p12 = tool.pkcs12(
      tool.issue(testCa, { subject: sealSubject(nip, 'Firma p12') }),
      password,
    )
    await page.getByTestId('certificate-import').click()
    await importDialog().getByTestId('import-source-pkcs12').click()
    await importDialog().getByTestId('pkcs12-file').setInputFiles(tool.path(p12))
    await importDialog().getByTestId('certificate-password').fill(password)
    await importDialog().getByTestId('import-save').click()
    await expect.poll(() => rows().count()).toBe(before + 1)
    await screenshot(page, 'certificates-tab-pl')
  })

  it('says exactly what is wrong with a wrong password or a foreign key, and stores nothing', async () => {
    const stored = app.server.ctx.credentials.certificates(
      app.server.ctx.companies.list()[0]?.id ?? '',
    ).length
    const issued = tool.issue(testCa, { subject: sealSubject(nip) })
    await importPair(issued.certificate, tool.encryptKey(issued.key, password), 'Zle-haslo-123456!')
    await expect
      .poll(() => page.getByTestId('import-error').textContent())
      .toBe('Nieprawidłowe hasło do klucza prywatnego.')
    await screenshot(page, 'certificates-wrong-password-pl')

    const other = tool.issue(testCa, { subject: sealSubject(nip) })
    await importDialog().getByTestId('key-file').setInputFiles(tool.path(other.key))
    await importDialog().getByTestId('import-save').click()
    await expect
      .poll(() => page.getByTestId('import-error').textContent())
      .toBe(
        'Klucz prywatny nie pasuje do tego certyfikatu. Wczytaj klucz zapisany razem z tym certyfikatem.',
      )
    await page.getByRole('button', { name: 'Anuluj' }).click()
    expect(
      app.server.ctx.credentials.certificates(app.server.ctx.companies.list()[0]?.id ?? ''),
    ).toHaveLength(stored)
  })

  it('refuses a Test/Demo certificate for a production company, in plain Polish', async () => {
    await addCompany(page, 'Produkcja Sp. z o.o.', '7740001454', 'Production')
    await page.getByTestId('tab-certificates').click()
    const issued = tool.issue(testCa, { subject: sealSubject('7740001454') })
    await importPair(issued.certificate, issued.key, '')
    await expect
      .poll(() => page.getByTestId('import-error').textContent())
      .toBe(
        'Ten certyfikat wydał KSeF dla środowiska Testowe / Demo (przedprodukcyjne); nie zadziała w środowisku tej firmy (Produkcyjne). Certyfikatów z różnych środowisk nie można używać zamiennie.',
      )
    await page.getByRole('button', { name: 'Anuluj' }).click()
    expect(await page.getByTestId('certificates-empty').isVisible()).toBe(true)
    expect(await page.getByTestId('certificate-create-test').count()).toBe(0)
  })

  it('pastes a token, shows it masked, refuses one of another company', async () => {
    await page.getByTestId('company-item').filter({ hasText: 'Spółka Testowa' }).click()
    await page.getByTestId('tab-tokens').click()
    await page.getByTestId('token-paste').click()
    await page.getByTestId('token-input').fill(token.replace(nip, '7740001454'))
    await page.getByTestId('token-save').click()
    await expect
      .poll(() => page.getByTestId('token-error').textContent())
      .toBe('Ten token wygenerowano dla innego kontekstu (NIP 7740001454), nie dla tej firmy.')
    await page.getByTestId('token-input').fill(token)
    await page.getByTestId('token-description').fill('Token z Aplikacji Podatnika')
    await page.getByTestId('token-save').click()
    await expect
      .poll(() => page.getByTestId('token-masked').allTextContents())
      .toEqual(['20251010-EC-…f7b9'])
    await screenshot(page, 'tokens-tab-pl')
  })

  it('keeps no key, password or token in plaintext in the data folder, logs or page messages', async () => {
    const companyId =
      app.server.ctx.companies.list().find((c) => c.name === 'Spółka Testowa')?.id ?? ''
    const keys = await Promise.all(
      app.server.ctx.credentials
        .certificates(companyId)
        .map((c) => app.server.ctx.secrets.get(`company/${companyId}/certificate/${c.id}/key`)),
    )
    const keyBodies = keys.map((pem) => (pem ?? '').split('\n')[1] ?? '')
    expect(keyBodies.filter((body) => body.length > 40)).toHaveLength(4)
    const transcript = app.server.broadcast.transcript.join('\n')
    for (const secret of [password, token, token.split('|')[2] ?? '', ...keyBodies]) {
      expect(filesContaining(app.dataFolder, secret)).toEqual([])
      expect(transcript).not.toContain(secret)
    }
  })

  it('the page itself never failed', () => {
    expect(app.pageErrors).toEqual([])
  })
})
