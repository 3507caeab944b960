// Medians, not means: a desktop machine has background noise, and one GC pause should not
// move a figure.

export interface BenchmarkRow {
  name: string
  medianMs: number
  baseline: { name: string; medianMs: number }
  /** The largest allowed medianMs / baseline.medianMs; rows without one only report. */
  budget?: number
  note?: string
}

export interface BenchmarkSuite {
  name: string
  run(): Promise<BenchmarkRow[]>
}

export interface MeasureOptions {
  samples?: number
  warmup?: number
}

export async function medianMs(work: () => unknown, options: MeasureOptions = {}): Promise<number> {
  const samples = options.samples ?? 200
  for (let i = 0; i < (options.warmup ?? Math.min(20, samples)); i++) await work()
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint()
    await work()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  const middle = times.length >> 1
  return times.length % 2 === 1
    ? (times[middle] ?? 0)
    : ((times[middle - 1] ?? 0) + (times[middle] ?? 0)) / 2
}

export const ratio = (row: BenchmarkRow): number => row.medianMs / row.baseline.medianMs

export const missesBudget = (row: BenchmarkRow): boolean =>
  row.budget !== undefined && ratio(row) > row.budget
