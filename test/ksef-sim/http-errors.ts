import type { ExceptionCode } from './exception-codes'

/** A 400 with one of KSeF's exception codes (legacy body or problem details, as asked). */
export class KsefException extends Error {
  constructor(
    readonly code: ExceptionCode,
    readonly details: string[] = [],
  ) {
    super(`KSeF exception ${code}${details.length ? `: ${details.join(' ')}` : ''}`)
  }
}

export class Unauthorized extends Error {
  constructor(readonly detail: string) {
    super(detail)
  }
}

export type ForbiddenReason =
  | 'missing-permissions'
  | 'ip-not-allowed'
  | 'insufficient-resource-access'
  | 'auth-method-not-allowed'
  | 'context-type-not-allowed'

export class Forbidden extends Error {
  constructor(
    readonly reasonCode: ForbiddenReason,
    readonly detail: string,
    readonly security?: Record<string, unknown>,
  ) {
    super(detail)
  }
}

export class Gone extends Error {
  constructor(readonly detail = 'Operacja wygasła i nie jest już dostępna.') {
    super(detail)
  }
}

/** ASP.NET's own 415: outside the KSeF contract, which does not describe it. */
export class UnsupportedMediaType extends Error {
  constructor(readonly expected: string) {
    super(`Unsupported Media Type, expected ${expected}`)
  }
}
