import { join } from 'node:path'
import { systemClock, type Clock } from '../clock'
import { createDispatch } from '../dispatch'
import { checkedEventSink } from '../events'
import { handlers } from '../handlers'
import { ksefApiUrlOverride } from '../ksef-api-url'
import { fileLogger } from '../log'
import { buildHandlerContext, closeServices, keepSessionsAlive } from '../services'
import { FolderCertificateFiles } from '../vault/certificate-files'
import type { OpenedSettings } from '../vault/conf-settings-store'
import { lockDataFolder } from '../vault/folder-lock'
import { PreferencesRepository } from '../vault/preferences-repository'
import { keychainSealer, weakKeychainError } from '../vault/keychain-sealer'
import { SealedFileSecretStore, secretsFileName } from '../vault/sealed-file-secret-store'
import { appScheme, privilegedSchemes, rendererEntry, serveRenderer } from './app-protocol'
import { aboutDetail, menuTemplate } from './app-menu'
import { DialogFileSaver } from './dialog-file-saver'
import { bindContract, sendToWindow } from './ipc'
import { InFlight, quitAfter } from './lifecycle'
import { createMainWindow, focusWindow } from './main-window'
import { contentSecurityPolicy, lockDownContents, lockDownSession } from './security-policy'
import { shellTexts, startFailureText } from './shell-texts'
import type { ShellElectron, ShellWindow } from './shell-electron'

export interface BootOptions {
  /** The settings file's opener: electron-store in the app, conf under the tests' fake Electron. */
  openSettings: (folder: string, clock: Clock) => OpenedSettings
  /** The built preload script (CommonJS: a sandboxed window runs nothing else). */
  preload: string
  /** The built renderer, served as app://renderer/. */
  rendererFolder: string
  /** electron-vite's dev server; used only when the app is not packaged. */
  devServerUrl?: string | undefined
  /** KSEF_DESK_API_URL as given; honoured only where ksefApiUrlOverride allows it. */
  requestedApiUrl?: string | undefined
  platform: NodeJS.Platform
  versions: { electron: string; chrome: string; node: string }
  clock?: Clock
}

export type BootOutcome =
  | { kind: 'running' }
  /** Another instance runs on this data folder: it was told to come forward, this one quits. */
  | { kind: 'handed-over' }
  | { kind: 'failed'; error: unknown }

/**
 * The composition root of the desktop app: single instance, the security policy of the session
 * and of every page, the app:// scheme, the data folder's lock, the services built once from
 * Electron's ports, the contract bound to ipcMain, the menu, the window, and a quit that waits.
 */
export function bootShell<W extends ShellWindow, M>(
  electron: ShellElectron<W, M>,
  options: BootOptions,
): Promise<BootOutcome> {
  const { app } = electron
  // Privileged schemes must be known before the app is ready.
  electron.protocol.registerSchemesAsPrivileged(privilegedSchemes)
  // Settings and secrets are read once and served from memory: a second instance on the same
  // data folder would overwrite the first one's companies, keys and tokens. It hands over.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return Promise.resolve({ kind: 'handed-over' })
  }
  let window: W | undefined
  app.on('second-instance', () => focusWindow(window))
  app.on('window-all-closed', () => {
    if (options.platform !== 'darwin') app.quit()
  })
  app.on('web-contents-created', (_event, contents) =>
    lockDownContents(contents, {
      packaged: app.isPackaged,
      openExternal: (url) => electron.shell.openExternal(url),
    }),
  )

  const start = async (): Promise<void> => {
    await app.whenReady()
    const devServer = app.isPackaged ? undefined : options.devServerUrl
    const policy = contentSecurityPolicy(devServer !== undefined)
    const session = electron.session.defaultSession
    const pageUrl = devServer ?? rendererEntry
    lockDownSession(session, policy, {
      url: pageUrl,
      isOurs: (contents) => window !== undefined && contents === window.webContents,
    })
    session.protocol.handle(appScheme, serveRenderer(options.rendererFolder, policy))

    const folder = app.getPath('userData')
    // The same lock as the CLI and the sandbox take, before anything is read or written.
    const lock = lockDataFolder(folder)
    try {
      const clock = options.clock ?? systemClock
      const logFolder = join(folder, 'logs')
      const log = fileLogger(join(logFolder, 'main.log'), () => clock.now())
      const ksefApiUrl = ksefApiUrlOverride(options.requestedApiUrl, app.isPackaged)
      if (options.requestedApiUrl !== undefined && ksefApiUrl === undefined) {
        log.info('KSEF_DESK_API_URL ignored', { packaged: app.isPackaged })
      }
      const settings = options.openSettings(folder, clock)
      const preferences = new PreferencesRepository(settings.store)
      const warning = weakKeychainError(electron.safeStorage, options.platform)
      const ctx = await buildHandlerContext({
        version: app.getVersion(),
        dataFolder: folder,
        clock,
        log,
        events: checkedEventSink(sendToWindow(() => window)),
        settings,
        secrets: new SealedFileSecretStore(
          join(folder, secretsFileName),
          keychainSealer(electron.safeStorage, options.platform),
          clock,
        ),
        certificateFiles: new FolderCertificateFiles(join(folder, 'certificates')),
        warnings: warning ? [warning] : [],
        ksefApiUrl,
        fileSaver: new DialogFileSaver(
          electron.dialog,
          () => window,
          () => preferences.get().language,
        ),
      })

      const showMenu = () => {
        const language = preferences.get().language
        const template = menuTemplate({
          language,
          packaged: app.isPackaged,
          platform: options.platform,
          actions: {
            openDataFolder: () => void electron.shell.openPath(folder),
            openEventLog: () => void electron.shell.openPath(logFolder),
            showAbout: () => {
              if (!window || window.isDestroyed()) return
              const texts = shellTexts[language]
              void electron.dialog.showMessageBox(window, {
                type: 'info',
                title: texts.aboutTitle,
                message: 'KSeF Desk',
                detail: aboutDetail(language, {
                  version: app.getVersion(),
                  versions: options.versions,
                  dataFolder: folder,
                }),
                buttons: [texts.ok],
              })
            },
          },
        })
        electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template))
      }

      const inFlight = new InFlight()
      const dispatch = createDispatch(handlers, ctx)
      bindContract(
        electron.ipcMain,
        async (channel, input) => {
          const answer = await inFlight.track(dispatch(channel, input))
          // The menu speaks the app's language: a change of it rebuilds the menu at once.
          if (channel === 'preferences:update' && answer.ok) showMenu()
          return answer
        },
        () => window,
      )
      const stopKeepingSessions = keepSessionsAlive(ctx)
      ctx.ksefTokens.resumeFollowing()
      quitAfter(
        app,
        async () => {
          stopKeepingSessions()
          await inFlight.settled()
          await closeServices(ctx)
          lock.release()
        },
        (error) =>
          log.error('did not close cleanly', {
            error: error instanceof Error ? error.name : 'unknown',
          }),
      )
      showMenu()

      const openWindow = () =>
        createMainWindow(electron, {
          dataFolder: folder,
          packaged: app.isPackaged,
          preload: options.preload,
          url: pageUrl,
        })
      window = openWindow()
      app.on('activate', () => {
        if (electron.BrowserWindow.getAllWindows().length === 0) window = openWindow()
      })
    } catch (error) {
      lock.release()
      throw error
    }
  }

  return start().then(
    () => ({ kind: 'running' }),
    (error: unknown) => {
      electron.dialog.showErrorBox('KSeF Desk', startFailureText(error))
      app.exit(1)
      return { kind: 'failed', error }
    },
  )
}
