import { EventEmitter } from 'node:events'
import type {
  Bounds,
  ShellWebContents,
  ShellWindow,
  WindowOptions,
} from '../../../electron/shell/shell-electron'
import { FakeEvent } from './events'

let nextId = 1

/** A frame as Electron hands it to an invoke's listener: only its identity matters. */
export interface FakeFrame {
  readonly name: string
}

type OpenHandler = (details: { url: string }) => { action: 'deny' | 'allow' }

export class FakeWebContents extends EventEmitter implements ShellWebContents {
  readonly id = nextId++
  readonly mainFrame: FakeFrame = { name: 'main frame' }
  /** A frame inside the page (an iframe): never our main frame. */
  readonly childFrame: FakeFrame = { name: 'child frame' }
  readonly sent: { channel: string; payload: unknown }[] = []
  windowOpenHandler: OpenHandler | undefined
  #devToolsOpen = false

  constructor(private readonly devToolsAllowed: boolean) {
    super()
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload })
  }

  setWindowOpenHandler(handler: OpenHandler): void {
    this.windowOpenHandler = handler
  }

  /** As Electron: with webPreferences.devTools false, opening DevTools does nothing. */
  openDevTools(): void {
    if (!this.devToolsAllowed) return
    this.#devToolsOpen = true
    this.emit('devtools-opened')
  }

  /** How often the app closed DevTools. */
  closedDevTools = 0

  closeDevTools(): void {
    this.closedDevTools += 1
    this.#devToolsOpen = false
  }

  isDevToolsOpened(): boolean {
    return this.#devToolsOpen
  }

  /** The page tries to navigate: whether the navigation goes ahead. */
  navigate(url: string): boolean {
    const event = new FakeEvent()
    this.emit('will-navigate', event, url)
    return !event.defaultPrevented
  }

  /** The page tries to attach a <webview>: whether it is attached. */
  attachWebview(src: string): boolean {
    const event = new FakeEvent()
    this.emit('will-attach-webview', event, { src }, { src })
    return !event.defaultPrevented
  }

  /** window.open or a target=_blank link: what Electron would do (it allows by default). */
  openWindow(url: string): 'deny' | 'allow' {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }).action : 'allow'
  }
}

export interface WindowHost {
  added(window: FakeWindow): void
  closed(window: FakeWindow): void
}

export class FakeWindow extends EventEmitter implements ShellWindow {
  readonly webContents: FakeWebContents
  loadedUrl: string | undefined
  shown = false
  focused = 0
  #destroyed = false
  #minimized = false
  #maximized = false
  #bounds: Bounds

  constructor(
    readonly options: WindowOptions,
    private readonly host: WindowHost,
    displayArea: Bounds,
  ) {
    super()
    this.webContents = new FakeWebContents(options.webPreferences.devTools)
    // Electron centres a window given no position on the primary display.
    this.#bounds = {
      x: options.x ?? displayArea.x + Math.round((displayArea.width - options.width) / 2),
      y: options.y ?? displayArea.y + Math.round((displayArea.height - options.height) / 2),
      width: options.width,
      height: options.height,
    }
    host.added(this)
  }

  isDestroyed(): boolean {
    return this.#destroyed
  }

  isMinimized(): boolean {
    return this.#minimized
  }

  isMaximized(): boolean {
    return this.#maximized
  }

  getNormalBounds(): Bounds {
    return { ...this.#bounds }
  }

  minimize(): void {
    this.#minimized = true
  }

  restore(): void {
    this.#minimized = false
  }

  maximize(): void {
    this.#maximized = true
  }

  /** The user drags or resizes the window. */
  setBounds(bounds: Bounds): void {
    this.#bounds = { ...bounds }
  }

  focus(): void {
    this.focused += 1
  }

  show(): void {
    this.shown = true
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    this.emit('ready-to-show')
    return Promise.resolve()
  }

  /** The user closes the window (or the app quits): 'close', then it is gone. */
  close(): void {
    if (this.#destroyed) return
    const event = new FakeEvent()
    this.emit('close', event)
    if (event.defaultPrevented) return
    this.#destroyed = true
    this.emit('closed')
    this.host.closed(this)
  }
}
