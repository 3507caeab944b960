// Sprawdź poświadczenia of 500 and of 2,000 companies against the simulator at KSeF's production
// limits, over its floor: for each bucket the simulator enforces, the requests the job needed in
// it divided by that bucket's limit (the largest of these), plus the simulator's status delay —
// with not one 429. And one Zaloguj clicked during the 500-company job, over the same click alone.
import { rateLimitTable } from '../electron/ksef/rate-limit-table'
import { countedPerClient } from '../electron/ksef/rate-limiter'
import { startSimulator, type RunningSimulator } from '../test/ksef-sim'
import { officeOf } from '../test/integration/bulk/office'
import type { BenchmarkRow, BenchmarkSuite } from './measure'

/** The simulator's default: how long KSeF takes to decide on a login. */
const statusDelayMs = 300
const clicks = 3

const windows = [
  { key: 'perSecond', ms: 1_000 },
  { key: 'perMinute', ms: 60_000 },
  { key: 'perHour', ms: 3_600_000 },
] as const

/**
 * The least time KSeF's limits allow for what the job sent: per bucket (an operation, per client
 * for the open ones, per company for the protected ones, as the simulator counts them), the
 * requests in it over each window's limit, times the window, the largest of all; plus the delay.
 */
function floorMs(sim: RunningSimulator): { ms: number; bucket: string } {
  const buckets = new Map<string, number>()
  for (const request of sim.requests) {
    const operation = rateLimitTable.find((o) => `${o.method} ${o.template}` === request.operation)
    if (!operation) continue
    const open = !operation.secured || countedPerClient.has(request.operation ?? '')
    const who = open ? 'client' : (request.requestHeaders['authorization'] ?? '')
    const key = `${request.operation} ${who}`
    buckets.set(key, (buckets.get(key) ?? 0) + 1)
  }
  let floor = { ms: 0, bucket: '' }
  for (const [key, count] of buckets) {
    const operation = rateLimitTable.find((o) => key.startsWith(`${o.method} ${o.template} `))
    for (const { key: window, ms } of windows) {
      const limit = operation?.limits[window]
      if (limit === undefined || count <= limit) continue
      const needed = (count / limit) * ms
      if (needed > floor.ms) floor = { ms: needed, bucket: key.replace(/ client$/, '') }
    }
  }
  return { ms: floor.ms + statusDelayMs, bucket: floor.bucket }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1] ?? 0
}

/** One size: the job's wall time over its floor, its 429s, and (500) the click during it. */
export async function bulkCheckRows(count: number, withClick: boolean): Promise<BenchmarkRow[]> {
  const sim = await startSimulator({ authStatusDelayMs: statusDelayMs })
  // One company more than the job: the one the user logs in by hand meanwhile.
  const office = await officeOf(sim, count + 1)
  try {
    const clicker = office.companies[count]?.id ?? ''
    const zaloguj = async () => {
      const start = performance.now()
      await office.call('auth:loginWithToken', { companyId: clicker })
      const ms = performance.now() - start
      await office.call('auth:logout', { companyId: clicker })
      return ms
    }
    const alone: number[] = []
    if (withClick) for (let i = 0; i < clicks; i++) alone.push(await zaloguj())
    sim.clearRequests()

    const start = performance.now()
    const started = await office.call('bulk:start', {
      action: { action: 'check' },
      selection: { kind: 'ids', companyIds: office.companies.slice(0, count).map((c) => c.id) },
    })
    const during: number[] = []
    const clicking = (async () => {
      if (!withClick) return
      for (let i = 0; i < clicks; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1_500))
        during.push(await zaloguj())
      }
    })()
    const job = await office.ctx.bulk.finished(started.id)
    const wall = performance.now() - start
    await clicking

    const refused = sim.requests.filter((request) => request.status === 429).length
    const correct = job.rows.filter((row) => row.state === 'done').length
    const floor = floorMs(sim)
    const rows: BenchmarkRow[] = [
      {
        name: `bulk check of ${count} companies by token, production limits`,
        medianMs: wall,
        baseline: { name: 'floor', medianMs: floor.ms },
        budget: 1.15,
        note: `${correct}/${count} checked; floor: ${floor.bucket} at its limit + ${statusDelayMs} ms status delay; the job's estimate at start ${started.estimateMs ?? 0} ms`,
      },
      {
        name: `  429 answers during it (none allowed)`,
        medianMs: refused,
        baseline: { name: 'one', medianMs: 1 },
        budget: 0,
      },
    ]
    if (withClick) {
      rows.push({
        name: `one Zaloguj tokenem during the ${count}-company check`,
        medianMs: median(during),
        baseline: { name: 'the same Zaloguj alone', medianMs: median(alone) },
        budget: 1.5,
        note: `${clicks} clicks each, medians`,
      })
    }
    return rows
  } finally {
    await office.close()
    await sim.close()
  }
}

export const bulkSuite: BenchmarkSuite = {
  name: 'Bulk work under KSeF’s limits',
  async run() {
    return [...(await bulkCheckRows(500, true)), ...(await bulkCheckRows(2_000, false))]
  },
}
