import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { ContextIdentifier } from './identifiers'
import type { SimulatorMode, TokenPermission } from './state'

/** The three bearer tokens of KSeF API 2.0; each endpoint accepts only its own kind. */
export type BearerKind = 'authentication' | 'access' | 'refresh'

// The `typ` claim values are the ones seen in real KSeF JWTs (REFERENCE §3.11).
const TYP_OF_KIND: Record<BearerKind, string> = {
  authentication: 'AuthenticationToken',
  access: 'ContextToken',
  refresh: 'RefreshToken',
}

const ISSUER_OF_MODE: Record<SimulatorMode, string> = {
  test: 'ksef-api-te',
  demo: 'ksef-api-tr',
  prod: 'ksef-api-prd',
}

export interface BearerClaims {
  typ: string
  /** Reference number of the authentication operation the token belongs to. */
  arn: string
  cit?: string
  civ?: string
  per?: TokenPermission[]
  iat: number
  exp: number
  iss: string
  aud: string
  jti: string
}

export interface VerifiedBearer {
  kind: BearerKind
  claims: BearerClaims
  token: string
}

export type BearerRejection = { reason: string }

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url')
}

function isClaims(value: unknown): value is BearerClaims {
  if (typeof value !== 'object' || value === null) return false
  const claims = value as Record<string, unknown>
  return (
    typeof claims.typ === 'string' &&
    typeof claims.arn === 'string' &&
    typeof claims.exp === 'number' &&
    typeof claims.iat === 'number'
  )
}

/** HS256 JWTs signed with a key that lives and dies with one simulator instance. */
export class BearerTokenIssuer {
  private readonly key = randomBytes(32)
  private readonly issuer: string

  constructor(mode: SimulatorMode) {
    this.issuer = ISSUER_OF_MODE[mode]
  }

  issue(
    kind: BearerKind,
    options: {
      authReference: string
      nowMs: number
      validUntilMs: number
      context?: ContextIdentifier
      permissions?: TokenPermission[]
    },
  ): string {
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
    const claims: BearerClaims = {
      typ: TYP_OF_KIND[kind],
      arn: options.authReference,
      ...(options.context ? { cit: options.context.type, civ: options.context.value } : {}),
      ...(options.permissions ? { per: options.permissions } : {}),
      iat: Math.floor(options.nowMs / 1000),
      exp: Math.floor(options.validUntilMs / 1000),
      iss: this.issuer,
      aud: this.issuer,
      jti: randomBytes(8).toString('hex'),
    }
    const payload = base64url(JSON.stringify(claims))
    return `${header}.${payload}.${this.sign(`${header}.${payload}`)}`
  }

  verify(token: string, nowMs: number): VerifiedBearer | BearerRejection {
    const parts = token.split('.')
    if (parts.length !== 3) return { reason: 'Token nie jest tokenem JWT.' }
    const [header = '', payload = '', signature = ''] = parts
    const expected = Buffer.from(this.sign(`${header}.${payload}`))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { reason: 'Nieprawidłowy podpis tokena.' }
    }
    let claims: unknown
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    } catch {
      return { reason: 'Nieczytelna treść tokena.' }
    }
    if (!isClaims(claims)) return { reason: 'Nieczytelna treść tokena.' }
    const kind = (Object.keys(TYP_OF_KIND) as BearerKind[]).find(
      (k) => TYP_OF_KIND[k] === claims.typ,
    )
    if (!kind) return { reason: 'Nieznany typ tokena.' }
    if (nowMs >= claims.exp * 1000) return { reason: 'Token wygasł.' }
    return { kind, claims, token }
  }

  private sign(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url')
  }
}
