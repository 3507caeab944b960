import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../electron/clock'
import { openNodeServices } from '../../electron/node-services'
import { keychainSealer } from '../../electron/vault/keychain-sealer'
import { folderLockFileName } from '../../electron/vault/folder-lock'
import {
  SealedFileSecretStore,
  secretsFileName,
} from '../../electron/vault/sealed-file-secret-store'
import { fakeMachine } from '../support/fake-electron'
import { filesContaining, filesUnder, tempFolder } from '../support/temp-folder'
import { boot, cleanUp, type Booted } from './harness'

afterEach(cleanUp)

const token = '20251010-EC-1DCE3E3000-12ECB5B36E-45|nip-5265877635|0123456789abcdef0123456789abcdef'

async function addCompany(shell: Booted): Promise<string> {
  const added = await shell.invoke('companies:add', {
    name: 'Firma Testowa',
    identifier: { type: 'Nip', value: '5265877635' },
    environment: 'Test',
  })
  if (!added.ok) throw new Error(`companies:add failed: ${added.error.code}`)
  return (added.value as { id: string }).id
}

describe('single instance', () => {
  it('a second launch on the same data folder brings the first window forward and quits', async () => {
    const machine = fakeMachine()
    const first = await boot({ machine })
    first.window().minimize()
    const second = await boot({ machine, folder: first.folder })
    expect(second.outcome).toEqual({ kind: 'handed-over' })
    expect(second.electron.app.hasEnded()).toBe(true)
    expect(second.electron.windows).toEqual([])
    expect(first.window().isMinimized()).toBe(false)
    expect(first.window().focused).toBe(1)
  })
})

describe('the data folder lock, shared with the CLI and the sandbox', () => {
  it('refuses to start on a folder the CLI holds, with the lock error, and leaves it as it was', async () => {
    const data = tempFolder()
    const cli = await openNodeServices({ dataFolder: data.path, passphrase: 'hasło CLI' })
    try {
      const before = filesUnder(data.path)
      const shell = await boot({ folder: data.path })
      expect(shell.outcome).toMatchObject({
        kind: 'failed',
        error: { code: 'DATA_FOLDER_IN_USE' },
      })
      expect(shell.electron.app.exitCode).toBe(1)
      expect(shell.electron.windows).toEqual([])
      expect(shell.electron.dialog.errorBoxes).toHaveLength(1)
      expect(shell.electron.dialog.errorBoxes[0]?.content).toContain('DATA_FOLDER_IN_USE')
      expect(shell.electron.dialog.errorBoxes[0]?.content).toContain(
        'Folder danych jest używany przez inny proces KSeF Desk',
      )
      expect(filesUnder(data.path)).toEqual(before)
      expect(existsSync(join(data.path, folderLockFileName))).toBe(true)
    } finally {
      await cli.close()
      data.remove()
    }
  })

  it('the CLI refuses a folder the app holds, and opens it once the app has quit', async () => {
    const shell = await boot()
    await expect(
      openNodeServices({ dataFolder: shell.folder, passphrase: 'hasło CLI' }),
    ).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' })
    await shell.quit()
    const cli = await openNodeServices({ dataFolder: shell.folder, passphrase: 'hasło CLI' })
    await cli.close()
  })
})

describe('Linux without a keyring (safeStorage backend basic_text)', () => {
  it('says SECRETS_WEAK_KEYCHAIN at start and stores no secret', async () => {
    const shell = await boot({ backend: 'basic_text' })
    const status = await shell.invoke('app:status')
    expect(status).toMatchObject({
      ok: true,
      value: { notices: [{ error: { code: 'SECRETS_WEAK_KEYCHAIN' } }] },
    })
    const companyId = await addCompany(shell)
    expect(await shell.invoke('tokens:add', { companyId, token })).toMatchObject({
      ok: false,
      error: { code: 'SECRETS_WEAK_KEYCHAIN' },
    })
    expect(existsSync(join(shell.folder, secretsFileName))).toBe(false)
    expect(filesContaining(shell.folder, token)).toEqual([])
  })

  it('with a keyring (gnome_libsecret) says nothing and stores the token sealed', async () => {
    const shell = await boot({ backend: 'gnome_libsecret' })
    expect(await shell.invoke('app:status')).toMatchObject({ ok: true, value: { notices: [] } })
    const companyId = await addCompany(shell)
    expect(await shell.invoke('tokens:add', { companyId, token })).toMatchObject({ ok: true })
    expect(existsSync(join(shell.folder, secretsFileName))).toBe(true)
    expect(filesContaining(shell.folder, token)).toEqual([])
  })
})

describe('quitting', () => {
  it('while a write is in flight waits for it, and nothing is lost', async () => {
    const machine = fakeMachine()
    const shell = await boot({ machine })
    const companyId = await addCompany(shell)
    const { safeStorage, app } = shell.electron
    const release = safeStorage.hold()
    const waiting = safeStorage.whenEncryptionWaits()
    const order: string[] = []
    const adding = shell.invoke('tokens:add', { companyId, token }).then((answer) => {
      order.push('written')
      return answer
    })
    const ended = app.whenEnded().then(() => order.push('ended'))
    await waiting
    app.quit()
    expect(app.quitsCancelled).toBe(1)
    release()
    expect(await adding).toMatchObject({ ok: true })
    await ended
    expect(order).toEqual(['written', 'ended'])

    const sealed = new SealedFileSecretStore(
      join(shell.folder, secretsFileName),
      keychainSealer(safeStorage, 'linux'),
      systemClock,
    )
    // The token added while quitting (the audit log's seal lives beside it, under audit/).
    expect(await sealed.deleteAll('company/')).toBe(1)
  })

  it('a later launch finds what the last one wrote before quitting', async () => {
    const machine = fakeMachine()
    const first = await boot({ machine })
    const companyId = await addCompany(first)
    const release = first.electron.safeStorage.hold()
    const waiting = first.electron.safeStorage.whenEncryptionWaits()
    const adding = first.invoke('tokens:add', { companyId, token })
    await waiting
    first.electron.app.quit()
    release()
    await adding
    await first.electron.app.whenEnded()

    const second = await boot({ machine, folder: first.folder })
    expect(await second.invoke('tokens:list', { companyId })).toMatchObject({
      ok: true,
      value: [{ companyId }],
    })
    expect(await second.invoke('app:status')).toMatchObject({ value: { notices: [] } })
  })

  it('closing the last window quits the app on Linux, giving the folder back', async () => {
    const shell = await boot()
    shell.window().close()
    await shell.electron.app.whenEnded()
    expect(existsSync(join(shell.folder, folderLockFileName))).toBe(false)
  })
})
