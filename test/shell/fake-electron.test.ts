import { describe, expect, it } from 'vitest'
import { createFakeElectron, fakeMachine } from '../support/fake-electron'

// The fake stands in for Electron in every shell test: where the shell relies on documented
// behaviour, the fake must show it, or a test would pass against an Electron that does not exist.

describe('the fake Electron behaves as Electron documents', () => {
  it('whenReady resolves after ready is emitted', async () => {
    const electron = createFakeElectron({ machine: fakeMachine(), userData: '/fake/a' })
    const seen: string[] = []
    electron.app.on('ready', () => seen.push('ready'))
    expect(electron.app.isReady()).toBe(false)
    await electron.app.whenReady()
    expect(seen).toEqual(['ready'])
  })

  it('a second requestSingleInstanceLock on the same user data returns false and tells the first', () => {
    const machine = fakeMachine()
    const first = createFakeElectron({ machine, userData: '/fake/a' })
    const second = createFakeElectron({ machine, userData: '/fake/a' })
    const elsewhere = createFakeElectron({ machine, userData: '/fake/b' })
    let told = 0
    first.app.on('second-instance', () => (told += 1))
    expect(first.app.requestSingleInstanceLock()).toBe(true)
    expect(second.app.requestSingleInstanceLock()).toBe(false)
    expect(elsewhere.app.requestSingleInstanceLock()).toBe(true)
    expect(told).toBe(1)
    first.app.quit()
    expect(second.app.requestSingleInstanceLock()).toBe(true)
  })

  it('preventDefault in before-quit cancels the quit', () => {
    const electron = createFakeElectron({ machine: fakeMachine(), userData: '/fake/a' })
    electron.app.once('before-quit', (event: { preventDefault(): void }) => event.preventDefault())
    electron.app.quit()
    expect(electron.app.hasEnded()).toBe(false)
    electron.app.quit()
    expect(electron.app.hasEnded()).toBe(true)
  })

  it('session and screen cannot be used before ready, privileged schemes only before it', async () => {
    const electron = createFakeElectron({ machine: fakeMachine(), userData: '/fake/a' })
    expect(() => electron.session.defaultSession).toThrow('before the app is ready')
    expect(() => electron.screen.getAllDisplays()).toThrow('before the app is ready')
    await electron.app.whenReady()
    expect(() =>
      electron.protocol.registerSchemesAsPrivileged([
        { scheme: 'late', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      ]),
    ).toThrow('before the app is ready')
  })

  it('a channel can have one ipcMain handler only', () => {
    const electron = createFakeElectron({ machine: fakeMachine(), userData: '/fake/a' })
    electron.ipcMain.handle('x', () => 1)
    expect(() => electron.ipcMain.handle('x', () => 2)).toThrow(
      "Attempted to register a second handler for 'x'",
    )
  })

  it('safeStorage round-trips asynchronously on one machine and reports its backend', async () => {
    const machine = fakeMachine()
    const electron = createFakeElectron({ machine, userData: '/fake/a', backend: 'basic_text' })
    const sealed = await electron.safeStorage.encryptStringAsync('sekret')
    expect(sealed.includes(Buffer.from('sekret'))).toBe(false)
    const again = createFakeElectron({ machine, userData: '/fake/a' })
    expect(await again.safeStorage.decryptStringAsync(sealed)).toEqual({ result: 'sekret' })
    expect(electron.safeStorage.getSelectedStorageBackend()).toBe('basic_text')
    const other = createFakeElectron({ machine: fakeMachine(), userData: '/fake/a' })
    await expect(other.safeStorage.decryptStringAsync(sealed)).rejects.toThrow()
  })
})
