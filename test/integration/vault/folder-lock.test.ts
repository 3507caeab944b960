import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openNodeServices } from '../../../electron/node-services'
import { folderLockFileName } from '../../../electron/vault/folder-lock'
import type { Company } from '../../../shared/domain/company'
import { FakeClock } from '../../support/memory-context'
import { filesUnder, tempFolder } from '../../support/temp-folder'

const company: Company = {
  id: '6f1c2b8e-1b1a-4c1e-9a55-0b6c1f6d2a11',
  name: 'Kowalski',
  identifier: { type: 'Nip', value: '5265877635' },
  environment: 'Test',
  createdAt: '2026-11-21T09:00:00.000Z',
  updatedAt: '2026-11-21T09:00:00.000Z',
}

const root = join(import.meta.dirname, '../../..')
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/** A pid that belonged to a process which has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''])
  if (child.pid === undefined) throw new Error('no child process')
  return child.pid
}

describe('one process per data folder', () => {
  let folder: ReturnType<typeof tempFolder>
  beforeEach(() => {
    folder = tempFolder()
  })
  afterEach(() => folder.remove())

  const open = () =>
    openNodeServices({ dataFolder: folder.path, passphrase: 'pass phrase', clock: new FakeClock() })
  const lockFile = () => join(folder.path, folderLockFileName)
  const snapshot = () =>
    filesUnder(folder.path).map(({ path, bytes }) => [path, bytes.toString('base64')])

  it('refuses a second open with DATA_FOLDER_IN_USE, writing nothing', async () => {
    const first = await open()
    first.ctx.companies.save(company)
    // The write window must be over, or the first process writes while the second is refused.
    await first.ctx.flushSettings()
    await first.ctx.secrets.set('company/a/token/1', 'sealed token')
    const before = snapshot()

    await expect(open()).rejects.toMatchObject({
      code: 'DATA_FOLDER_IN_USE',
      details: { folder: folder.path, pid: process.pid },
    })
    expect(snapshot()).toEqual(before)
    expect(first.ctx.companies.list()).toEqual([company])
    await first.close()
  })

  it('refuses a ksef-desk process while the folder is open here, and it changes nothing', async () => {
    const first = await open()
    first.ctx.companies.save(company)
    // The write window must be over, or the first process writes while the second is refused.
    await first.ctx.flushSettings()
    const before = snapshot()
    const child = spawn(
      process.execPath,
      ['--import', tsx, join(root, 'electron/cli.ts'), 'companies', 'list'],
      {
        cwd: root,
        env: {
          ...process.env,
          KSEF_DESK_DATA_DIR: folder.path,
          KSEF_DESK_PASSPHRASE: 'pass phrase',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const [status] = (await once(child, 'close')) as [number | null]

    expect(stderr).toMatch(/^error DATA_FOLDER_IN_USE: /)
    expect(status).toBe(1)
    expect(snapshot()).toEqual(before)
    await first.close()
  })

  it('takes over a lock whose process has ended', async () => {
    writeFileSync(lockFile(), String(deadPid()))
    const services = await open()
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid))
    await services.close()
  })

  it('counts a lock file still being written (empty) as held', async () => {
    writeFileSync(lockFile(), '')
    await expect(open()).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' })
    expect(filesUnder(folder.path).map(({ path }) => path)).toEqual([lockFile()])
  })

  it('gives the folder back on close: the lock file goes and the next open sees the data', async () => {
    const first = await open()
    first.ctx.companies.save(company)
    await first.close()
    expect(existsSync(lockFile())).toBe(false)

    const second = await open()
    expect(second.ctx.companies.list()).toEqual([company])
    await second.close()
  })
})
