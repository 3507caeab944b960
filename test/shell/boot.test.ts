import { afterEach, describe, expect, it } from 'vitest'
import { channelNames } from '../../shared/ipc/names'
import { electronPermissions } from '../support/fake-electron'
import { boot, cleanUp } from './harness'

afterEach(cleanUp)

describe('the shell booted under the fake Electron', () => {
  it('starts, opens one window on app://renderer/index.html and shows it', async () => {
    const { outcome, electron, window } = await boot({ packaged: true })
    expect(outcome).toEqual({ kind: 'running' })
    expect(electron.windows).toHaveLength(1)
    expect(window().loadedUrl).toBe('app://renderer/index.html')
    expect(window().shown).toBe(true)
  })

  it('loads the dev server when not packaged, never when packaged', async () => {
    const dev = await boot({ packaged: false, devServerUrl: 'http://localhost:5173/' })
    expect(dev.window().loadedUrl).toBe('http://localhost:5173/')
    const packaged = await boot({ packaged: true, devServerUrl: 'http://localhost:5173/' })
    expect(packaged.window().loadedUrl).toBe('app://renderer/index.html')
  })

  it('registers every channel of the contract on ipcMain, and nothing else', async () => {
    const { electron } = await boot()
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort())
  })

  it("answers our window's main frame", async () => {
    const { invoke } = await boot()
    expect(await invoke('app:status')).toMatchObject({ ok: true, value: { version: '0.1.0' } })
  })

  it.each([
    ['a frame inside our page', 'child'],
    ['another webContents', 'stranger'],
  ] as const)('refuses a request from %s with SENDER_REFUSED', async (_who, which) => {
    const { electron, window } = await boot()
    const ours = window().webContents
    const from =
      which === 'child'
        ? { sender: ours, senderFrame: ours.childFrame }
        : { sender: { id: ours.id + 1000 }, senderFrame: ours.mainFrame }
    expect(await electron.ipcMain.invoke('companies:add', {}, from)).toMatchObject({
      ok: false,
      error: { code: 'SENDER_REFUSED' },
    })
  })

  it('the window is sandboxed and isolated, without Node, at least 1024×700', async () => {
    const { window } = await boot()
    expect(window().options).toMatchObject({
      minWidth: 1024,
      minHeight: 700,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    })
  })

  it('denies navigation, webviews and new windows', async () => {
    const { window } = await boot()
    const contents = window().webContents
    expect(contents.navigate('https://evil.com/')).toBe(false)
    expect(contents.navigate('app://renderer/index.html#/other')).toBe(false)
    expect(contents.attachWebview('https://evil.com/')).toBe(false)
    expect(contents.openWindow('https://evil.com/')).toBe('deny')
    expect(contents.openWindow('https://ap.ksef.mf.gov.pl/')).toBe('deny')
  })

  it('opens in the system browser only links to allowed hosts, compared as parsed hosts', async () => {
    const { window, electron } = await boot()
    const contents = window().webContents
    contents.openWindow('https://ap.ksef.mf.gov.pl.evil.com/')
    contents.openWindow('https://evil.com/?ap.ksef.mf.gov.pl')
    contents.openWindow('http://ap.ksef.mf.gov.pl/')
    contents.openWindow('https://ksef.podatki.gov.pl/pomoc')
    expect(electron.shell.openedExternal).toEqual(['https://ksef.podatki.gov.pl/pomoc'])
  })

  const clipboard = ['clipboard-read', 'clipboard-sanitized-write']
  const otherPermissions = electronPermissions.filter((name) => !clipboard.includes(name))

  it('denies every permission request but the clipboard of our own page', async () => {
    const { electron, window } = await boot()
    const session = electron.session.defaultSession
    for (const permission of otherPermissions) {
      expect(await session.requestPermission(permission, window().webContents), permission).toBe(
        false,
      )
    }
    for (const permission of clipboard) {
      expect(await session.requestPermission(permission, window().webContents), permission).toBe(
        true,
      )
    }
  })

  it('denies every permission check but the clipboard of our own page', async () => {
    const { electron, window } = await boot()
    const session = electron.session.defaultSession
    for (const permission of otherPermissions) {
      expect(session.checkPermission(permission, window().webContents), permission).toBe(false)
    }
    for (const permission of clipboard) {
      expect(session.checkPermission(permission, window().webContents), permission).toBe(true)
    }
  })

  it('denies the clipboard to a child frame, another webContents and another origin', async () => {
    const { electron, window } = await boot()
    const session = electron.session.defaultSession
    const ours = window().webContents
    const elsewhere = [
      { contents: ours, frame: { isMainFrame: false } },
      { contents: { id: 999 }, frame: {} },
      { contents: ours, frame: { url: 'https://evil.com/index.html' } },
      { contents: ours, frame: { url: 'app://other/index.html' } },
      { contents: ours, frame: { url: 'file:///etc/passwd' } },
      { contents: ours, frame: { url: 'not a url' } },
    ]
    for (const { contents, frame } of elsewhere) {
      for (const permission of clipboard) {
        const label = `${permission} ${JSON.stringify(frame)}`
        expect(await session.requestPermission(permission, contents, frame), label).toBe(false)
        expect(session.checkPermission(permission, contents, frame), label).toBe(false)
      }
    }
  })

  it('lets the development server page use the clipboard when unpackaged', async () => {
    const devServerUrl = 'http://localhost:5173/'
    const { electron, window } = await boot({ devServerUrl })
    const session = electron.session.defaultSession
    const contents = window().webContents
    expect(await session.requestPermission('clipboard-read', contents, { url: devServerUrl })).toBe(
      true,
    )
    expect(
      await session.requestPermission('clipboard-read', contents, {
        url: 'http://localhost:5174/',
      }),
    ).toBe(false)
    expect(await session.requestPermission('clipboard-read', contents)).toBe(false)
  })

  it('sends the Content-Security-Policy as a response header, allowing only our own scripts', async () => {
    const { electron } = await boot({ packaged: true })
    const headers = await electron.session.defaultSession.receiveHeaders({
      url: 'app://renderer/index.html',
      responseHeaders: { 'Content-Type': ['text/html'] },
    })
    const [policy] = headers['Content-Security-Policy'] ?? []
    expect(policy).toContain("script-src 'self';")
    expect(policy).toContain("default-src 'none'")
    expect(policy).not.toContain('unsafe-eval')
    expect(headers['Content-Type']).toEqual(['text/html'])
  })

  it('replaces a policy the dev server sends with its own', async () => {
    const { electron } = await boot({ devServerUrl: 'http://localhost:5173/' })
    const headers = await electron.session.defaultSession.receiveHeaders({
      url: 'http://localhost:5173/',
      responseHeaders: { 'content-security-policy': ['script-src *'] },
    })
    expect(headers['content-security-policy']).toBeUndefined()
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self' 'unsafe-inline'")
  })

  it('switches DevTools off in a packaged build', async () => {
    const { window } = await boot({ packaged: true })
    expect(window().options.webPreferences.devTools).toBe(false)
    window().webContents.openDevTools()
    expect(window().webContents.isDevToolsOpened()).toBe(false)
  })

  it('closes DevTools that open anyway in a packaged build', async () => {
    const { window } = await boot({ packaged: true })
    const contents = window().webContents
    contents.emit('devtools-opened')
    expect(contents.closedDevTools).toBe(1)
  })

  it('leaves DevTools to the developer when not packaged', async () => {
    const { window } = await boot({ packaged: false })
    expect(window().options.webPreferences.devTools).toBe(true)
    window().webContents.openDevTools()
    expect(window().webContents.isDevToolsOpened()).toBe(true)
  })

  it('an export asks the system dialog, over our window and in Polish, for the folder', async () => {
    const { invoke, electron, window } = await boot()
    const company = await invoke('companies:add', {
      name: 'Firma Testowa',
      identifier: { type: 'Nip', value: '5265877635' },
      environment: 'Test',
    })
    const companyId = company.ok ? (company.value as { id: string }).id : ''
    const certificate = await invoke('certificates:createTest', { companyId })
    const certificateId = certificate.ok ? (certificate.value as { id: string }).id : ''
    const exported = await invoke('certificates:export', {
      companyId,
      certificateId,
      format: 'pem',
      password: 'Haslo-Eksportu-2026!',
    })
    expect(exported).toMatchObject({
      ok: true,
      value: {
        files: [
          { name: expect.stringMatching(/\.crt$/) as unknown, saved: false, location: null },
          { name: expect.stringMatching(/\.key$/) as unknown, saved: false, location: null },
        ],
      },
    })
    expect(electron.dialog.openDialogs).toHaveLength(1)
    expect(electron.dialog.openDialogs[0]?.owner).toBe(window())
    expect(electron.dialog.openDialogs[0]?.options).toMatchObject({
      title: expect.stringMatching(/^Wybierz folder, w którym zapisać: /) as unknown,
      buttonLabel: 'Zapisz tutaj',
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    })
  })

  it('registers app:// as a privileged scheme before the app is ready', async () => {
    const { electron } = await boot()
    expect(electron.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })
})
