// Every way KSeF says no, as one error: the legacy exception list (400), problem details
// (400/401/403/410/429), the legacy 429 status body, a bare 5xx, and the network itself.
import { AppError, type AppErrorCode } from '../../shared/ipc/errors'
import type { KsefSecurityDetails } from '../../shared/errors/details'
import type { KsefCodeKind } from '../../shared/ksef/codes'

export interface KsefErrorEntry {
  code: number
  description: string
  details: string[]
}

export interface SystemWarning {
  code: string
  message: string
}

export interface KsefErrorFacts {
  httpStatus: number | null
  /** What to look up in shared/ksef/codes.ts: an exception code, an auth status, a 403 reason. */
  ksef: { kind: KsefCodeKind; code: number | string } | null
  description: string | null
  /** Every entry of the legacy exceptionDetailList / problem-details errors, in order. */
  errors: KsefErrorEntry[]
  /** Detail lines KSeF added (the first entry's details, or a status's details). */
  ksefDetails: string[]
  /** Legacy bodies carry serviceCode, problem details traceId: either is what MF support asks for. */
  serviceCode: string | null
  traceId: string | null
  retryAfterSeconds: number | null
  /** 403 only: the security facts KSeF gave (permissions, client IP, …), documented fields only. */
  security: KsefSecurityDetails | null
  systemWarnings: SystemWarning[]
  request: { method: string; path: string }
}

export class KsefError extends AppError {
  readonly httpStatus: number | null
  readonly ksef: KsefErrorFacts['ksef']
  readonly description: string | null
  readonly errors: KsefErrorEntry[]
  readonly ksefDetails: string[]
  readonly serviceCode: string | null
  readonly traceId: string | null
  readonly retryAfterSeconds: number | null
  readonly security: KsefSecurityDetails | null
  readonly systemWarnings: SystemWarning[]
  readonly request: { method: string; path: string }

  constructor(code: AppErrorCode, message: string, facts: KsefErrorFacts) {
    super(code, message, {
      httpStatus: facts.httpStatus,
      ksefCodeKind: facts.ksef?.kind ?? null,
      ksefCode: facts.ksef?.code ?? null,
      description: facts.description,
      errors: facts.errors,
      ksefDetails: facts.ksefDetails,
      serviceCode: facts.serviceCode,
      traceId: facts.traceId,
      retryAfterSeconds: facts.retryAfterSeconds,
      security: facts.security,
      systemWarnings: facts.systemWarnings,
      request: facts.request,
    })
    this.httpStatus = facts.httpStatus
    this.ksef = facts.ksef
    this.description = facts.description
    this.errors = facts.errors
    this.ksefDetails = facts.ksefDetails
    this.serviceCode = facts.serviceCode
    this.traceId = facts.traceId
    this.retryAfterSeconds = facts.retryAfterSeconds
    this.security = facts.security
    this.systemWarnings = facts.systemWarnings
    this.request = facts.request
  }
}

export const isKsefError = (value: unknown): value is KsefError => value instanceof KsefError

export function emptyFacts(request: { method: string; path: string }): KsefErrorFacts {
  return {
    httpStatus: null,
    ksef: null,
    description: null,
    errors: [],
    ksefDetails: [],
    serviceCode: null,
    traceId: null,
    retryAfterSeconds: null,
    security: null,
    systemWarnings: [],
    request,
  }
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

function entry(code: unknown, description: unknown, details: unknown): KsefErrorEntry | null {
  const number =
    typeof code === 'number'
      ? code
      : typeof code === 'string' && /^\d+$/.test(code)
        ? Number(code)
        : null
  return number === null
    ? null
    : { code: number, description: text(description) ?? '', details: texts(details) }
}

/** The facts in an error body of any of KSeF's shapes. */
function readErrorBody(body: unknown, facts: KsefErrorFacts): KsefErrorFacts {
  if (!isObject(body)) return facts
  const exception = body.exception
  if (isObject(exception)) {
    // Legacy ExceptionResponse (400 by default).
    const list = Array.isArray(exception.exceptionDetailList) ? exception.exceptionDetailList : []
    const errors = list.flatMap((e) =>
      isObject(e)
        ? [entry(e.exceptionCode, e.exceptionDescription, e.details)].filter((x) => x !== null)
        : [],
    )
    return withEntries({ ...facts, serviceCode: text(exception.serviceCode) }, errors)
  }
  if (isObject(body.status) && typeof body.status.code === 'number') {
    // Legacy TooManyRequestsResponse: {status: {code: 429, description, details}}.
    return {
      ...facts,
      description: text(body.status.description),
      ksefDetails: texts(body.status.details),
    }
  }
  // Problem details (RFC 7807): 400 with errors[], 401, 403 with reasonCode, 410, 429.
  const errors = Array.isArray(body.errors)
    ? body.errors.flatMap((e) =>
        isObject(e) ? [entry(e.code, e.description, e.details)].filter((x) => x !== null) : [],
      )
    : []
  const reasonCode = text(body.reasonCode)
  const withProblem: KsefErrorFacts = {
    ...facts,
    description: text(body.detail) ?? text(body.title),
    traceId: text(body.traceId),
    security: securityFacts(body.security),
    ksef: reasonCode ? { kind: 'forbiddenReason', code: reasonCode } : facts.ksef,
  }
  return errors.length > 0 ? withEntries(withProblem, errors) : withProblem
}

/**
 * A 403's `security`, kept to the fields openapi.json documents per reasonCode
 * (ForbiddenProblemDetails): a proxy or a future KSeF may put anything there (a token echoed
 * back, request headers), and these facts are shown and sent to the window.
 */
function securityFacts(value: unknown): KsefSecurityDetails | null {
  if (!isObject(value)) return null
  const lists = ['requiredAnyOfPermissions', 'presentPermissions'] as const
  const words = [
    'clientIp',
    'authenticationMethodCategory',
    'incidentId',
    'contextIdentifierType',
  ] as const
  const facts: KsefSecurityDetails = {}
  for (const name of lists) {
    const list = value[name]
    if (Array.isArray(list)) facts[name] = texts(list).map((item) => item.slice(0, 200))
  }
  for (const name of words) {
    const word = text(value[name])
    if (word !== null) facts[name] = word.slice(0, 200)
  }
  return facts
}

function withEntries(facts: KsefErrorFacts, errors: KsefErrorEntry[]): KsefErrorFacts {
  const first = errors[0]
  if (!first) return facts
  return {
    ...facts,
    errors,
    ksef: { kind: 'exception', code: first.code },
    description: first.description || facts.description,
    ksefDetails: first.details,
  }
}

/** The KsefError for an HTTP error response, by status and body. */
export function ksefErrorFromResponse(
  status: number,
  body: unknown,
  facts: KsefErrorFacts,
): KsefError {
  const read = readErrorBody(body, { ...facts, httpStatus: status })
  const said = read.description ? ` ${read.description}` : ''
  const code = read.ksef?.kind === 'exception' ? ` (code ${read.ksef.code})` : ''
  if (status === 400)
    return new KsefError('KSEF_ERROR', `KSeF refused the request:${said}${code}`.trim(), read)
  if (status === 401) {
    return new KsefError(
      'KSEF_UNAUTHORIZED',
      'KSeF did not accept the session token: it is missing, expired or revoked. Log in again.',
      { ...read, ksef: { kind: 'http', code: 401 } },
    )
  }
  if (status === 403) {
    const reason =
      read.ksef?.kind === 'forbiddenReason' ? String(read.ksef.code) : 'no reason given'
    return new KsefError('KSEF_FORBIDDEN', `KSeF refused access (${reason}).`, {
      ...read,
      ksef: read.ksef ?? { kind: 'http', code: 403 },
    })
  }
  if (status === 404)
    return new KsefError('KSEF_NOT_FOUND', 'KSeF does not know this address or item.', read)
  if (status === 410) {
    return new KsefError('KSEF_GONE', 'KSeF no longer keeps the status of this operation.', {
      ...read,
      ksef: { kind: 'http', code: 410 },
    })
  }
  if (status === 429) {
    const wait = read.retryAfterSeconds === null ? 'later' : `in ${read.retryAfterSeconds} s`
    return new KsefError(
      'KSEF_RATE_LIMITED',
      `KSeF asks to slow down: too many requests. Try again ${wait}.`,
      {
        ...read,
        ksef: { kind: 'http', code: 429 },
      },
    )
  }
  if (status >= 500) {
    return new KsefError(
      'KSEF_UNAVAILABLE',
      `KSeF is not available right now (HTTP ${status}). Try again later.`,
      {
        ...read,
        ksef: { kind: 'http', code: status },
      },
    )
  }
  return new KsefError(
    'KSEF_UNEXPECTED_RESPONSE',
    `KSeF answered in an unexpected way (HTTP ${status}).`,
    read,
  )
}
