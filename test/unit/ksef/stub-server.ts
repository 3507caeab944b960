import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StubRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: Buffer
}

export type StubAnswer =
  | {
      status: number
      body?: unknown
      headers?: Record<string, string>
      delayMs?: number
      raw?: string
    }
  | { drop: true }

/** A KSeF stand-in that answers from a script, and records what it was sent. */
export async function startStub(): Promise<{
  url: string
  requests: StubRequest[]
  answer(...answers: StubAnswer[]): void
  /** Forgets unused answers and recorded requests. */
  reset(): void
  close(): Promise<void>
}> {
  const queue: StubAnswer[] = []
  const requests: StubRequest[] = []
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      })
      const answer = queue.shift() ?? { status: 500, body: { title: 'no scripted answer' } }
      if ('drop' in answer) {
        req.socket.destroy()
        return
      }
      const send = () => {
        const text = answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body))
        res.writeHead(answer.status, {
          ...(text !== '' && answer.raw === undefined
            ? { 'Content-Type': 'application/json' }
            : {}),
          ...answer.headers,
        })
        res.end(text)
      }
      if (answer.delayMs) setTimeout(send, answer.delayMs)
      else send()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v2`,
    requests,
    answer: (...answers) => queue.push(...answers),
    reset: () => {
      queue.length = 0
      requests.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
