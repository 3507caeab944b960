// The one door to KSeF: base URL, timeouts, the process's rate limiter, 429 with Retry-After,
// bounded retry with back-off — but only for calls that are safe to send twice — and every error
// turned into a KsefError.
import { AsyncLocalStorage } from 'node:async_hooks'
import axios, { AxiosError, type AxiosInstance, type RawAxiosResponseHeaders } from 'axios'
import { systemClock, type Clock } from '../clock'
import type { KsefRateLimiter } from './rate-limiter'
import {
  emptyFacts,
  KsefError,
  ksefErrorFromResponse,
  type KsefErrorFacts,
  type SystemWarning,
} from './errors'

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export interface KsefHttpOptions {
  /** e.g. https://api-test.ksef.mf.gov.pl/v2 */
  baseUrl: string
  timeoutMs?: number
  retry?: RetryPolicy
  /** On 429, wait for Retry-After only up to this; a longer block is reported at once. */
  maxRetryAfterSeconds?: number
  /** Waits between tries; tests pass one that returns at once. */
  delay?: (ms: number) => Promise<void>
  /** Ask for RFC 7807 bodies on 400/429 (X-Error-Format: problem-details); both are understood. */
  problemDetails?: boolean
  /** X-System-Warning announces future rejections: the caller logs or shows them. */
  onSystemWarnings?: (warnings: SystemWarning[], request: { method: string; path: string }) => void
  userAgent?: string
  /** Reads HTTP-date Retry-After values. */
  clock?: Clock
  /** Every request waits its turn here; a 429 blocks its bucket for every caller. */
  limiter?: KsefRateLimiter
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface KsefRequest {
  method: HttpMethod
  /** After the base URL, e.g. /auth/challenge. */
  path: string
  query?: Record<string, string | number | boolean | readonly string[] | undefined>
  json?: unknown
  /** Sent byte for byte as application/xml: a signed document must not be re-serialised. */
  xml?: string | Buffer
  bearer?: string
  headers?: Record<string, string>
  /**
   * Safe to send again after a 5xx, a network failure or a 429: reads, the challenge, public
   * keys, status polls. Never true for one-shot calls (redeem, enrollment, signature or token
   * submission, token generation, revocation): a repeat could act twice or burn the operation.
   */
  repeatable: boolean
  /** Top-level fields a 2xx body must have; their absence is KSEF_UNEXPECTED_RESPONSE. */
  expect?: readonly string[]
}

export interface KsefResponse<T> {
  status: number
  data: T
  headers: Record<string, string>
  systemWarnings: SystemWarning[]
}

export interface KsefHttp {
  readonly baseUrl: string
  request<T>(request: KsefRequest): Promise<KsefResponse<T>>
}

export interface RetryWait {
  reason: 'rateLimited' | 'serverError' | 'network'
  ms: number
  request: { method: string; path: string }
}

/**
 * Whoever started a piece of work learns when the client waits before trying again (KSeF's
 * Retry-After, back-off after a 5xx): `retryWaits.run(listener, work)`. Bound to the async call
 * chain, so concurrent logins of different companies each hear only their own waits.
 */
export const retryWaits = new AsyncLocalStorage<(wait: RetryWait) => void>()

const defaultRetryPolicy: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8_000 }
const defaultTimeoutMs = 30_000
const defaultMaxRetryAfterSeconds = 30
/** A turn in the limiter's queue shorter than this goes unannounced. */
const noticeableWaitMs = 1_000

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export function createKsefHttp(options: KsefHttpOptions): KsefHttp {
  const retry = options.retry ?? defaultRetryPolicy
  const delay = options.delay ?? sleep
  const maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? defaultMaxRetryAfterSeconds
  const clock = options.clock ?? systemClock
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const client: AxiosInstance = axios.create({
    baseURL: baseUrl,
    timeout: options.timeoutMs ?? defaultTimeoutMs,
    responseType: 'arraybuffer',
    // We read every status ourselves, and parse bodies ourselves.
    validateStatus: () => true,
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true },
    maxRedirects: 0,
    headers: {
      Accept: 'application/json',
      'User-Agent': options.userAgent ?? 'ksef-desk',
      ...(options.problemDetails ? { 'X-Error-Format': 'problem-details' } : {}),
    },
  })

  const wait = (reason: RetryWait['reason'], ms: number, request: RetryWait['request']) => {
    retryWaits.getStore()?.({ reason, ms, request })
    return delay(ms)
  }

  const limiter = options.limiter
  /**
   * Waits the request's turn; a wait the user would notice is told as KSeF's limit. Resolves
   * with what to call when the answer came (the limiter counts the request until then).
   */
  async function turn(req: KsefRequest, where: RetryWait['request']): Promise<() => void> {
    if (!limiter) return () => undefined
    const limited = { baseUrl, method: req.method, path: req.path, bearer: req.bearer }
    // Reckoned only for someone who shows it (a login's progress): bulk work asks thousands.
    const listener = retryWaits.getStore()
    const ms = listener ? limiter.waitFor(limited) : 0
    if (ms >= noticeableWaitMs) listener?.({ reason: 'rateLimited', ms, request: where })
    return limiter.acquire(limited)
  }

  async function request<T>(req: KsefRequest): Promise<KsefResponse<T>> {
    const where = { method: req.method, path: req.path }
    const attempts = req.repeatable ? Math.max(1, retry.attempts) : 1
    for (let attempt = 1; ; attempt++) {
      const canRetry = attempt < attempts
      let response
      const answered = await turn(req, where)
      try {
        response = await client.request<ArrayBuffer>({
          method: req.method,
          url: req.path,
          params: req.query,
          paramsSerializer: { indexes: null },
          data: body(req),
          headers: headers(req),
          transformRequest: [(data: unknown) => data],
        })
      } catch (error) {
        answered()
        const transport = transportError(error, where)
        if (canRetry) {
          await wait('network', backoff(retry, attempt), where)
          continue
        }
        throw transport
      }

      answered()
      const responseHeaders = flatHeaders(response.headers)
      const systemWarnings = parseSystemWarnings(responseHeaders['x-system-warning'])
      if (systemWarnings.length > 0) options.onSystemWarnings?.(systemWarnings, where)
      const facts: KsefErrorFacts = {
        ...emptyFacts(where),
        httpStatus: response.status,
        systemWarnings,
      }
      const text = Buffer.from(response.data).toString('utf8')

      if (response.status >= 200 && response.status < 300) {
        return {
          status: response.status,
          data: parseBody<T>(text, req, facts),
          headers: responseHeaders,
          systemWarnings,
        }
      }
      const error = ksefErrorFromResponse(response.status, parseJson(text), {
        ...facts,
        retryAfterSeconds:
          response.status === 429
            ? parseRetryAfter(responseHeaders['retry-after'], clock.now())
            : null,
      })
      if (response.status === 429) {
        limiter?.blocked(
          { baseUrl, method: req.method, path: req.path, bearer: req.bearer },
          (error.retryAfterSeconds ?? 1) * 1000,
        )
      }
      if (response.status === 429 && canRetry) {
        const seconds = error.retryAfterSeconds ?? 1
        if (seconds <= maxRetryAfterSeconds) {
          await wait('rateLimited', seconds * 1000, where)
          continue
        }
      }
      if (response.status >= 500 && canRetry) {
        await wait('serverError', backoff(retry, attempt), where)
        continue
      }
      throw error
    }
  }

  return { baseUrl, request }
}

function body(req: KsefRequest): Buffer | string | undefined {
  if (req.xml !== undefined) return req.xml
  if (req.json !== undefined) return JSON.stringify(req.json)
  return undefined
}

function headers(req: KsefRequest): Record<string, string> {
  return {
    ...(req.xml !== undefined ? { 'Content-Type': 'application/xml; charset=utf-8' } : {}),
    ...(req.json !== undefined ? { 'Content-Type': 'application/json' } : {}),
    ...(req.bearer ? { Authorization: `Bearer ${req.bearer}` } : {}),
    ...req.headers,
  }
}

function backoff(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
}

function flatHeaders(raw: RawAxiosResponseHeaders | object): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return flat
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function parseBody<T>(text: string, req: KsefRequest, facts: KsefErrorFacts): T {
  if (text.trim() === '') {
    if (req.expect && req.expect.length > 0) throw unexpected('an empty body', facts)
    return undefined as T
  }
  const data = parseJson(text)
  if (data === undefined) throw unexpected('a body that is not JSON', facts)
  const missing = (req.expect ?? []).filter(
    (field) => typeof data !== 'object' || data === null || !(field in data),
  )
  if (missing.length > 0) throw unexpected(`a body without ${missing.join(', ')}`, facts)
  return data as T
}

const unexpected = (what: string, facts: KsefErrorFacts): KsefError =>
  new KsefError(
    'KSEF_UNEXPECTED_RESPONSE',
    `KSeF answered with ${what} (HTTP ${facts.httpStatus ?? '?'}).`,
    facts,
  )

function transportError(error: unknown, where: { method: string; path: string }): KsefError {
  const code = error instanceof AxiosError ? (error.code ?? '') : ''
  const facts = { ...emptyFacts(where), description: code || null }
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') {
    return new KsefError(
      'KSEF_TIMEOUT',
      'KSeF did not answer in time. Try again in a moment.',
      facts,
    )
  }
  return new KsefError(
    'KSEF_NETWORK',
    'KSeF could not be reached: check the internet connection.',
    facts,
  )
}

/** X-System-Warning: "[code]: message | [code]: message". */
export function parseSystemWarnings(header: string | undefined): SystemWarning[] {
  if (!header) return []
  return header
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^\[?([^\]:]+)\]?:\s*(.*)$/.exec(part)
      return match
        ? { code: (match[1] ?? '').trim(), message: (match[2] ?? '').trim() }
        : { code: '', message: part }
    })
}

/** Retry-After in seconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | undefined, now: number): number | null {
  if (header === undefined || header.trim() === '') return null
  if (/^\d+$/.test(header.trim())) return Number(header.trim())
  const date = Date.parse(header)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000))
}
