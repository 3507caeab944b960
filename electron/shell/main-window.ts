import { minimumSize, placeWindow, readWindowState, writeWindowState } from './window-state'
import type { Bounds, ShellElectron, ShellWindow } from './shell-electron'

export interface MainWindowOptions {
  dataFolder: string
  packaged: boolean
  preload: string
  url: string
}

/**
 * The one window: sandboxed, isolated, no Node, DevTools only outside a packaged build; placed
 * where the user left it (clamped to a display present now), remembered when it closes.
 */
export function createMainWindow<W extends ShellWindow>(
  electron: Pick<ShellElectron<W>, 'BrowserWindow' | 'screen'>,
  options: MainWindowOptions,
): W {
  const placement = placeWindow(
    readWindowState(options.dataFolder),
    electron.screen.getAllDisplays(),
  )
  const window = new electron.BrowserWindow({
    width: placement.width,
    height: placement.height,
    ...(placement.x === undefined ? {} : { x: placement.x }),
    ...(placement.y === undefined ? {} : { y: placement.y }),
    minWidth: minimumSize.width,
    minHeight: minimumSize.height,
    show: false,
    title: 'KSeF Desk',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !options.packaged,
    },
  })
  if (placement.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  window.on('close', () =>
    writeWindowState(options.dataFolder, {
      ...rounded(window.getNormalBounds()),
      maximized: window.isMaximized(),
    }),
  )
  void window.loadURL(options.url)
  return window
}

/** Another launch while this one runs brings this window forward instead of a second window. */
export function focusWindow(window: ShellWindow | undefined): void {
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.focus()
}

/** Scaled displays can report fractional pixels; the saved state keeps whole ones. */
const rounded = (bounds: Bounds): Bounds => ({
  x: Math.round(bounds.x),
  y: Math.round(bounds.y),
  width: Math.round(bounds.width),
  height: Math.round(bounds.height),
})
