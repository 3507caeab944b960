import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { z } from 'zod'
import type { EventName } from '../../shared/ipc/names'
import type { Dispatch } from '../../electron/dispatch'
import { downloadPath, type DownloadOffers } from './download-offers'

const bridgePath = '/__ksef-bridge'
const scriptPath = '/__ksef-bridge.js'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/** Broadcasts push events to every connected page; handed to the services as their EventSink. */
export class PageBroadcast {
  readonly #sockets = new Set<WebSocket>()
  readonly #transcript: string[] = []

  send = (event: EventName, payload: unknown): void => {
    this.deliver(JSON.stringify({ type: 'event', event, payload }))
  }

  /** Every frame sent to a page, so tests can prove no secret ever reached the renderer. */
  get transcript(): readonly string[] {
    return this.#transcript
  }

  attach(socket: WebSocket): void {
    this.#sockets.add(socket)
    socket.on('close', () => this.#sockets.delete(socket))
  }

  deliver(frame: string, to?: WebSocket): void {
    this.#transcript.push(frame)
    for (const socket of to ? [to] : this.#sockets) socket.send(frame)
  }
}

export interface BridgeOptions {
  dispatch: Dispatch
  broadcast: PageBroadcast
  /** The built renderer (out/renderer). */
  staticFolder: string
  port?: number
  /** Files main offers as downloads (the sandbox's file-saving port), served once each. */
  downloads?: DownloadOffers
}

export interface RunningBridge {
  url: string
  close: () => Promise<void>
}

const Request = z.object({ id: z.number(), channel: z.string(), input: z.unknown().optional() })
type Request = z.infer<typeof Request>

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.isBuffer(data) ? data.toString('utf8') : new TextDecoder().decode(data)
}

/** A frame that is not a request has no id to answer to: it is dropped, and the bridge serves on. */
function parseRequest(data: RawData): Request | undefined {
  let json: unknown
  try {
    json = JSON.parse(frameText(data))
  } catch {
    return undefined
  }
  const parsed = Request.safeParse(json)
  return parsed.success ? parsed.data : undefined
}

function installScript(): string {
  const entry = fileURLToPath(new URL('./browser/install-bridge.ts', import.meta.url))
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
  })
  const file = result.outputFiles[0]
  if (!file) throw new Error('esbuild produced no bridge script')
  return file.text
}

/** Content-Disposition for any name: an ASCII fallback and the exact name in RFC 5987 form. */
function attachment(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

function serveDownload(
  downloads: DownloadOffers | undefined,
  token: string,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const offer = request.method === 'GET' ? downloads?.take(token) : undefined
  if (!offer) {
    response.writeHead(404).end()
    return
  }
  response
    .writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': attachment(offer.name),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    .end(Buffer.from(offer.bytes))
}

/**
 * The test transport of the contract: serves the built renderer on 127.0.0.1 with a script that
 * installs window.ksef, and answers its calls over a WebSocket with the same dispatch main uses.
 */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const script = installScript()
  const root = normalize(options.staticFolder)

  const serveFile = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (path === scriptPath) {
      response.writeHead(200, { 'content-type': contentTypes['.js'] }).end(script)
      return
    }
    if (path.startsWith(downloadPath)) {
      serveDownload(options.downloads, path.slice(downloadPath.length), request, response)
      return
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : decodeURIComponent(path)))
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end()
      return
    }
    try {
      let body: Buffer | string = await readFile(file)
      if (file.endsWith('index.html')) {
        // A classic script runs before the deferred module bundle, and after the CSP meta tag,
        // so the page is tested under the policy it ships with.
        body = body
          .toString('utf8')
          .replace(
            '<script type="module"',
            `<script src="${scriptPath}"></script><script type="module"`,
          )
      }
      response
        .writeHead(200, {
          'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
        })
        .end(body)
    } catch {
      response.writeHead(404).end()
    }
  }

  const server = createServer((request, response) => void serveFile(request, response))
  let ownOrigin = ''
  const sockets = new WebSocketServer({
    server,
    path: bridgePath,
    // Browsers let any page open a WebSocket to 127.0.0.1: only our own page may call the handlers.
    verifyClient: ({ origin }: { origin: string | undefined }) => origin === ownOrigin,
  })
  sockets.on('connection', (socket) => {
    options.broadcast.attach(socket)
    socket.on('message', (data) => {
      const request = parseRequest(data)
      if (!request) return
      void options.dispatch(request.channel, request.input).then((envelope) => {
        options.broadcast.deliver(
          JSON.stringify({ type: 'result', id: request.id, envelope }),
          socket,
        )
      })
    })
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  ownOrigin = `http://127.0.0.1:${port}`
  return {
    url: `${ownOrigin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        options.downloads?.clear()
        for (const client of sockets.clients) client.terminate()
        sockets.close()
        server.close(() => resolve())
      }),
  }
}
