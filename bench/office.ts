// An accounting office of 2,000 companies (the seeding the tests share): main's cold start
// against reading and parsing the same files, main's memory, the settings writes of a status
// poll, and one keystroke of search in the company list in Chromium against a frame.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openNodeServices } from '../electron/node-services'
import { settingsFilePath } from '../electron/vault/conf-settings-store'
import { settingsWriteWindowMs } from '../electron/vault/coalesced-writes'
import { builtRenderer, startAppServer } from '../test/bridge/app-server'
import { launchChromium } from '../test/e2e/support/browser'
import { seedDataFolder } from '../test/support/data-folder-seed'
import { type BenchmarkRow, type BenchmarkSuite } from './measure'
import { median, type PageWindow } from './page'

const companies = 2000
const passphrase = 'bench passphrase'
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** Cold starts and the floor, taken in turn so that background noise falls on both alike. */
async function coldStart(folder: string): Promise<BenchmarkRow> {
  const files = [settingsFilePath(folder)].filter((path) => existsSync(path))
  const floor: number[] = []
  const start: number[] = []
  let memory = ''
  for (let sample = 0; sample < 9; sample++) {
    let began = performance.now()
    for (const path of files) JSON.parse(readFileSync(path, 'utf8'))
    floor.push(performance.now() - began)
    began = performance.now()
    const { ctx, close } = await openNodeServices({ dataFolder: folder, passphrase })
    const overview = ctx.companyStatus.overview()
    start.push(performance.now() - began)
    if (overview.length !== companies) throw new Error(`overview of ${overview.length} companies`)
    const usage = process.memoryUsage()
    memory = `memory of main with the services open at ${companies} companies: heap ${megabytes(usage.heapUsed)}, rss ${megabytes(usage.rss)} (this process)`
    await close()
  }
  return {
    name: `cold start at ${companies} companies: settings read, services built, overview ready`,
    medianMs: median(start),
    baseline: { name: 'readFileSync + JSON.parse of the same files', medianMs: median(floor) },
    budget: 3,
    note: memory,
  }
}

/**
 * A status poll of every company (one KSeF status recorded each, as the token and certificate
 * checks record them), spread over a few seconds; each durable write of the settings file
 * renames a new file over it, seen as a new inode.
 */
async function pollWrites(folder: string): Promise<BenchmarkRow> {
  const { ctx, close } = await openNodeServices({ dataFolder: folder, passphrase })
  const path = settingsFilePath(folder)
  const writtenAt: number[] = []
  let inode = statSync(path).ino
  const look = () => {
    const now = statSync(path).ino
    if (now !== inode) writtenAt.push(performance.now())
    inode = now
  }
  const began = performance.now()
  let recorded = 0
  for (const company of ctx.companies.list()) {
    const checkedAt = new Date().toISOString()
    const token = ctx.credentials.defaultToken(company.id)
    const certificate = ctx.credentials.defaultCertificate(company.id, 'Authentication')
    if (token) {
      ctx.credentials.recordKsefTokenStatuses(
        company.id,
        [{ referenceNumber: token.referenceNumber, status: 'Active', permissions: [] }],
        checkedAt,
      )
      recorded++
    } else if (certificate) {
      ctx.credentials.recordKsefCertificateStatuses(
        company.id,
        [{ serialNumber: certificate.serialNumber, status: 'Active' }],
        checkedAt,
      )
      recorded++
    }
    // A KSeF answer comes every millisecond or two.
    if (recorded % 2 === 0) await sleep(1)
    look()
  }
  const pollMs = performance.now() - began
  // The last window ends on its own, as in the app; nothing is left for the close to write.
  for (const until = performance.now() + settingsWriteWindowMs + 500; performance.now() < until;) {
    await sleep(20)
    look()
  }
  await close()
  const gaps = writtenAt.slice(1).map((at, n) => at - (writtenAt[n] ?? at))
  const shortestGap = gaps.length > 0 ? Math.min(...gaps) : pollMs
  return {
    name: `a status poll of ${companies} companies: one second against the shortest time between two durable settings writes`,
    medianMs: 1000,
    baseline: { name: 'the shortest gap between writes', medianMs: shortestGap },
    budget: 1,
    note: `${recorded} status writes over ${(pollMs / 1000).toFixed(1)} s reached the disk in ${writtenAt.length} durable write(s)`,
  }
}

/**
 * Runs in the page: types each query into the search field, timing the update it causes. No
 * named inner functions: tsx would wrap them in a helper the page does not have.
 */
async function typeQueries(queries: string[]): Promise<number[]> {
  const page = globalThis as unknown as PageWindow
  const input = page.document.querySelector('[data-testid="company-search"]')
  const counter = page.document.querySelector('[data-testid="companies-count"]')
  if (!input || !counter) throw new Error('no search field')
  const times: number[] = []
  for (const query of queries) {
    const before = counter.textContent
    performance.mark('search-start')
    // The input's own value setter, as typing does: React's tracker sees the change.
    Reflect.set(page.HTMLInputElement.prototype, 'value', query, input)
    input.dispatchEvent(new page.Event('input', { bubbles: true }))
    // React renders a typed character's update in a microtask queued before this one.
    await Promise.resolve()
    page.document.querySelector('[data-testid="company-list"]')?.getBoundingClientRect()
    performance.mark('search-end')
    times.push(performance.measure('search', 'search-start', 'search-end').duration)
    if (counter.textContent === before) {
      throw new Error(`"${query}" did not update the list within the marks`)
    }
    await new Promise<void>((resolve) => page.requestAnimationFrame(() => resolve()))
  }
  return times
}

async function keystroke(folder: string): Promise<BenchmarkRow> {
  if (!existsSync(join(builtRenderer, 'index.html'))) {
    throw new Error('The renderer is not built: run npm run build before npm run bench.')
  }
  const server = await startAppServer({ dataFolder: folder, passphrase })
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 820 } })
    await page.goto(server.url)
    await page.getByTestId('company-item').first().waitFor()
    // Each query changes what is listed, so every update is seen to land inside its marks.
    const round = ['Klient 1', 'Klient 19', 'Klient 199', 'Klient 1999', 'Klient 199', 'Klient 19']
    const queries = Array.from({ length: 8 }, () => [...round, 'Klient 1', '']).flat()
    const times = await page.evaluate(typeQueries, queries)
    const rows = await page.getByTestId('company-item').count()
    return {
      name: `one keystroke of search in the company list of ${companies} (Chromium, performance marks)`,
      medianMs: median(times.slice(8)),
      baseline: { name: 'one frame at 60 Hz', medianMs: 16 },
      budget: 1,
      note: `${times.length - 8} keystrokes after 8 to warm up; slowest ${Math.max(...times).toFixed(1)} ms; ${rows} rows in the page for ${companies} listed`,
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

export const officeSuite: BenchmarkSuite = {
  name: `office of ${companies} companies (test/support/data-folder-seed.ts)`,
  async run() {
    const folder = join(tmpdir(), `ksef-desk-bench-office-${process.pid}`)
    try {
      seedDataFolder(folder, { companies, at: new Date().toISOString() })
      const rows = [await coldStart(folder), await pollWrites(folder)]
      rows.push(await keystroke(folder))
      return rows
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  },
}
