import { join } from 'node:path'
import { app, BrowserWindow, session, shell, type WebContents } from 'electron'
import { systemClock } from './clock'
import { createDispatch } from './dispatch'
import { checkedEventSink } from './events'
import { handlers } from './handlers'
import { ksefApiUrlOverride } from './ksef-api-url'
import { fileLogger } from './log'
import { DialogFileSaver } from './platform/file-saver'
import { bindContract, sendToWindow } from './platform/ipc'
import { dataFolder } from './platform/paths'
import { keychainWarning, safeStorageSealer } from './platform/secret-storage'
import { openElectronSettings } from './platform/store'
import { buildHandlerContext, closeServices, keepSessionsAlive } from './services'
import { FolderCertificateFiles } from './vault/certificate-files'
import { PreferencesRepository } from './vault/preferences-repository'
import { SealedFileSecretStore, secretsFileName } from './vault/sealed-file-secret-store'

// The composition root of the desktop app: lifecycle, the window and its security policy, the
// services built once from Electron's ports, and the contract bound to ipcMain.

let mainWindow: BrowserWindow | undefined

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'KSeF Desk',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  const devServer = process.env['ELECTRON_RENDERER_URL']
  if (!app.isPackaged && devServer) void window.loadURL(devServer)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return window
}

/** The page never navigates and never opens windows; https links go to the system browser. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

async function start(): Promise<void> {
  await app.whenReady()
  app.on('web-contents-created', (_event, contents) => lockDown(contents))
  // The page needs no camera, microphone, notifications or location: every request is refused.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, answer) =>
    answer(false),
  )

  const folder = dataFolder()
  const clock = systemClock
  const log = fileLogger(join(folder, 'logs', 'main.log'))
  const warning = keychainWarning()
  const requestedApiUrl = process.env['KSEF_DESK_API_URL']
  const ksefApiUrl = ksefApiUrlOverride(requestedApiUrl, app.isPackaged)
  if (requestedApiUrl !== undefined && ksefApiUrl === undefined) {
    log.info('KSEF_DESK_API_URL ignored', { packaged: app.isPackaged })
  }
  const settings = openElectronSettings(folder, clock)
  const preferences = new PreferencesRepository(settings.store)
  const ctx = await buildHandlerContext({
    version: app.getVersion(),
    dataFolder: folder,
    clock,
    log,
    events: checkedEventSink(sendToWindow(() => mainWindow)),
    settings,
    secrets: new SealedFileSecretStore(join(folder, secretsFileName), safeStorageSealer, clock),
    certificateFiles: new FolderCertificateFiles(join(folder, 'certificates')),
    warnings: warning ? [warning] : [],
    ksefApiUrl,
    fileSaver: new DialogFileSaver(
      () => mainWindow,
      () => preferences.get().language,
    ),
  })
  const stopKeepingSessions = keepSessionsAlive(ctx)
  bindContract(createDispatch(handlers, ctx), () => mainWindow)
  ctx.ksefTokens.resumeFollowing()
  quitAfter(async () => {
    stopKeepingSessions()
    await closeServices(ctx)
  })

  mainWindow = createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
}

/**
 * Quitting waits for the services to end their background work (a token status followed, an
 * enrollment polled, a session refresh), so none writes to the data folder or main.log while
 * the app goes away; then the quit goes on.
 */
function quitAfter(close: () => Promise<void>): void {
  let closing: Promise<void> | undefined
  let closed = false
  app.on('before-quit', (event) => {
    if (closed) return
    event.preventDefault()
    closing ??= close()
      .catch((error: unknown) => {
        console.error(
          'KSeF Desk did not close cleanly:',
          error instanceof Error ? error.message : error,
        )
      })
      .finally(() => {
        closed = true
        app.quit()
      })
  })
}

/** Another launch while this one runs brings this window forward instead of a second window. */
function focusWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

// Settings and secrets are read once and served from memory: a second instance on the same data
// folder would overwrite the first one's companies, keys and tokens. It hands over and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', focusWindow)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  start().catch((error: unknown) => {
    console.error('KSeF Desk failed to start:', error instanceof Error ? error.message : error)
    app.exit(1)
  })
}
