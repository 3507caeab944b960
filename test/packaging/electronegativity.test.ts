import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accepts, lowerForScan, readReview, scan } from './support/electronegativity'
import type { Acceptance, Finding, Scan } from './support/electronegativity'

const projectDir = fileURLToPath(new URL('../../', import.meta.url))
const reviewFile = join(projectDir, 'security', 'electronegativity-review.md')
// The version the app ships with, given explicitly: Electronegativity's defaults (sandbox,
// contextIsolation) depend on it, and it would otherwise guess from what it finds.
const electronVersion = (
  JSON.parse(
    readFileSync(join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as {
    version: string
  }
).version

const unaccepted = (findings: Finding[], review: Acceptance[]) =>
  findings.filter((finding) => !review.some((acceptance) => accepts(acceptance, finding)))

let workDir: string
let built: Scan
let sources: Scan
let review: Acceptance[]
beforeAll(async () => {
  if (!existsSync(join(projectDir, 'out', 'main', 'index.js'))) {
    throw new Error('Electronegativity scans the built app: run `npm run build` first.')
  }
  workDir = mkdtempSync(join(tmpdir(), 'ksef-desk-electronegativity-'))
  const lowered = join(workDir, 'out')
  lowerForScan(join(projectDir, 'out'), lowered)
  built = await scan(lowered, 'out', electronVersion)
  sources = await scan(join(projectDir, 'electron'), 'electron', electronVersion)
  review = readReview(readFileSync(reviewFile, 'utf8'))
})
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true })
})

describe('Electronegativity over the built app (out/) and electron/', () => {
  it('reads every file it scans', () => {
    expect([...built.unparsed, ...sources.unparsed]).toEqual([])
  })

  it('finds nothing that security/electronegativity-review.md does not accept', () => {
    expect(unaccepted([...built.findings, ...sources.findings], review)).toEqual([])
  })

  it('is reviewed only for findings it still reports', () => {
    const findings = [...built.findings, ...sources.findings]
    const stale = review.filter(
      (acceptance) => !findings.some((finding) => accepts(acceptance, finding)),
    )
    expect(stale).toEqual([])
  })

  it('says for every accepted finding why it does not apply', () => {
    expect(review.length).toBeGreaterThan(0)
    expect(review.filter((acceptance) => acceptance.why.split(/\s+/).length < 5)).toEqual([])
  })

  it('fails the run on a finding the review does not accept', async () => {
    const canary = join(workDir, 'canary')
    mkdirSync(canary)
    writeFileSync(
      join(canary, 'main.js'),
      "const { BrowserWindow } = require('electron')\n" +
        'new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } })\n',
    )
    const { findings } = await scan(canary, 'canary', electronVersion)
    expect(unaccepted(findings, review)).toEqual(
      expect.arrayContaining([
        { check: 'NODE_INTEGRATION_JS_CHECK', where: 'canary/main.js' },
        { check: 'CONTEXT_ISOLATION_JS_CHECK', where: 'canary/main.js' },
      ]),
    )
  })
})
