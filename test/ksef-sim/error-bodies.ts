import type { SimResponse } from './core'
import { EXCEPTION_DESCRIPTIONS } from './exception-codes'
import { Forbidden, Gone, KsefException, Unauthorized, UnsupportedMediaType } from './http-errors'
import { formatKsefTimestamp } from './ksef-time'
import type { RateLimitBreach } from './rate-limits'
import { describeBreach } from './rate-limits'
import { newServiceCode, newTraceId } from './reference-numbers'

const PROBLEM_JSON = 'application/problem+json'

export interface ErrorContext {
  /** The request path, for `instance`. */
  instance: string
  /** `X-Error-Format: problem-details` was sent: 400 and 429 come as RFC 7807. */
  problemDetails: boolean
  now: number
}

/** KSeF's 400: the legacy ExceptionResponse by default, BadRequestProblemDetails on request. */
function badRequest(error: KsefException, ctx: ErrorContext): SimResponse {
  const description = EXCEPTION_DESCRIPTIONS[error.code]
  const details = error.details.length > 0 ? error.details : undefined
  if (ctx.problemDetails) {
    return {
      status: 400,
      contentType: PROBLEM_JSON,
      body: {
        title: 'Bad Request',
        status: 400,
        instance: ctx.instance,
        detail: 'Żądanie jest nieprawidłowe.',
        errors: [{ code: error.code, description, ...(details ? { details } : {}) }],
        timestamp: formatKsefTimestamp(ctx.now),
        traceId: newTraceId(),
      },
    }
  }
  return {
    status: 400,
    body: {
      exception: {
        exceptionDetailList: [
          {
            exceptionCode: error.code,
            exceptionDescription: description,
            ...(details ? { details } : {}),
          },
        ],
        serviceCode: newServiceCode(),
        serviceCtx: 'srvKSEFSIM',
        serviceName: 'ksef-sim',
        timestamp: formatKsefTimestamp(ctx.now),
      },
    },
  }
}

export function tooManyRequests(
  retryAfterSeconds: number,
  detail: string,
  ctx: ErrorContext,
): SimResponse {
  const headers = { 'Retry-After': String(retryAfterSeconds) }
  if (ctx.problemDetails) {
    return {
      status: 429,
      contentType: PROBLEM_JSON,
      headers,
      body: {
        title: 'Too Many Requests',
        status: 429,
        instance: ctx.instance,
        detail,
        timestamp: formatKsefTimestamp(ctx.now),
        traceId: newTraceId(),
      },
    }
  }
  return {
    status: 429,
    headers,
    body: { status: { code: 429, description: 'Too Many Requests', details: [detail] } },
  }
}

export function rateLimited(breach: RateLimitBreach, ctx: ErrorContext): SimResponse {
  return tooManyRequests(breach.retryAfterSeconds, describeBreach(breach), ctx)
}

/** Turns what a route threw into KSeF's error response; anything unexpected becomes a 500. */
export function errorResponse(error: unknown, ctx: ErrorContext): SimResponse {
  const timestamp = formatKsefTimestamp(ctx.now)
  if (error instanceof KsefException) return badRequest(error, ctx)
  if (error instanceof Unauthorized) {
    return {
      status: 401,
      contentType: PROBLEM_JSON,
      body: {
        title: 'Unauthorized',
        status: 401,
        detail: error.detail,
        instance: ctx.instance,
        traceId: newTraceId(),
        timestamp,
      },
    }
  }
  if (error instanceof Forbidden) {
    return {
      status: 403,
      contentType: PROBLEM_JSON,
      body: {
        title: 'Forbidden',
        status: 403,
        detail: error.detail,
        instance: ctx.instance,
        reasonCode: error.reasonCode,
        ...(error.security ? { security: error.security } : {}),
        traceId: newTraceId(),
        timestamp,
      },
    }
  }
  if (error instanceof Gone) {
    return {
      status: 410,
      contentType: PROBLEM_JSON,
      body: {
        title: 'Gone',
        status: 410,
        instance: ctx.instance,
        detail: error.detail,
        timestamp,
        traceId: newTraceId(),
      },
    }
  }
  if (error instanceof UnsupportedMediaType) {
    return {
      status: 415,
      contentType: PROBLEM_JSON,
      outsideContract: 'ASP.NET rejects the content type before KSeF sees the request',
      body: {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.16',
        title: 'Unsupported Media Type',
        status: 415,
        detail: `Oczekiwano Content-Type: ${error.expected}.`,
        traceId: newTraceId(),
      },
    }
  }
  return {
    status: 500,
    contentType: PROBLEM_JSON,
    outsideContract: 'an error inside the simulator',
    body: {
      title: 'Internal Server Error',
      status: 500,
      detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      traceId: newTraceId(),
    },
  }
}
