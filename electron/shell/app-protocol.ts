import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'

// The renderer is served from app://renderer/ rather than file://: a packaged build switches off
// file://'s extra privileges (the GrantFileProtocolExtraPrivileges fuse), and a scheme of our own
// reaches exactly one folder.

export const appScheme = 'app'
export const rendererHost = 'renderer'
export const rendererEntry = `${appScheme}://${rendererHost}/index.html`

/** Standard (relative URLs resolve), secure (like https) and reachable by fetch() from the page. */
export const privilegedSchemes = [
  {
    scheme: appScheme,
    privileges: { standard: true, secure: true, supportFetchAPI: true },
  },
]

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/**
 * Answers app://renderer/… from the built renderer folder and nothing outside it: a path that
 * decodes to somewhere else (..%2f, an absolute path, another host) is a 404, as is a missing file.
 */
export function serveRenderer(
  folder: string,
  policy: string,
): (request: Request) => Promise<Response> {
  const root = resolve(folder)
  return async (request) => {
    const file = fileFor(root, request.url)
    if (file === undefined) return notFound()
    let bytes: Buffer
    try {
      bytes = await readFile(file)
    } catch {
      return notFound()
    }
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        'Content-Type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': policy,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  }
}

function fileFor(root: string, url: string): string | undefined {
  const parsed = new URL(url)
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== rendererHost) return undefined
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return undefined
  }
  if (path.includes('\0')) return undefined
  const file = resolve(root, `.${path}`)
  const inside = relative(root, file)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return undefined
  }
  return file
}

const notFound = () => new Response('Not found', { status: 404 })
