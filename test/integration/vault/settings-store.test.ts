import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openNodeServices } from '../../../electron/node-services'
import { settingsFilePath } from '../../../electron/vault/conf-settings-store'
import { openNodeSettings } from '../../../electron/vault/node-settings'
import { emptySettings } from '../../../electron/vault/settings-document'
import type { Company } from '../../../shared/domain/company'
import { FakeClock } from '../../support/memory-context'
import { tempFolder } from '../../support/temp-folder'

const company: Company = {
  id: '6f1c2b8e-1b1a-4c1e-9a55-0b6c1f6d2a11',
  name: 'Kowalski',
  identifier: { type: 'Nip', value: '5265877635' },
  environment: 'Demo',
  createdAt: '2026-11-21T09:00:00.000Z',
  updatedAt: '2026-11-21T09:00:00.000Z',
}

describe('settings file (conf)', () => {
  let folder: ReturnType<typeof tempFolder>
  beforeEach(() => {
    folder = tempFolder()
  })
  afterEach(() => folder.remove())

  it('keeps data across a restart', () => {
    const first = openNodeSettings(folder.path, new FakeClock())
    first.store.write({
      ...first.store.read(),
      companies: [company],
      preferences: { language: 'en', tokensAfter2026: false },
    })

    const second = openNodeSettings(folder.path, new FakeClock())
    expect(second.recovered).toBeUndefined()
    expect(second.store.read()).toEqual({
      ...emptySettings(),
      preferences: { language: 'en', tokensAfter2026: false },
      companies: [company],
    })
  })

  it('moves a file that is not JSON aside, reports it, and starts empty', () => {
    const path = settingsFilePath(folder.path)
    writeFileSync(path, '{"companies": [ {"id": ')
    const opened = openNodeSettings(folder.path, new FakeClock())

    expect(opened.recovered?.code).toBe('SETTINGS_CORRUPT')
    const movedTo = opened.recovered?.details?.['movedTo']
    expect(movedTo).toBe(`${path}.corrupt-2026-11-21T09-00-00-000Z`)
    expect(readFileSync(String(movedTo), 'utf8')).toBe('{"companies": [ {"id": ')
    expect(opened.store.read().companies).toEqual([])
  })

  it('moves aside a JSON file that is not a settings document', () => {
    writeFileSync(settingsFilePath(folder.path), JSON.stringify({ companies: [{ name: 'no id' }] }))
    const opened = openNodeSettings(folder.path, new FakeClock())
    expect(opened.recovered?.code).toBe('SETTINGS_CORRUPT')
    expect(readdirSync(folder.path).filter((name) => name.includes('.corrupt-'))).toHaveLength(1)
  })

  it('reports the move to the user as a notice at start', async () => {
    writeFileSync(settingsFilePath(folder.path), 'not json')
    const { ctx, close } = await openNodeServices({
      dataFolder: folder.path,
      passphrase: 'p',
      clock: new FakeClock(),
    })
    await close()
    expect(ctx.notices.list().map((notice) => notice.error.code)).toEqual(['SETTINGS_CORRUPT'])
    expect(existsSync(settingsFilePath(folder.path))).toBe(true)
    expect(readFileSync(join(folder.path, 'logs', 'main.log'), 'utf8')).toContain(
      'SETTINGS_CORRUPT',
    )
  })
})
