import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Contract, ContractOperation, MatchedOperation } from './contract'
import { checkResponse } from './contract-check'
import type { RequestContext, Route, RouteTable, SimResponse, SimulatorCore } from './core'
import type { ErrorContext } from './error-bodies'
import { errorResponse, rateLimited, tooManyRequests } from './error-bodies'
import type { Faults } from './faults'
import { Forbidden, KsefException, Unauthorized, UnsupportedMediaType } from './http-errors'
import { isAllowedIp } from './ip-policy'
import type { RateLimiter } from './rate-limits'

export interface LoggedRequest {
  method: string
  /** Full request path, e.g. /v2/auth/challenge. */
  path: string
  /** The contract operation it matched, e.g. "GET /auth/{referenceNumber}". */
  operation?: string
  query: Record<string, string | string[]>
  /** 0 when the connection was dropped on purpose. */
  status: number
  requestHeaders: Record<string, string>
  requestBody: string
  responseHeaders: Record<string, string>
  responseBody: string
  startedAt: string
  durationMs: number
  /** Set when a fault, not the simulated KSeF, produced the outcome. */
  fault?: 'failed' | 'dropped' | 'rate-limited'
}

export interface ServerOptions {
  core: SimulatorCore
  contract: Contract
  routes: RouteTable
  faults: Faults
  limiter?: RateLimiter
  checkContract: boolean
  log: LoggedRequest[]
  violations: string[]
}

const MAX_BODY_BYTES = 5 * 1024 * 1024

function flattenHeaders(headers: NodeJS.Dict<string | string[] | number>): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return flat
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {}
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key)
    record[key] = values.length === 1 ? (values[0] ?? '') : values
  }
  return record
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

/** The address KSeF would see: the first X-Forwarded-For hop, else the socket's peer. */
function clientIpOf(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for']
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim()
  const ip = first || req.socket.remoteAddress || '127.0.0.1'
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip === '::1' ? '127.0.0.1' : ip
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > MAX_BODY_BYTES) throw new KsefException(21405, ['Treść żądania jest za duża.'])
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

function coerce(value: string, schema: Record<string, unknown>): unknown {
  if (schema.type === 'integer' || schema.type === 'number') {
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value
  }
  if (schema.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value
  return value
}

/** Query and path parameters against the contract, as KSeF's model binding does (21405). */
function validateParameters(
  contract: Contract,
  operation: ContractOperation,
  ctx: RequestContext,
): void {
  const problems: string[] = []
  for (const parameter of operation.parameters) {
    if (parameter.in === 'header') continue
    if (parameter.in === 'path') {
      const value = ctx.params[parameter.name] ?? ''
      problems.push(...contract.validate(parameter.schema, value, parameter.name))
      continue
    }
    const values = ctx.query.getAll(parameter.name)
    if (values.length === 0) {
      if (parameter.required) problems.push(`${parameter.name}: parametr jest wymagany`)
      continue
    }
    const itemSchema = (parameter.schema.items ?? {}) as Record<string, unknown>
    const value =
      parameter.schema.type === 'array'
        ? values.map((item) => coerce(item, itemSchema))
        : coerce(values[values.length - 1] ?? '', parameter.schema)
    problems.push(...contract.validate(parameter.schema, value, parameter.name))
  }
  if (problems.length > 0) throw new KsefException(21405, problems)
}

function readJsonBody(
  contract: Contract,
  operation: ContractOperation,
  ctx: RequestContext,
): unknown {
  const body = operation.requestBody
  if (!body) return undefined
  const jsonSchema = body.content['application/json']
  if (!('application/json' in body.content)) {
    const expected = Object.keys(body.content)[0] ?? 'application/json'
    if (mediaType(ctx.headers['content-type']) !== expected)
      throw new UnsupportedMediaType(expected)
    return undefined
  }
  if (ctx.rawBody.length === 0) {
    if (body.required) throw new KsefException(21405, ['Treść żądania jest wymagana.'])
    return undefined
  }
  if (mediaType(ctx.headers['content-type']) !== 'application/json') {
    throw new UnsupportedMediaType('application/json')
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(ctx.rawBody.toString('utf8')) as unknown
  } catch {
    throw new KsefException(21405, ['Treść żądania nie jest poprawnym dokumentem JSON.'])
  }
  if (jsonSchema) {
    const problems = contract.validate(jsonSchema, parsed, 'body')
    if (problems.length > 0) throw new KsefException(21405, problems)
  }
  return parsed
}

function authenticate(core: SimulatorCore, route: Route, ctx: RequestContext): void {
  if (!route.bearer) return
  const header = ctx.headers.authorization
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  if (!match?.[1]) throw new Unauthorized('Wymagane jest uwierzytelnienie.')
  const verified = core.bearerTokens.verify(match[1], ctx.now)
  if ('reason' in verified) throw new Unauthorized(verified.reason)
  if (!route.bearer.includes(verified.kind)) {
    throw new Unauthorized(
      `Ta operacja wymaga tokena typu ${route.bearer.join(' lub ')}, przekazano ${verified.kind}.`,
    )
  }
  ctx.bearer = verified
  if (verified.kind === 'access') {
    const session = core.state.authOperations.get(verified.claims.arn)
    if (session?.allowedIps && !isAllowedIp(ctx.clientIp, session.allowedIps)) {
      throw new Forbidden(
        'ip-not-allowed',
        'Żądanie pochodzi z adresu IP innego niż wskazany podczas uwierzytelnienia.',
        { clientIp: ctx.clientIp },
      )
    }
  }
}

/** Rate-limit key: per context and IP for protected operations, per IP for open ones. */
function rateLimitKey(core: SimulatorCore, matched: MatchedOperation, ctx: RequestContext): string {
  const operation = `${matched.operation.method} ${matched.operation.template}`
  const token = /^Bearer\s+(\S+)$/i.exec(ctx.headers.authorization ?? '')?.[1]
  if (matched.operation.secured && token) {
    const verified = core.bearerTokens.verify(token, ctx.now)
    if (!('reason' in verified) && verified.claims.civ) {
      return `${operation}|${verified.claims.cit ?? ''}:${verified.claims.civ}|${ctx.clientIp}`
    }
  }
  return `${operation}|${ctx.clientIp}`
}

export class SimulatorServer {
  private readonly server: Server

  constructor(private readonly options: ServerOptions) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        options.violations.push(`simulator failure: ${String(error)}`)
        if (!res.headersSent) res.writeHead(500)
        res.end()
      })
    })
    this.server.keepAliveTimeout = 1000
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => resolve())
    })
    return (this.server.address() as AddressInfo).port
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { core, contract, faults, log } = this.options
    const started = performance.now()
    const startedAt = new Date().toISOString()
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = (req.method ?? 'GET').toUpperCase()
    const path = url.pathname.startsWith('/v2/') ? url.pathname.slice(3) : url.pathname
    const matched = url.pathname.startsWith('/v2/') ? contract.match(method, path) : undefined
    const entry: LoggedRequest = {
      method,
      path: url.pathname,
      operation: matched ? `${matched.operation.method} ${matched.operation.template}` : undefined,
      query: queryRecord(url.searchParams),
      status: 0,
      requestHeaders: flattenHeaders(req.headers),
      requestBody: '',
      responseHeaders: {},
      responseBody: '',
      startedAt,
      durationMs: 0,
    }
    log.push(entry)

    let rawBody: Buffer = Buffer.alloc(0)
    const now = core.clock.now()
    const errorContext: ErrorContext = {
      instance: url.pathname,
      problemDetails:
        (req.headers['x-error-format'] ?? '').toString().toLowerCase() === 'problem-details',
      now,
    }
    let response: SimResponse
    let simulatorError: string | undefined
    try {
      rawBody = await readBody(req)
      entry.requestBody = rawBody.toString('utf8')
      if (faults.currentLatencyMs > 0) await sleep(faults.currentLatencyMs)
      const fault = faults.take(method, path)
      if (fault?.kind === 'drop') {
        entry.fault = 'dropped'
        entry.durationMs = performance.now() - started
        req.socket.destroy()
        return
      }
      if (fault?.kind === 'fail') {
        entry.fault = 'failed'
        response = {
          status: fault.status,
          contentType: 'application/problem+json',
          body: {
            title: 'Service Unavailable',
            status: fault.status,
            detail: 'Awaria zasymulowana (faults.failNext).',
          },
          outsideContract: 'a simulated failure',
        }
      } else if (fault?.kind === 'rate-limit') {
        entry.fault = 'rate-limited'
        response = tooManyRequests(
          fault.retryAfterSeconds,
          `Przekroczono limit żądań. Spróbuj ponownie po ${fault.retryAfterSeconds} sekundach.`,
          errorContext,
        )
      } else {
        response = await this.dispatch(matched, method, path, url, req, rawBody, now, errorContext)
      }
    } catch (error) {
      response = errorResponse(error, errorContext)
      if (response.status === 500) simulatorError = response.outsideContract
    }

    const headers: Record<string, string> = { ...(response.headers ?? {}) }
    let body = ''
    if (response.body !== undefined) {
      body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body)
      headers['Content-Type'] = `${response.contentType ?? 'application/json'}; charset=utf-8`
    }
    const lowerHeaders = flattenHeaders(headers)

    if (simulatorError !== undefined) {
      this.options.violations.push(`${method} ${path}: simulator error: ${body}`)
    } else if (this.options.checkContract && matched && response.outsideContract === undefined) {
      const violations = checkResponse(contract, matched.operation, {
        status: response.status,
        headers: lowerHeaders,
        body,
      })
      if (violations.length > 0) {
        this.options.violations.push(...violations)
        response = { status: 500, contentType: 'text/plain' }
        body = `KSeF simulator contract violation:\n${violations.join('\n')}\n\nResponse was:\n${body}`
        headers['Content-Type'] = 'text/plain; charset=utf-8'
        delete headers['Retry-After']
      }
    }

    res.writeHead(response.status, headers)
    res.end(body)
    entry.status = response.status
    entry.responseHeaders = flattenHeaders(headers)
    entry.responseBody = body
    entry.durationMs = performance.now() - started
  }

  private async dispatch(
    matched: MatchedOperation | undefined,
    method: string,
    path: string,
    url: URL,
    req: IncomingMessage,
    rawBody: Buffer,
    now: number,
    errorContext: ErrorContext,
  ): Promise<SimResponse> {
    const { core, contract, routes, limiter, violations } = this.options
    if (!matched) {
      const known = url.pathname.startsWith('/v2/') && contract.hasPath(path)
      violations.push(
        `${method} ${url.pathname}: ${known ? 'method' : 'path'} not in the KSeF contract`,
      )
      return {
        status: known ? 405 : 404,
        contentType: 'application/problem+json',
        outsideContract: 'no such operation in the contract',
        body: { title: known ? 'Method Not Allowed' : 'Not Found', status: known ? 405 : 404 },
      }
    }
    const operationKey = `${matched.operation.method} ${matched.operation.template}`
    const route = routes[operationKey]
    if (!route) {
      violations.push(`${operationKey}: called, but the simulator does not simulate this operation`)
      return {
        status: 501,
        contentType: 'application/problem+json',
        outsideContract: 'operation not simulated',
        body: {
          title: 'Not Implemented',
          status: 501,
          detail: `Symulator nie obsługuje ${operationKey}.`,
        },
      }
    }
    const ctx: RequestContext = {
      method,
      path,
      params: matched.params,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      json: undefined,
      clientIp: clientIpOf(req),
      now,
    }
    if (limiter && matched.operation.rateLimits) {
      const breach = limiter.take(
        rateLimitKey(core, matched, ctx),
        matched.operation.rateLimits,
        now,
      )
      if (breach) return rateLimited(breach, errorContext)
    }
    authenticate(core, route, ctx)
    validateParameters(contract, matched.operation, ctx)
    ctx.json = readJsonBody(contract, matched.operation, ctx)
    return await route.handle(ctx)
  }
}
