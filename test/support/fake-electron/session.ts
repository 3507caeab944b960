import type { HeadersDetails, ShellSession } from '../../../electron/shell/shell-electron'

/** Every permission Electron 45 names in setPermissionRequestHandler and its check twin. */
export const electronPermissions = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
] as const

const pageUrl = 'app://renderer/index.html'

type RequestHandler = Parameters<ShellSession['setPermissionRequestHandler']>[0]
type CheckHandler = Parameters<ShellSession['setPermissionCheckHandler']>[0]
type HeadersListener = Parameters<ShellSession['webRequest']['onHeadersReceived']>[0]
type ProtocolHandler = Parameters<ShellSession['protocol']['handle']>[1]

/**
 * The default session. Without handlers Electron grants every permission and passes headers
 * unchanged; the helpers below ask as Chromium would.
 */
export class FakeSession implements ShellSession {
  requestHandler: RequestHandler | undefined
  checkHandler: CheckHandler | undefined
  #headersListener: HeadersListener | undefined
  readonly protocols = new Map<string, ProtocolHandler>()

  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler
  }

  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler
  }

  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.#headersListener = listener
    },
  }

  readonly protocol = {
    handle: (scheme: string, handler: ProtocolHandler) => {
      // Electron refuses a second handler for a scheme.
      if (this.protocols.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`)
      this.protocols.set(scheme, handler)
    },
  }

  /**
   * A frame asks for a permission: what the user's answer would be. By default the page's main
   * frame at app://renderer/ asks, as our own page's click would.
   */
  requestPermission(
    permission: string,
    contents: unknown,
    frame: { url?: string; isMainFrame?: boolean } = {},
  ): Promise<boolean> {
    const handler = this.requestHandler
    if (!handler) return Promise.resolve(true)
    const details = { requestingUrl: frame.url ?? pageUrl, isMainFrame: frame.isMainFrame ?? true }
    return new Promise((resolve) => handler(contents, permission, resolve, details))
  }

  /** Chromium checks a permission without asking; it names the frame's origin and URL. */
  checkPermission(
    permission: string,
    contents: unknown,
    frame: { url?: string; isMainFrame?: boolean } = {},
  ): boolean {
    if (!this.checkHandler) return true
    const url = frame.url ?? pageUrl
    const origin = /^[a-z]+:\/\/[^/]*/i.exec(url)?.[0] ?? 'null'
    return this.checkHandler(contents, permission, origin, {
      requestingUrl: url,
      isMainFrame: frame.isMainFrame ?? true,
    })
  }

  /** A response arrives: the headers the page gets. */
  receiveHeaders(details: HeadersDetails): Promise<Record<string, string[]>> {
    const listener = this.#headersListener
    if (!listener) return Promise.resolve(details.responseHeaders ?? {})
    return new Promise((resolve) => listener(details, (answer) => resolve(answer.responseHeaders)))
  }

  /** The page loads a URL of a registered custom scheme. */
  fetch(url: string): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1)
    const handler = this.protocols.get(scheme)
    if (!handler) throw new Error(`No handler for the scheme ${scheme}`)
    return handler(new Request(url))
  }
}
