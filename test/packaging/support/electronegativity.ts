import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { transformSync } from 'esbuild'

// Electronegativity's package entry is its runner, which returns the findings and the files it
// could not parse. Its command line writes only the findings to a CSV or SARIF file, and a file it
// cannot parse simply yields none there, so it is called here directly.
const require = createRequire(import.meta.url)
const loadMessages =
  require('@doyensec/electronegativity/dist/locales/i18n.js') as () => Promise<void>
const runElectronegativity = require('@doyensec/electronegativity') as (
  options: {
    input: string
    isRelative: boolean
    electronVersionOverride: string
    excludeFromScan: string[]
  },
  forCli: false,
) => Promise<{
  issues: { id: string; file: string }[]
  errors: { file: string; message: string; tolerable: boolean }[]
}>

// Looks up Electron's release notes online to say whether a newer patch has security fixes; the
// scan runs offline, so the Electron version is kept current by `npm outdated electron` instead.
const onlineOnlyCheck = 'AvailableSecurityFixesGlobalCheck'
// Electronegativity names a finding about the application as a whole with this instead of a file.
const wholeInput = 'N/A'

// Loaded once per test file: each load tries to fetch newer translations and says so when it fails.
let messages: Promise<void> | undefined

export type Finding = { check: string; where: string }
export type Scan = { findings: Finding[]; unparsed: string[] }

/** Findings are named by where relative to the project: label is the scanned folder's path. */
export async function scan(input: string, label: string, electronVersion: string): Promise<Scan> {
  await (messages ??= loadMessages())
  const { issues, errors } = await runElectronegativity(
    {
      input,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: [onlineOnlyCheck],
    },
    false,
  )
  return {
    findings: issues.map((issue) => ({
      check: issue.id,
      where:
        issue.file === wholeInput ? `${label}/` : `${label}/${issue.file.split('\\').join('/')}`,
    })),
    unparsed: errors.map((error) => `${error.file}: ${error.message}`),
  }
}

/**
 * Copies the built app with its JavaScript lowered to ES2021: Electronegativity's scope analysis
 * predates private class members and stops at the first file that has one, so the built code is
 * scanned with them rewritten. Top-level await is kept: its parser reads that.
 */
export function lowerForScan(builtDir: string, copyDir: string): void {
  cpSync(builtDir, copyDir, { recursive: true })
  for (const entry of readdirSync(copyDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.[cm]?js$/.test(entry.name)) continue
    const file = join(entry.parentPath, entry.name)
    const { code } = transformSync(readFileSync(file, 'utf8'), {
      loader: 'js',
      target: 'es2021',
      supported: { 'top-level-await': true },
      sourcefile: file,
    })
    writeFileSync(file, code)
  }
}

export type Acceptance = { check: string; where: string; why: string }

/** The rows of the review's table: | check | where | why |. */
export function readReview(markdown: string): Acceptance[] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replaceAll('`', '')),
    )
    .filter((cells) => cells.length === 3 && !/^-+$/.test(cells[0]!) && cells[0] !== 'Check')
    .map(([check, where, why]) => ({ check: check!, where: where!, why: why! }))
}

// A * in where stands for any part of one path segment (the content hash in a chunk's name).
function wherePattern(where: string): RegExp {
  const parts = where.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('[^/]*')}$`)
}

export const accepts = (acceptance: Acceptance, finding: Finding): boolean =>
  acceptance.check === finding.check && wherePattern(acceptance.where).test(finding.where)
