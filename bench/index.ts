// npm run bench: each suite's figures against a floor measured in the same run. Exits non-zero
// only when a row misses its budget. A new suite: a file exporting a BenchmarkSuite, one line in
// `suites` below.
import { bulkSuite } from './bulk'
import { cryptoSuite } from './crypto'
import { dashboardSuite } from './dashboard'
import { enrollmentSuite } from './enrollment'
import { loginSuite } from './login'
import { missesBudget, ratio, type BenchmarkRow, type BenchmarkSuite } from './measure'
import { officeSuite } from './office'

const suites: BenchmarkSuite[] = [
  cryptoSuite,
  loginSuite,
  enrollmentSuite,
  dashboardSuite,
  officeSuite,
  bulkSuite,
]

const format = (ms: number): string =>
  ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`

function print(suite: string, rows: BenchmarkRow[]): void {
  process.stdout.write(`\n${suite}\n`)
  for (const row of rows) {
    const verdict =
      row.budget === undefined
        ? ''
        : missesBudget(row)
          ? `  MISSED budget ≤ ${row.budget}×`
          : `  ok (budget ≤ ${row.budget}×)`
    process.stdout.write(
      `  ${row.name}\n    median ${format(row.medianMs)} = ${ratio(row).toFixed(ratio(row) < 10 ? 2 : 1)}× ${row.baseline.name} (${format(
        row.baseline.medianMs,
      )})${verdict}\n`,
    )
    if (row.note) process.stdout.write(`    ${row.note}\n`)
  }
}

let missed = 0
for (const suite of suites) {
  const rows = await suite.run()
  print(suite.name, rows)
  missed += rows.filter(missesBudget).length
}
process.stdout.write(missed === 0 ? '\nAll budgets met.\n' : `\n${missed} budget(s) missed.\n`)
process.exitCode = missed === 0 ? 0 : 1
