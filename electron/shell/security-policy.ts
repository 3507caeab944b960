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
 * The session serves one page that needs no permission at all (camera, microphone,
 * notifications, location, clipboard reading, …): every request and every check says no. Every
 * response carries the policy as a header, which, unlike a meta tag, covers the page from its
 * first byte.
 */
export function lockDownSession(session: ShellSession, policy: string): void {
  session.setPermissionRequestHandler((_contents, _permission, answer) => answer(false))
  session.setPermissionCheckHandler(() => false)
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
