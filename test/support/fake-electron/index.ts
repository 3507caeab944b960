import { randomBytes } from 'node:crypto'
import type {
  Bounds,
  MenuItem,
  MessageBox,
  OpenDialog,
  ShellElectron,
  WindowOptions,
} from '../../../electron/shell/shell-electron'
import { FakeApp, type InstanceLocks } from './app'
import { FakeSafeStorage, type StorageBackend } from './safe-storage'
import { FakeSession } from './session'
import { FakeWindow, type FakeFrame } from './window'

export { electronPermissions } from './session'
export type { FakeApp } from './app'
export type { FakeSession } from './session'
export type { FakeWebContents, FakeWindow } from './window'

/**
 * One computer: launches of the app on it share the single-instance locks and the keychain's key.
 */
export interface FakeMachine {
  locks: InstanceLocks
  keychainKey: Buffer
}

export const fakeMachine = (): FakeMachine => ({
  locks: { holders: new Map() },
  keychainKey: randomBytes(32),
})

export interface FakeElectronOptions {
  machine: FakeMachine
  userData: string
  packaged?: boolean
  version?: string
  backend?: StorageBackend
  encryptionAvailable?: boolean
  displays?: Bounds[]
}

/** A fake menu: the template it was built from, which is all Electron's Menu keeps of it. */
export interface FakeMenu {
  template: MenuItem[]
}

export interface FakeMenuModule {
  buildFromTemplate(template: MenuItem[]): FakeMenu
  setApplicationMenu(menu: FakeMenu): void
  applicationMenu: FakeMenu | undefined
}

export interface FakeIpcMain {
  handle(channel: string, listener: IpcListener): void
  readonly handlers: Map<string, IpcListener>
  /** The renderer invokes a channel from the given frame of the given webContents. */
  invoke(
    channel: string,
    input: unknown,
    from: { sender: { id: number }; senderFrame: FakeFrame },
  ): Promise<unknown>
}

type IpcListener = Parameters<ShellElectron['ipcMain']['handle']>[1]

export interface FakeElectron extends ShellElectron<FakeWindow, FakeMenu> {
  app: FakeApp
  session: { readonly defaultSession: FakeSession }
  ipcMain: FakeIpcMain
  safeStorage: FakeSafeStorage
  dialog: ShellElectron<FakeWindow>['dialog'] & {
    messageBoxes: MessageBox[]
    errorBoxes: { title: string; content: string }[]
    openDialogs: { owner?: FakeWindow; options: OpenDialog }[]
  }
  Menu: FakeMenuModule
  shell: ShellElectron['shell'] & { openedExternal: string[]; openedPaths: string[] }
  protocol: ShellElectron['protocol'] & {
    privileged: Parameters<ShellElectron['protocol']['registerSchemesAsPrivileged']>[0]
  }
  windows: FakeWindow[]
}

/**
 * An in-memory Electron with exactly the API the shell uses (ShellElectron), recording what the
 * app did and behaving as Electron documents where the app relies on it: modules usable only
 * after ready throw before it, privileged schemes only before it, a second ipcMain.handle of a
 * channel throws.
 */
export function createFakeElectron(options: FakeElectronOptions): FakeElectron {
  const displays = options.displays ?? [{ x: 0, y: 0, width: 1920, height: 1040 }]
  const app = new FakeApp(
    options.machine.locks,
    options.userData,
    options.packaged ?? false,
    options.version ?? '0.1.0',
  )
  const windows: FakeWindow[] = []
  app.windows = () => [...windows]
  const afterReady = (what: string) => {
    if (!app.isReady()) throw new Error(`${what} cannot be used before the app is ready`)
  }
  const host = {
    added: (window: FakeWindow) => {
      windows.push(window)
      app.emit('web-contents-created', {}, window.webContents)
    },
    closed: (window: FakeWindow) => {
      windows.splice(windows.indexOf(window), 1)
      if (windows.length === 0 && !app.isQuitting()) app.emit('window-all-closed')
    },
  }
  const primaryArea = displays[0] ?? { x: 0, y: 0, width: 1920, height: 1040 }
  class BrowserWindow extends FakeWindow {
    constructor(windowOptions: WindowOptions) {
      afterReady('BrowserWindow')
      super(windowOptions, host, primaryArea)
    }

    static getAllWindows(): FakeWindow[] {
      return [...windows]
    }
  }

  const defaultSession = new FakeSession()
  const handlers = new Map<string, IpcListener>()
  const privileged: FakeElectron['protocol']['privileged'] = []
  const Menu: FakeMenuModule = {
    applicationMenu: undefined,
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu(menu) {
      this.applicationMenu = menu
    },
  }
  const dialog: FakeElectron['dialog'] = {
    messageBoxes: [],
    errorBoxes: [],
    openDialogs: [],
    showOpenDialog(...args: [FakeWindow, OpenDialog] | [OpenDialog]) {
      dialog.openDialogs.push(
        args.length === 2 ? { owner: args[0], options: args[1] } : { options: args[0] },
      )
      // The user cancels: a test that needs a folder chosen has no use for the real dialog.
      return Promise.resolve({ canceled: true, filePaths: [] })
    },
    showMessageBox(_window, box) {
      dialog.messageBoxes.push(box)
      return Promise.resolve({ response: 0 })
    },
    showErrorBox(title, content) {
      dialog.errorBoxes.push({ title, content })
    },
  }
  const shell: FakeElectron['shell'] = {
    openedExternal: [],
    openedPaths: [],
    openExternal(url) {
      shell.openedExternal.push(url)
      return Promise.resolve()
    },
    openPath(path) {
      shell.openedPaths.push(path)
      return Promise.resolve('')
    },
  }

  return {
    app,
    BrowserWindow,
    session: {
      get defaultSession() {
        afterReady('session')
        return defaultSession
      },
    },
    ipcMain: {
      handlers,
      handle(channel, listener) {
        if (handlers.has(channel)) {
          throw new Error(`Attempted to register a second handler for '${channel}'`)
        }
        handlers.set(channel, listener)
      },
      invoke(channel, input, from) {
        const listener = handlers.get(channel)
        if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`))
        return Promise.resolve(listener(from, input))
      },
    },
    safeStorage: new FakeSafeStorage(
      options.machine.keychainKey,
      options.backend ?? 'gnome_libsecret',
      options.encryptionAvailable ?? true,
    ),
    dialog,
    Menu,
    shell,
    protocol: {
      privileged,
      registerSchemesAsPrivileged(schemes) {
        if (app.isReady()) {
          throw new Error('registerSchemesAsPrivileged must be called before the app is ready')
        }
        privileged.push(...schemes)
      },
    },
    screen: {
      getAllDisplays() {
        afterReady('screen')
        return displays.map((workArea) => ({ workArea }))
      },
    },
    windows,
  }
}
