// npm run bench: each suite's figures against a floor measured in the same run. Exits non-zero
// only when a row misses its budget. `npm run bench -- bulk login` runs only those suites. A new
// suite: a file exporting a BenchmarkSuite, one line in `suites` below.
import { bulkSuite } from './bulk'
import { cryptoSuite } from './crypto'
import { dashboardSuite } from './dashboard'
import { enrollmentSuite } from './enrollment'
import { loginSuite } from './login'
import { missesBudget, ratio, type BenchmarkRow, type BenchmarkSuite } from './measure'
import { officeSuite } from './office'

const suites: Record<string, BenchmarkSuite> = {
  crypto: cryptoSuite,
  login: loginSuite,
  enrollment: enrollmentSuite,
  dashboard: dashboardSuite,
  office: officeSuite,
  bulk: bulkSuite,
}

const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !(name in suites))
if (unknown.length > 0) {
  process.stderr.write(
    `No suite ${unknown.join(', ')}; the suites are ${Object.keys(suites).join(', ')}.\n`,
  )
  process.exit(2)
}

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
for (const [name, suite] of Object.entries(suites)) {
  if (asked.length > 0 && !asked.includes(name)) continue
  const rows = await suite.run()
  print(suite.name, rows)
  missed += rows.filter(missesBudget).length
}
process.stdout.write(missed === 0 ? '\nAll budgets met.\n' : `\n${missed} budget(s) missed.\n`)
process.exitCode = missed === 0 ? 0 : 1
