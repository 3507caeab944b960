import type { IncomingHttpHeaders } from 'node:http'
import type { BearerKind, BearerTokenIssuer, VerifiedBearer } from './bearer-tokens'
import type { CertificateAuthority } from './certificate-authority'
import { Unauthorized } from './http-errors'
import type { PublicKeyCertificates } from './public-key-certificates'
import type { AuthOperation, SimulatorMode, SimulatorState } from './state'

export interface Clock {
  now(): number
}

/** Timings and environment; mutable because faults.slowStatus() changes the delays at runtime. */
export interface SimulatorConfig {
  mode: SimulatorMode
  authStatusDelayMs: number
  enrollmentDelayMs: number
  tokenActivationDelayMs: number
  revocationDelayMs: number
  challengeLifetimeMs: number
  authenticationTokenLifetimeMs: number
  accessTokenLifetimeMs: number
  refreshTokenLifetimeMs: number
}

/** The services every route works with. */
export interface SimulatorCore {
  config: SimulatorConfig
  state: SimulatorState
  clock: Clock
  authority: CertificateAuthority
  publicKeys: PublicKeyCertificates
  bearerTokens: BearerTokenIssuer
}

export interface RequestContext {
  method: string
  /** Path after the /v2 prefix. */
  path: string
  params: Record<string, string>
  query: URLSearchParams
  headers: IncomingHttpHeaders
  rawBody: Buffer
  /** The JSON body, already validated against the operation's request schema. */
  json: unknown
  clientIp: string
  now: number
  bearer?: VerifiedBearer
}

export interface SimResponse {
  status: number
  body?: unknown
  /** Defaults to application/json when there is a body. */
  contentType?: string
  headers?: Record<string, string>
  /**
   * Set when the response deliberately falls outside the contract (e.g. ASP.NET's own 415),
   * so the contract check lets it through; says why.
   */
  outsideContract?: string
}

export interface Route {
  /** Bearer kinds this operation accepts; absent for the open endpoints. */
  bearer?: readonly BearerKind[]
  handle(ctx: RequestContext): SimResponse | Promise<SimResponse>
}

/** Keyed by "METHOD /template" exactly as in the contract, e.g. "GET /auth/{referenceNumber}". */
export type RouteTable = Record<string, Route>

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, body, headers }
}

export function noContent(status = 204): SimResponse {
  return { status }
}

/** The authentication operation (session) the request's bearer token belongs to. */
export function sessionOf(core: SimulatorCore, ctx: RequestContext): AuthOperation {
  const reference = ctx.bearer?.claims.arn
  const operation = reference ? core.state.authOperations.get(reference) : undefined
  if (!operation) throw new Unauthorized('Sesja uwierzytelnienia nie istnieje.')
  return operation
}
