// Kopia zapasowa end to end through the CLI, in process, against the simulator: an office's data
// folder backed up, restored into another data folder (one of whose companies it replaces), whose
// companies then log in to KSeF by certificate and by token. A wrong passphrase, a file with one
// byte changed and a restore with a conflict left open are refused with their codes and leave the
// target data folder byte for byte as it was. The folders are filled through the app's services
// in one opening each (every CLI command pays the data folder's key derivation).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditFileName } from '../../../electron/audit/audit-file'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import { openNodeServices } from '../../../electron/node-services'
import type { Company } from '../../../shared/domain/company'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { nthNip } from '../../support/company-seed'
import { filesContaining } from '../../support/temp-folder'
import { expectRefusal, inProcessCli, type InProcessCli } from '../cli/in-process'
import { passphrase as folderPassphrase } from '../cli/simulator-process'

const backupPassphrase = 'Kopia zapasowa biura 2026'
const [certificateNip, tokenNip] = [nthNip(610), nthNip(611)]

let sim: RunningSimulator
const folders: InProcessCli[] = []
beforeAll(async () => {
  sim = await startSimulator({ authStatusDelayMs: 0, limits: false })
})
afterAll(async () => {
  folders.forEach((folder) => folder.remove())
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})

/** A data folder filled through the contract, as the window fills it; the CLI pointed at it. */
async function dataFolder(
  fill: (call: (channel: string, input: unknown) => Promise<unknown>) => Promise<void>,
) {
  const folder = inProcessCli(sim.url)
  folders.push(folder)
  const { ctx, close } = await openNodeServices({
    dataFolder: folder.dataDir,
    passphrase: folderPassphrase,
    ksefApiUrl: sim.url,
  })
  const dispatch = createDispatch(handlers, ctx)
  try {
    await fill(async (channel, input) => {
      const envelope = await dispatch(channel, input)
      if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
      return envelope.value
    })
  } finally {
    await close()
  }
  return folder
}

const addCompany = async (
  call: (channel: string, input: unknown) => Promise<unknown>,
  nip: string,
  name: string,
) =>
  (await call('companies:add', {
    name,
    identifier: { type: 'Nip', value: nip },
    environment: 'Test',
  })) as Company

/** Every file of the data folder but the diagnostics log, byte for byte. */
function everyFile(dataDir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (relative(dataDir, path) !== join('logs', 'main.log'))
        files[relative(dataDir, path)] = readFileSync(path).toString('base64')
    }
  }
  walk(dataDir)
  return files
}

async function ok(folder: InProcessCli, args: string[]) {
  const run = await folder.cli(args)
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return run.stdout
}

const backupEntries = (dataDir: string) =>
  readFileSync(join(dataDir, auditFileName), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { action: string; result: string })
    .filter((entry) => entry.action.startsWith('backup.'))

describe('backup create → restore into another data folder', () => {
  it('restores companies that log in by certificate and by token; refusals change nothing', async () => {
    const { token } = sim.seed.createToken({
      context: { type: 'Nip', value: tokenNip },
      permissions: ['InvoiceRead', 'InvoiceWrite'],
    })
    const office = await dataFolder(async (call) => {
      const withCertificate = await addCompany(call, certificateNip, 'Spółka z certyfikatem')
      await call('certificates:createTest', { companyId: withCertificate.id })
      const withToken = await addCompany(call, tokenNip, 'Spółka z tokenem')
      await call('tokens:add', { companyId: withToken.id, token })
    })
    writeFileSync(office.path('passphrase.txt'), `${backupPassphrase}\n`)
    const backup = office.path('kopia.ksefbackup')
    const create = ['backup', 'create', '--out', backup]
    expect(await ok(office, [...create, '--passphrase-file', office.path('passphrase.txt')])).toBe(
      `Backup written to ${backup}.\n`,
    )
    expect(filesContaining(office.folder, token)).toEqual([])
    expect(backupEntries(office.dataDir)).toMatchObject([{ action: 'backup.create', result: 'ok' }])

    // The other computer has the token's company already, under another name, with nothing stored.
    const target = await dataFolder(async (call) => {
      await addCompany(call, tokenNip, 'Tokenowa (tutaj)')
    })
    writeFileSync(target.path('passphrase.txt'), `${backupPassphrase}\n`)
    writeFileSync(target.path('wrong.txt'), 'Kopia zapasowa biura 2025\n')
    const changed = readFileSync(backup)
    const middle = Math.floor(changed.length / 2)
    changed[middle] = (changed[middle] ?? 0) ^ 0x01
    writeFileSync(target.path('changed.ksefbackup'), changed)
    const restore = (file: string, passphraseFile: string, ...more: string[]) =>
      target.cli([
        'backup',
        'restore',
        '--in',
        file,
        '--passphrase-file',
        target.path(passphraseFile),
        ...more,
      ])

    const before = everyFile(target.dataDir)
    expectRefusal(
      await restore(backup, 'wrong.txt'),
      'BACKUP_WRONG_PASSPHRASE',
      'This is not the passphrase of this backup. Nothing was changed.',
    )
    expectRefusal(
      await restore(target.path('changed.ksefbackup'), 'passphrase.txt'),
      'BACKUP_CORRUPT',
      'The backup file was changed or damaged since it was made; it cannot be restored. Nothing was changed.',
    )
    expectRefusal(
      await restore(backup, 'passphrase.txt'),
      'BACKUP_CONFLICT_UNRESOLVED',
      `Choose keep or replace for 1 company that is here already (Nip:${tokenNip}:Test): nothing was restored.`,
    )
    const dryRun = await restore(backup, 'passphrase.txt', '--dry-run')
    expect(dryRun.status).toBe(0)
    expect(dryRun.stdout.split('\n').slice(1)).toEqual([
      `  ${certificateNip} Test "Spółka z certyfikatem": 1 certificates, 0 tokens`,
      `  ${tokenNip} Test "Spółka z tokenem": 0 certificates, 1 tokens — here already as "Tokenowa (tutaj)" (Nip:${tokenNip}:Test)`,
      '--dry-run: nothing was restored.',
      '',
    ])
    expect(everyFile(target.dataDir)).toEqual(before)

    const restored = await restore(backup, 'passphrase.txt', '--on-conflict', 'replace')
    expect(restored.stderr).toBe('')
    expect(restored.stdout).toContain(
      'Restored: 1 companies added, 1 replaced, 0 kept as they were; 0 identities added, 1 certificates, 1 tokens; settings same.',
    )
    expect(backupEntries(target.dataDir)).toMatchObject([
      { action: 'backup.restore', result: 'ok' },
    ])
    expect(filesContaining(target.dataDir, token)).toEqual([])

    for (const [nip, method] of [
      [certificateNip, 'certificate'],
      [tokenNip, 'token'],
    ] as const) {
      const state = JSON.parse(
        await ok(target, ['login', '--company', nip, '--method', method, '--json']),
      ) as { session: { method: string } | null }
      expect(state.session).toMatchObject({ method })
    }
    for (const run of [...office.runs, ...target.runs]) {
      expect(run.stdout + run.stderr).not.toContain(backupPassphrase)
      expect(run.stdout + run.stderr).not.toContain(token)
    }
  })

  it('refuses a call it cannot carry out before the data folder opens, exactly', async () => {
    const folder = inProcessCli(sim.url)
    folders.push(folder)
    writeFileSync(folder.path('short.txt'), 'za krótkie\n')
    writeFileSync(folder.path('exists.ksefbackup'), 'keep me')
    const { cli, path } = folder
    expectRefusal(
      await cli(['backup', 'create', '--passphrase-file', path('short.txt')]),
      'CLI_USAGE',
      '--out is required.',
      2,
    )
    expectRefusal(
      await cli(['backup', 'create', '--out', path('x.ksefbackup')]),
      'CLI_USAGE',
      '--passphrase (or --passphrase-file) is required.',
      2,
    )
    expectRefusal(
      await cli([
        'backup',
        'create',
        '--out',
        path('exists.ksefbackup'),
        '--passphrase-file',
        path('short.txt'),
      ]),
      'FILE_EXISTS',
      `${path('exists.ksefbackup')} exists already; nothing was written (use --force to replace it).`,
    )
    expectRefusal(
      await cli([
        'backup',
        'restore',
        '--in',
        path('exists.ksefbackup'),
        '--passphrase-file',
        path('short.txt'),
        '--on-conflict',
        'merge',
      ]),
      'CLI_USAGE',
      '--on-conflict must be keep or replace, not "merge".',
      2,
    )
    expectRefusal(
      await cli([
        'backup',
        'restore',
        '--in',
        path('missing.ksefbackup'),
        '--passphrase-file',
        path('short.txt'),
      ]),
      'FILE_UNREADABLE',
      `Cannot read ${path('missing.ksefbackup')}: no such file or folder.`,
    )
    expectRefusal(
      await cli([
        'backup',
        'create',
        '--out',
        path('x.ksefbackup'),
        '--passphrase-file',
        path('short.txt'),
      ]),
      'BACKUP_PASSPHRASE_TOO_SHORT',
      "The backup's passphrase must have at least 12 characters.",
    )
    expect(readFileSync(path('exists.ksefbackup'), 'utf8')).toBe('keep me')
    expect(readdirSync(folder.folder).sort()).toEqual(['data', 'exists.ksefbackup', 'short.txt'])
  })
})
