import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openNodeServices } from '../../../electron/node-services'
import { settingsFilePath } from '../../../electron/vault/conf-settings-store'
import { openNodeSettings } from '../../../electron/vault/node-settings'
import { emptySettings } from '../../../electron/vault/settings-document'
import type { Company } from '../../../shared/domain/company'
import { FakeScheduler } from '../../support/fake-scheduler'
import { FakeClock } from '../../support/memory-context'
import { folderEachTestUnderUmask022 } from '../../support/temp-folder'

const company: Company = {
  id: '6f1c2b8e-1b1a-4c1e-9a55-0b6c1f6d2a11',
  name: 'Kowalski',
  identifier: { type: 'Nip', value: '5265877635' },
  environment: 'Demo',
  createdAt: '2026-11-21T09:00:00.000Z',
  updatedAt: '2026-11-21T09:00:00.000Z',
}
const other: Company = {
  ...company,
  id: '0d6b1f9e-8f3a-4a5e-b4c7-2f1d3e5a7b90',
  name: 'Nowak',
  identifier: { type: 'Nip', value: '1234563218' },
}

describe('settings file', () => {
  const folder = folderEachTestUnderUmask022()
  const path = () => settingsFilePath(folder.path)
  const corruptCopies = () => readdirSync(folder.path).filter((name) => name.includes('.corrupt-'))

  it('keeps data across a restart', async () => {
    const first = openNodeSettings(folder.path, new FakeClock())
    first.store.write({
      ...first.store.read(),
      companies: [company],
      preferences: { language: 'en', tokensAfter2026: false },
    })
    await first.store.flush()

    const second = openNodeSettings(folder.path, new FakeClock())
    expect(second.problem).toBeUndefined()
    expect(second.store.read()).toEqual({
      ...emptySettings(),
      preferences: { language: 'en', tokensAfter2026: false },
      companies: [company],
    })
  })

  it('writes settings.json 0600 in a 0700 folder under a umask of 022, and narrows an old file', async () => {
    chmodSync(folder.path, 0o755)
    writeFileSync(path(), JSON.stringify({ companies: [company] }), { mode: 0o644 })
    const opened = openNodeSettings(folder.path, new FakeClock())
    expect(statSync(path()).mode & 0o777).toBe(0o600)
    expect(statSync(folder.path).mode & 0o777).toBe(0o700)
    opened.store.write({ ...opened.store.read(), companies: [company, other] })
    await opened.store.flush()
    expect(statSync(path()).mode & 0o777).toBe(0o600)
  })

  it('quarantines one record with a bad UUID alone, keeps the rest, and says so', () => {
    const bad = { ...other, id: 'not-a-uuid' }
    writeFileSync(
      path(),
      JSON.stringify({
        schemaVersion: 1,
        companies: [company, bad],
        preferences: { language: 'en', tokensAfter2026: true },
      }),
    )
    const opened = openNodeSettings(folder.path, new FakeClock())

    expect(opened.problem?.code).toBe('SETTINGS_RECORDS_QUARANTINED')
    expect(opened.problem?.details).toMatchObject({ count: 1 })
    expect(opened.setAside).toBeUndefined()
    expect(opened.store.read().companies).toEqual([company])
    expect(opened.store.read().preferences).toEqual({ language: 'en', tokensAfter2026: true })
    expect(corruptCopies()).toEqual([])

    // In the file itself: the kept record, and the bad one with its reason, as it was read.
    const onDisk = JSON.parse(readFileSync(path(), 'utf8')) as ReturnType<typeof emptySettings>
    expect(onDisk.companies).toEqual([company])
    expect(onDisk.quarantine).toEqual([
      {
        section: 'companies',
        reason: expect.stringContaining('id') as unknown,
        quarantinedAt: '2026-11-21T09:00:00.000Z',
        record: bad,
      },
    ])

    // Opened again: nothing new to quarantine, the quarantine kept.
    const again = openNodeSettings(folder.path, new FakeClock())
    expect(again.problem).toBeUndefined()
    expect(again.store.read().quarantine).toHaveLength(1)
  })

  it('quarantines a bad record inside auth and bad preferences, keeping the sessions that parse', () => {
    writeFileSync(
      path(),
      JSON.stringify({
        companies: [company],
        preferences: { language: 'xx' },
        auth: { autoMode: [company.id, 'nope'] },
      }),
    )
    const opened = openNodeSettings(folder.path, new FakeClock())
    expect(opened.problem?.code).toBe('SETTINGS_RECORDS_QUARANTINED')
    expect(opened.store.read().auth.autoMode).toEqual([company.id])
    expect(opened.store.read().preferences).toEqual(emptySettings().preferences)
    expect(opened.store.read().quarantine.map((entry) => entry.section)).toEqual([
      'preferences',
      'auth.autoMode',
    ])
  })

  it.each([
    ['not JSON', '{"companies": [ {"id": '],
    ['empty after a power loss', ''],
    ['not an object', '[1, 2]'],
    ['another schema version', JSON.stringify({ schemaVersion: 2, companies: [] })],
  ])('%s: SETTINGS_CORRUPT, left in place, never written, until set aside', async (_case, text) => {
    writeFileSync(path(), text)
    const opened = openNodeSettings(folder.path, new FakeClock())

    expect(opened.problem?.code).toBe('SETTINGS_CORRUPT')
    expect(opened.store.read().companies).toEqual([])
    expect(() => opened.store.write({ ...emptySettings(), companies: [company] })).toThrow(
      expect.objectContaining({ code: 'SETTINGS_CORRUPT' }) as Error,
    )
    expect(readFileSync(path(), 'utf8')).toBe(text)
    expect(corruptCopies()).toEqual([])

    const movedTo = opened.setAside?.()
    expect(movedTo).toBe(`${path()}.corrupt-2026-11-21T09-00-00-000Z`)
    expect(readFileSync(String(movedTo), 'utf8')).toBe(text)
    opened.store.write({ ...emptySettings(), companies: [company] })
    await opened.store.flush()
    expect(openNodeSettings(folder.path, new FakeClock()).store.read().companies).toEqual([company])
  })

  it('reports a file that does not open as a notice at start, and logs it under its event name', async () => {
    writeFileSync(path(), 'not json')
    const { ctx, close } = await openNodeServices({
      dataFolder: folder.path,
      passphrase: 'p',
      clock: new FakeClock(),
    })
    await close()
    expect(ctx.notices.list().map((notice) => notice.error.code)).toEqual(['SETTINGS_CORRUPT'])
    expect(readFileSync(path(), 'utf8')).toBe('not json')
    const logged = readFileSync(join(folder.path, 'logs', 'main.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(logged).toContainEqual(
      expect.objectContaining({ message: 'data file problem', code: 'SETTINGS_CORRUPT' }),
    )
    expect(existsSync(path())).toBe(true)
  })

  describe('writes gathered in a window', () => {
    const onDisk = () =>
      (JSON.parse(readFileSync(path(), 'utf8')) as ReturnType<typeof emptySettings>).companies
    const temporaryFiles = () => readdirSync(folder.path).filter((name) => name.endsWith('.tmp'))

    it('reads every write at once; 100 writes in a window reach the disk in one durable write', async () => {
      const scheduler = new FakeScheduler()
      const { store } = openNodeSettings(folder.path, new FakeClock(), {
        scheduler,
        windowMs: 1000,
      })
      for (let n = 0; n < 100; n++) {
        const named = { ...company, name: `Kowalski ${n}` }
        store.write({ ...store.read(), companies: [named] })
        expect(store.read().companies).toEqual([named])
      }
      expect(existsSync(path())).toBe(false)
      scheduler.advance(999)
      expect(existsSync(path())).toBe(false)
      scheduler.advance(1)
      await store.flush()
      expect(onDisk()).toEqual([{ ...company, name: 'Kowalski 99' }])
      // A durable write renames a new file over the old: the same inode, no write since.
      const written = statSync(path()).ino
      await store.flush()
      expect(statSync(path()).ino).toBe(written)
      expect(temporaryFiles()).toEqual([])
    })

    it('flush writes what the window holds at once, and nothing when it holds nothing', async () => {
      const scheduler = new FakeScheduler()
      const { store } = openNodeSettings(folder.path, new FakeClock(), {
        scheduler,
        windowMs: 1000,
      })
      store.write({ ...store.read(), companies: [company] })
      await store.flush()
      expect(onDisk()).toEqual([company])
      expect(scheduler.pending).toBe(0)
      const written = statSync(path()).ino
      await store.flush()
      expect(statSync(path()).ino).toBe(written)
    })

    it('a write that fails is told once with its cause, kept in memory, and written by the next flush', async () => {
      const scheduler = new FakeScheduler()
      const { store } = openNodeSettings(folder.path, new FakeClock(), {
        scheduler,
        windowMs: 1000,
      })
      const told: unknown[] = []
      store.whenWriteFails?.(({ code, message, details }) => told.push({ code, message, details }))
      // A folder where the file should be: the rename over it fails (as root too, unlike a mode).
      mkdirSync(path())
      store.write({ ...store.read(), companies: [company] })
      scheduler.advance(1000)
      await expect(store.flush()).rejects.toMatchObject({
        code: 'SETTINGS_WRITE_FAILED',
        details: { path: path(), cause: 'EISDIR' },
      })
      scheduler.advance(1000)
      await expect(store.flush()).rejects.toMatchObject({ code: 'SETTINGS_WRITE_FAILED' })
      rmdirSync(path())
      expect(told).toEqual([
        {
          code: 'SETTINGS_WRITE_FAILED',
          message: `The settings file ${path()} could not be written; the changes are kept in memory, and the write is tried again within a second and when the app closes.`,
          details: { path: path(), cause: 'EISDIR' },
        },
      ])
      expect(store.read().companies).toEqual([company])
      await store.flush()
      expect(onDisk()).toEqual([company])
    })

    it('closing the services writes what the window holds before the folder is given back', async () => {
      const { ctx, close } = await openNodeServices({
        dataFolder: folder.path,
        passphrase: 'p',
        clock: new FakeClock(),
      })
      ctx.companies.save(company)
      expect(existsSync(path())).toBe(false)
      await close()
      expect(onDisk()).toEqual([company])
    })
  })
})
