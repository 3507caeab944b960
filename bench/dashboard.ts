// The Pulpit's search with 2,000 companies in headless Chromium: one keystroke, from the input
// event until the grid shows the matching rows (performance marks in the page, the rows checked
// inside them), against a frame at 60 Hz. Needs the built renderer (npm run build).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { dashboardSource, dashboardView } from '../electron/dashboard/dashboard-rows'
import { dashboardFilter } from '../shared/domain/dashboard'
import { builtRenderer, startAppServer } from '../test/bridge/app-server'
import { launchChromium } from '../test/e2e/support/browser'
import { seedDataFolder } from '../test/support/data-folder-seed'
import { tempFolder } from '../test/support/temp-folder'
import type { BenchmarkRow, BenchmarkSuite } from './measure'
import { median, type PageWindow } from './page'

const companies = 2000
const at = '2026-11-21T09:00:00.000Z'
const frameMs = 1000 / 60
// Typed a character at a time and erased again: the first characters keep all 2,000 rows, the
// last narrow them to 1,111, 111 and 11 ("Klient 1…"), each Backspace widens them back.
const typed = 'klient 199'
const rounds = 4
const warmup = typed.length * 2

/** One keystroke: the text in the field after it, and what the grid must then show. */
interface Keystroke {
  query: string
  rows: number
  /** The first row's name, folded as the search folds it, contains this. */
  firstName: string
}

/**
 * Runs in the page: each keystroke sets the field's text and fires its input event, as typing
 * does; the end mark goes after the update once the grid's footer counts the expected rows and
 * the first row is one that matches. No named inner functions: tsx would wrap them in a helper
 * the page does not have.
 */
async function typeKeystrokes(keystrokes: Keystroke[]): Promise<number[]> {
  const page = globalThis as unknown as PageWindow
  const input = page.document.querySelector('[data-testid="dashboard-search"]')
  if (!input) throw new Error('no search field')
  const times: number[] = []
  for (const keystroke of keystrokes) {
    performance.mark('dashboard-search-start')
    // The input's own value setter: React's tracker sees the change.
    Reflect.set(page.HTMLInputElement.prototype, 'value', keystroke.query, input)
    input.dispatchEvent(new page.Event('input', { bubbles: true }))
    // React renders a typed character's update in a microtask queued before this one.
    await Promise.resolve()
    const grid = page.document.querySelector('[data-testid="dashboard-grid"]')
    grid?.getBoundingClientRect()
    const footer = page.document.querySelector('.MuiTablePagination-displayedRows')
    const first = page.document.querySelector('[data-testid="dashboard-name"]')
    performance.mark('dashboard-search-end')
    const measure = performance.measure(
      'dashboard-search',
      'dashboard-search-start',
      'dashboard-search-end',
    )
    times.push(measure.duration)
    const counted = (footer?.textContent ?? '').replace(/[\s\u00a0]/g, '').match(/\d+$/)?.[0]
    const name = (first?.textContent ?? '')
      .toLocaleLowerCase('pl')
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
    if (counted !== String(keystroke.rows) || !name.includes(keystroke.firstName)) {
      throw new Error(
        `"${keystroke.query}": the grid showed "${footer?.textContent ?? ''}" from "${first?.textContent ?? ''}" within the marks, not ${keystroke.rows} rows`,
      )
    }
    await new Promise<void>((resolve) => page.requestAnimationFrame(() => resolve()))
  }
  return times
}

async function keystrokes(): Promise<number[]> {
  if (!existsSync(join(builtRenderer, 'index.html'))) {
    throw new Error('The renderer is not built: run npm run build before npm run bench.')
  }
  const folder = tempFolder('ksef-desk-bench-dashboard-')
  const { document } = seedDataFolder(folder.path, { companies, at })
  const { rows } = dashboardView(dashboardSource(document), Date.parse(at))
  const keystroke = (query: string): Keystroke => ({
    query,
    rows: dashboardFilter(rows, null, query).length,
    firstName: query.trim(),
  })
  const prefixes = Array.from({ length: typed.length }, (_, i) => typed.slice(0, i + 1))
  const round = [...prefixes, ...prefixes.slice(0, -1).reverse(), ''].map(keystroke)
  const server = await startAppServer({
    dataFolder: folder.path,
    passphrase: 'bench passphrase',
    clock: { now: () => Date.parse(at) },
  })
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await page.goto(server.url)
    await page.getByTestId('view-dashboard').click()
    await page.locator(`[data-testid="dashboard-shown"][data-count="${companies}"]`).waitFor()
    const times = await page.evaluate(
      typeKeystrokes,
      Array.from({ length: rounds }, () => round).flat(),
    )
    return times.slice(warmup)
  } finally {
    await browser.close()
    await server.close()
    folder.remove()
  }
}

export const dashboardSuite: BenchmarkSuite = {
  name: `Pulpit (${companies} companies, Chromium)`,
  async run(): Promise<BenchmarkRow[]> {
    const times = await keystrokes()
    return [
      {
        name: 'one keystroke of the Pulpit search, input event to the grid showing the rows',
        medianMs: median(times),
        baseline: { name: 'a frame at 60 Hz', medianMs: frameMs },
        budget: 1,
        note: `${times.length} keystrokes after ${warmup} to warm up; the slowest ${Math.max(...times).toFixed(2)} ms`,
      },
    ]
  },
}
