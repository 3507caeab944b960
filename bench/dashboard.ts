// The Pulpit's search with 2,000 companies in headless Chromium: one keystroke, from the input
// event to the grid's last render of the matching rows (performance marks in the page), against
// a frame at 60 Hz. Needs the built renderer (npm run build).
import { existsSync } from 'node:fs'
import { builtRenderer, startAppServer } from '../test/bridge/app-server'
import { launchChromium } from '../test/e2e/support/browser'
import { seedDataFolder } from '../test/support/data-folder-seed'
import { tempFolder } from '../test/support/temp-folder'
import type { BenchmarkRow, BenchmarkSuite } from './measure'

const companies = 2000
const at = '2026-11-21T09:00:00.000Z'
const frameMs = 1000 / 60
// Each character narrows the rows (all 2,000 match "k"), each Backspace widens them again.
const typed = 'klient 1'
const rounds = 4

interface PerformanceWindow {
  performance: { getEntriesByName(name: string): { duration: number }[] }
}

/** Runs in the page: the keystrokes measured so far. */
function measured(): number[] {
  const { performance } = globalThis as unknown as PerformanceWindow
  return performance.getEntriesByName('dashboard-search').map((entry) => entry.duration)
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

async function keystrokes(): Promise<number[]> {
  if (!existsSync(builtRenderer)) throw new Error(`${builtRenderer} is missing: npm run build`)
  const folder = tempFolder('ksef-desk-bench-dashboard-')
  seedDataFolder(folder.path, { companies, at })
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
    await page.getByTestId('dashboard-search').focus()
    let count = 0
    const press = async (key: string) => {
      await page.keyboard.press(key)
      count += 1
      await page.waitForFunction((n) => {
        const { performance } = globalThis as unknown as PerformanceWindow
        return performance.getEntriesByName('dashboard-search').length >= n
      }, count)
    }
    for (let round = 0; round < rounds; round++) {
      for (const char of typed) await press(char === ' ' ? 'Space' : char)
      for (let i = 0; i < typed.length; i++) await press('Backspace')
    }
    return await page.evaluate(measured)
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
        name: 'one keystroke of the Pulpit search, input event to the grid rendered',
        medianMs: median(times),
        baseline: { name: 'a frame at 60 Hz', medianMs: frameMs },
        budget: 1,
        note: `${times.length} keystrokes; the slowest ${Math.max(...times).toFixed(2)} ms`,
      },
    ]
  },
}
