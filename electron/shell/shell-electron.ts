import type { Keychain } from '../vault/keychain-sealer'
import type { InvokeSender } from '../ipc-sender'

// Exactly the part of Electron the desktop shell uses, written out so that the shell can be booted
// under a fake in tests. main.ts hands over the real modules; the compiler checks there that they
// fit these shapes.

export interface PreventableEvent {
  preventDefault(): void
}

export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

export interface ShellApp {
  readonly isPackaged: boolean
  whenReady(): Promise<void>
  requestSingleInstanceLock(): boolean
  getPath(name: 'userData'): string
  getVersion(): string
  quit(): void
  exit(code: number): void
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown
  on(event: 'second-instance', listener: () => void): unknown
  on(event: 'window-all-closed', listener: () => void): unknown
  on(event: 'activate', listener: () => void): unknown
  on(
    event: 'web-contents-created',
    listener: (event: unknown, contents: ShellWebContents) => void,
  ): unknown
}

export interface ShellWebContents {
  readonly id: number
  readonly mainFrame: unknown
  send(channel: string, payload: unknown): void
  closeDevTools(): void
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(event: 'will-navigate', listener: (event: PreventableEvent) => void): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  on(event: 'devtools-opened', listener: () => void): unknown
}

export interface WindowOptions {
  width: number
  height: number
  x?: number
  y?: number
  minWidth: number
  minHeight: number
  show: boolean
  title: string
  webPreferences: {
    preload: string
    contextIsolation: boolean
    sandbox: boolean
    nodeIntegration: boolean
    webSecurity: boolean
    spellcheck: boolean
    devTools: boolean
  }
}

export interface ShellWindow {
  readonly webContents: ShellWebContents
  isDestroyed(): boolean
  isMinimized(): boolean
  isMaximized(): boolean
  getNormalBounds(): Bounds
  restore(): void
  maximize(): void
  focus(): void
  show(): void
  loadURL(url: string): Promise<void>
  once(event: 'ready-to-show', listener: () => void): unknown
  on(event: 'close', listener: () => void): unknown
}

export interface HeadersDetails {
  url: string
  responseHeaders?: Record<string, string[]>
}

/** What Electron tells about the frame asking for a permission (the fourth handler argument). */
export interface PermissionRequestDetails {
  requestingUrl?: string
  isMainFrame?: boolean
}

export interface PermissionCheckDetails {
  requestingUrl?: string
  isMainFrame?: boolean
}

export interface ShellSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      answer: (granted: boolean) => void,
      details: PermissionRequestDetails,
    ) => void,
  ): void
  setPermissionCheckHandler(
    handler: (
      contents: unknown,
      permission: string,
      requestingOrigin: string,
      details: PermissionCheckDetails,
    ) => boolean,
  ): void
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: HeadersDetails,
        answer: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void
  }
  readonly protocol: {
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void
  }
}

export type MenuRole =
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'zoomIn'
  | 'zoomOut'
  | 'resetZoom'
  | 'togglefullscreen'
  | 'reload'
  | 'toggleDevTools'
  | 'appMenu'

export interface MenuItem {
  label?: string
  role?: MenuRole
  type?: 'separator'
  submenu?: MenuItem[]
  click?: () => void
}

export interface MessageBox {
  type: 'info'
  title: string
  message: string
  detail: string
  buttons: string[]
}

export interface OpenDialog {
  title: string
  buttonLabel: string
  properties: ('openDirectory' | 'createDirectory' | 'promptToCreate')[]
}

export interface ShellDialog<W extends ShellWindow = ShellWindow> {
  showOpenDialog(
    window: W,
    options: OpenDialog,
  ): Promise<{ canceled: boolean; filePaths: string[] }>
  showOpenDialog(options: OpenDialog): Promise<{ canceled: boolean; filePaths: string[] }>
  showMessageBox(window: W, options: MessageBox): Promise<unknown>
  showErrorBox(title: string, content: string): void
}

/**
 * W and M are the window and menu types of the implementation (BrowserWindow and Menu in the
 * app): Electron's dialogs and setApplicationMenu accept only its own objects back.
 */
export interface ShellElectron<W extends ShellWindow = ShellWindow, M = object> {
  app: ShellApp
  BrowserWindow: {
    new (options: WindowOptions): W
    getAllWindows(): W[]
  }
  /** Read only once the app is ready, as Electron requires. */
  session: { readonly defaultSession: ShellSession }
  ipcMain: {
    handle(channel: string, listener: (event: InvokeSender, input: unknown) => unknown): void
  }
  safeStorage: Keychain
  dialog: ShellDialog<W>
  Menu: {
    buildFromTemplate(template: MenuItem[]): M
    setApplicationMenu(menu: M): void
  }
  shell: {
    openExternal(url: string): Promise<void>
    openPath(path: string): Promise<string>
  }
  protocol: {
    registerSchemesAsPrivileged(
      schemes: {
        scheme: string
        privileges: { standard: boolean; secure: boolean; supportFetchAPI: boolean }
      }[],
    ): void
  }
  /** Read only once the app is ready, as Electron requires. */
  screen: { getAllDisplays(): { workArea: Bounds }[] }
}
