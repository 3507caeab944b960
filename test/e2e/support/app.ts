import type { Browser, Page } from 'playwright-core'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import type { Environment } from '../../../shared/domain/environment'
import {
  startAppServer,
  type AppServerOptions,
  type RunningAppServer,
} from '../../bridge/app-server'
import { tempFolder } from '../../support/temp-folder'
import { expectAuditCoversCalls } from './audit-coverage'
import { launchChromium, watchPageErrors } from './browser'

export interface E2eApp {
  server: RunningAppServer
  browser: Browser
  page: Page
  /** Errors the page itself raised (uncaught exceptions, console errors). */
  pageErrors: string[]
  dataFolder: string
  close: () => Promise<void>
}

export interface OpenAppOptions extends Partial<AppServerOptions> {
  viewport?: { width: number; height: number }
  /** The system's motion preference as the page sees it (prefers-reduced-motion). */
  reducedMotion?: 'reduce' | 'no-preference'
}

/**
 * The app over a fresh data folder, opened in headless Chromium through the bridge. Given a
 * `dataFolder`, the app opens over that one instead (a restart) and leaves it in place on close.
 */
export async function openApp(options: OpenAppOptions = {}): Promise<E2eApp> {
  const {
    viewport = { width: 1280, height: 820 },
    reducedMotion = 'no-preference',
    ...serverOptions
  } = options
  const folder = options.dataFolder
    ? { path: options.dataFolder, remove: () => undefined }
    : tempFolder('ksef-desk-e2e-')
  const server = await startAppServer({
    passphrase: 'e2e passphrase',
    recordCalls: true,
    ...serverOptions,
    dataFolder: folder.path,
  })
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport, reducedMotion, acceptDownloads: true })
  const pageErrors = watchPageErrors(page)
  await page.goto(server.url)
  return {
    server,
    browser,
    page,
    pageErrors,
    dataFolder: folder.path,
    close: async () => {
      try {
        await browser.close()
        await expectAuditCoversCalls(server.ctx, folder.path, server.calls)
      } finally {
        await server.close()
        folder.remove()
      }
    },
  }
}

/** Fills and saves the company form, as a user does. */
export async function addCompany(
  page: Page,
  name: string,
  identifier: string,
  environment?: Environment,
): Promise<void> {
  await page.getByTestId('add-company').click()
  await page.getByTestId('company-name').fill(name)
  await page.getByTestId('company-identifier').fill(identifier)
  if (environment) {
    await page.getByTestId('company-environment').click()
    await page.getByTestId(`environment-${environment}`).click()
  }
  await page.getByTestId('company-save').click()
}

/**
 * Stores a certificate issued to someone else (an accountant granted permissions in the company,
 * or one who was not) as the company's default, through the same dispatch the page uses; the
 * setting up of a test, not what it checks.
 */
export async function storeOtherSubjectCertificate(
  app: E2eApp,
  companyId: string,
  issued: { certificatePem: string; privateKeyPem: string },
): Promise<void> {
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
  const envelope = await createDispatch(handlers, app.server.ctx)('certificates:import', {
    companyId,
    files: {
      certificate: { name: 'biuro.crt', base64: base64(issued.certificatePem) },
      privateKey: { name: 'biuro.key', base64: base64(issued.privateKeyPem) },
    },
    password: '',
    allowOtherSubject: true,
    makeDefault: true,
  })
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
}
