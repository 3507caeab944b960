import { readFileSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import { openNodeServices } from '../../../electron/node-services'
import { settingsFilePath } from '../../../electron/vault/conf-settings-store'
import type { AppStatus } from '../../../shared/domain/app-status'
import { FakeClock } from '../../support/memory-context'
import { tempFolder } from '../../support/temp-folder'

describe("app:setAsideSettings: the user's choice for a settings file that does not open", () => {
  let folder: ReturnType<typeof tempFolder>
  beforeEach(() => {
    folder = tempFolder()
  })
  afterEach(() => folder.remove())
  const open = () =>
    openNodeServices({ dataFolder: folder.path, passphrase: 'p', clock: new FakeClock() })
  const draft = {
    name: 'Kowalski',
    identifier: { type: 'Nip', value: '5265877635' },
    environment: 'Test',
  } as const

  it('keeps the file and refuses writes until the user chooses; then renames it aside and starts empty', async () => {
    writeFileSync(settingsFilePath(folder.path), '{"companies": [')
    const { ctx, close } = await open()
    const dispatch = createDispatch(handlers, ctx)
    expect(ctx.notices.list().map((notice) => notice.error.code)).toEqual(['SETTINGS_CORRUPT'])
    expect(await dispatch('companies:add', draft)).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS_CORRUPT' },
    })
    expect(readFileSync(settingsFilePath(folder.path), 'utf8')).toBe('{"companies": [')

    const envelope = await dispatch('app:setAsideSettings', undefined)
    expect(envelope.ok).toBe(true)
    expect((envelope as { value: AppStatus }).value.notices).toEqual([])
    expect(
      readFileSync(`${settingsFilePath(folder.path)}.corrupt-2026-11-21T09-00-00-000Z`, 'utf8'),
    ).toBe('{"companies": [')
    expect(await dispatch('companies:add', draft)).toMatchObject({ ok: true })
    expect(await dispatch('app:setAsideSettings', undefined)).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS_NOT_CORRUPT' },
    })
    await close()
  })

  it('refuses with SETTINGS_NOT_CORRUPT when the file opens, moving nothing', async () => {
    const { ctx, close } = await open()
    expect(await createDispatch(handlers, ctx)('app:setAsideSettings', undefined)).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS_NOT_CORRUPT' },
    })
    await close()
  })
})
