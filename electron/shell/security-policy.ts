import type { PreventableEvent, ShellSession, ShellWebContents } from './shell-electron'

/**
 * The hosts the app sends the user to in the system browser: the MF web app of each environment
 * and the KSeF help pages. Nothing else leaves the window.
 */
export const externalHosts: readonly string[] = [
  'ap.ksef.mf.gov.pl',
  'ap-demo.ksef.mf.gov.pl',
  'ap-test.ksef.mf.gov.pl',
  'ksef.podatki.gov.pl',
]

const allowedHosts = new Set(externalHosts)

/**
 * Compares the parsed host, never the text: "https://ap.ksef.mf.gov.pl.evil.com" and
 * "https://evil.com/?ap.ksef.mf.gov.pl" contain an allowed name and lead elsewhere. Credentials
 * or a port in the URL are refused too: the MF pages need neither, and both disguise a link.
 */
export function isAllowedExternal(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    allowedHosts.has(parsed.hostname)
  )
}

/**
 * The page runs its own bundle and nothing else. Styles may be inline because MUI (emotion)
 * injects <style> tags; images may be data: URLs (the QR codes). The development server's page
 * carries React's inline refresh preamble and talks to Vite over a WebSocket.
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    dev ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

/** Response headers with the policy set, replacing one the server sent under any spelling. */
export function withPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  )
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] }
}

/**
 * The clipboard is the one thing the page may use: **Wklej ze schowka** reads the token the user
 * copied in the MF web app, and the copy buttons (a generated token, an export password, a KOD II
 * link) write. Both are asked by the user's click in our own page.
 */
const clipboardPermissions: ReadonlySet<string> = new Set([
  'clipboard-read',
  'clipboard-sanitized-write',
])

/** Where the page is served from and which webContents is ours, as the permission rule needs. */
export interface AppPage {
  /** app://renderer/index.html, or the development server's URL. */
  url: string
  isOurs(contents: unknown): boolean
}

/** Scheme, host and port compared as parsed: a custom scheme's URL has no `origin` in Node. */
function sameOrigin(url: string | undefined, pageUrl: string): boolean {
  if (url === undefined) return false
  try {
    const asked = new URL(url)
    const page = new URL(pageUrl)
    return asked.protocol === page.protocol && asked.host === page.host && asked.host !== ''
  } catch {
    return false
  }
}

/**
 * The clipboard for our window's main frame at the page's own origin; every other permission
 * (camera, microphone, notifications, location, …), and the clipboard for any other frame,
 * webContents or origin, is refused. Every response carries the policy as a header, which,
 * unlike a meta tag, covers the page from its first byte.
 */
export function lockDownSession(session: ShellSession, policy: string, page: AppPage): void {
  const allowed = (
    contents: unknown,
    permission: string,
    url: string | undefined,
    isMainFrame: boolean | undefined,
  ) =>
    clipboardPermissions.has(permission) &&
    isMainFrame === true &&
    page.isOurs(contents) &&
    sameOrigin(url, page.url)
  session.setPermissionRequestHandler((contents, permission, answer, details) =>
    answer(allowed(contents, permission, details.requestingUrl, details.isMainFrame)),
  )
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    allowed(contents, permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame),
  )
  session.webRequest.onHeadersReceived((details, answer) =>
    answer({ responseHeaders: withPolicy(details.responseHeaders, policy) }),
  )
}

/**
 * A page never navigates, never embeds a webview and never opens a window; a link to an allowed
 * host opens in the system browser. In a packaged build DevTools are switched off in the
 * window's preferences, and closed here should anything open them anyway.
 */
export function lockDownContents(
  contents: ShellWebContents,
  options: { packaged: boolean; openExternal: (url: string) => Promise<void> },
): void {
  const deny = (event: PreventableEvent) => event.preventDefault()
  contents.on('will-navigate', deny)
  contents.on('will-attach-webview', deny)
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void options.openExternal(url)
    return { action: 'deny' }
  })
  if (options.packaged) contents.on('devtools-opened', () => contents.closeDevTools())
}
