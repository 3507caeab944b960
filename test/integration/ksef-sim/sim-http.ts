import type { RunningSimulator } from '../../ksef-sim'

export interface SimCall {
  bearer?: string
  json?: unknown
  body?: string | Buffer
  contentType?: string
  headers?: Record<string, string>
  query?: Record<string, string | string[] | number | boolean>
}

export interface SimReply {
  status: number
  headers: Headers
  text: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: unknown
}

export async function call(
  sim: RunningSimulator,
  method: string,
  path: string,
  options: SimCall = {},
): Promise<SimReply> {
  const url = new URL(`${sim.url}${path}`)
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value])
      url.searchParams.append(key, String(item))
  }
  const headers: Record<string, string> = { ...(options.headers ?? {}) }
  if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`
  let body: string | Buffer | undefined = options.body
  if (options.json !== undefined) {
    body = JSON.stringify(options.json)
    headers['Content-Type'] = 'application/json'
  }
  if (options.contentType) headers['Content-Type'] = options.contentType
  const response = await fetch(url, { method, headers, body })
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text) as unknown
  } catch {
    parsed = undefined
  }
  return { status: response.status, headers: response.headers, text, body: parsed }
}

/** A narrow view on JSON for assertions: path access without `any`. */
export function field(value: unknown, ...path: (string | number)[]): unknown {
  let current = value
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string | number, unknown>)[key]
  }
  return current
}

export function text(value: unknown, ...path: (string | number)[]): string {
  const found = field(value, ...path)
  if (typeof found !== 'string')
    throw new Error(`Expected a string at ${path.join('.')}, got ${JSON.stringify(found)}`)
  return found
}

/** The exception code of a legacy 400 body. */
export function exceptionCode(reply: SimReply): unknown {
  return field(reply.body, 'exception', 'exceptionDetailList', 0, 'exceptionCode')
}

export function exceptionDetails(reply: SimReply): string[] {
  const details = field(reply.body, 'exception', 'exceptionDetailList', 0, 'details')
  return Array.isArray(details) ? details.map(String) : []
}
