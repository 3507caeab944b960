import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium, as on CI; CHROMIUM_PATH overrides it elsewhere. */
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

// Without the background-networking flags Chromium keeps dialing Google on a closed network.
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export const screenshotFolder = fileURLToPath(
  new URL('../../../test-results/screenshots', import.meta.url),
)

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath, args, headless: true })
}

/** Saves a screenshot a person can look at after the run: test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotFolder, { recursive: true })
  await page.screenshot({ path: `${screenshotFolder}/${name}.png`, fullPage: true })
}

/** Collects page errors and console errors; a test fails when the page itself broke. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return errors
}
