import { randomBytes } from 'node:crypto'
import type { RequestContext, RouteTable, SimulatorCore } from '../core'
import { json, noContent, sessionOf } from '../core'
import { Forbidden, KsefException } from '../http-errors'
import { contextKey, sameSubject } from '../identifiers'
import type { ContextIdentifier, SubjectIdentifier } from '../identifiers'
import { formatKsefTimestamp } from '../ksef-time'
import { continuationPage } from '../pagination'
import { linkedSubjects } from '../permissions'
import { newReferenceNumber } from '../reference-numbers'
import type { AuthOperation, KsefTokenRecord, SimulatorState, TokenPermission } from '../state'
import { ksefTokenStatus } from '../state'

/** `<reference>|<context marker>|<secret>`, like the contract's example; opaque to clients. */
export function newKsefTokenSecret(referenceNumber: string, context: ContextIdentifier): string {
  const marker = context.type === 'Nip' ? 'nip' : 'internalId'
  return `${referenceNumber}|${marker}-${context.value}|${randomBytes(32).toString('hex')}`
}

export function createKsefToken(
  state: SimulatorState,
  options: {
    context: ContextIdentifier
    author: SubjectIdentifier
    description: string
    permissions: readonly TokenPermission[]
    nowMs: number
    activeFromMs: number
  },
): KsefTokenRecord {
  const referenceNumber = newReferenceNumber('EC', options.nowMs)
  const token: KsefTokenRecord = {
    referenceNumber,
    secret: newKsefTokenSecret(referenceNumber, options.context),
    context: options.context,
    author: options.author,
    description: options.description,
    permissions: [...options.permissions],
    createdMs: options.nowMs,
    activeFromMs: options.activeFromMs,
    failed: false,
  }
  state.tokens.set(referenceNumber, token)
  return token
}

/** Who sees which tokens (GET /tokens description in the contract). */
function visibleTokens(state: SimulatorState, session: AuthOperation): KsefTokenRecord[] {
  const inContext = [...state.tokens.values()].filter(
    (token) => contextKey(token.context) === contextKey(session.context),
  )
  if (
    session.permissions.includes('CredentialsManage') ||
    session.permissions.includes('CredentialsRead')
  ) {
    return inContext
  }
  if (session.method === 'Token') {
    return inContext.filter((token) => token.referenceNumber === session.ksefTokenReference)
  }
  const authors = session.subject ? linkedSubjects(state, session.subject) : []
  return inContext.filter((token) => authors.some((author) => sameSubject(author, token.author)))
}

/** Who may revoke which token (DELETE /tokens/{ref} description in the contract). */
function mayRevoke(state: SimulatorState, session: AuthOperation, token: KsefTokenRecord): boolean {
  if (contextKey(token.context) !== contextKey(session.context)) return false
  if (session.permissions.includes('CredentialsManage')) return true
  if (session.method === 'Token') return token.referenceNumber === session.ksefTokenReference
  const authors = session.subject ? linkedSubjects(state, session.subject) : []
  return authors.some((author) => sameSubject(author, token.author))
}

function tokenItem(token: KsefTokenRecord, now: number): Record<string, unknown> {
  return {
    referenceNumber: token.referenceNumber,
    authorIdentifier: token.author,
    contextIdentifier: token.context,
    description: token.description,
    requestedPermissions: token.permissions,
    dateCreated: formatKsefTimestamp(token.createdMs),
    ...(token.lastUseMs !== undefined ? { lastUseDate: formatKsefTimestamp(token.lastUseMs) } : {}),
    status: ksefTokenStatus(token, now),
  }
}

function generate(core: SimulatorCore, ctx: RequestContext) {
  const session = sessionOf(core, ctx)
  if (session.context.type !== 'Nip' && session.context.type !== 'InternalId') {
    throw new KsefException(26002, [
      `Bieżący typ kontekstu: ${session.context.type}. Dozwolone typy: Nip, InternalId.`,
    ])
  }
  const body = ctx.json as { permissions: TokenPermission[]; description: string }
  if (body.permissions.length === 0)
    throw new KsefException(21405, ['Lista uprawnień tokena nie może być pusta.'])
  const missing = body.permissions.filter((permission) => !session.permissions.includes(permission))
  if (missing.length > 0)
    throw new KsefException(26001, [`Brakujące uprawnienia: ${missing.join(', ')}.`])
  if (!session.subject) throw new KsefException(21405, ['Nie ustalono podmiotu uwierzytelnienia.'])
  const token = createKsefToken(core.state, {
    context: session.context,
    author: session.subject,
    description: body.description,
    permissions: body.permissions,
    nowMs: ctx.now,
    activeFromMs: ctx.now + core.config.tokenActivationDelayMs,
  })
  return json(202, { referenceNumber: token.referenceNumber, token: token.secret })
}

export function tokenRoutes(core: SimulatorCore): RouteTable {
  const { state } = core
  return {
    'POST /tokens': { bearer: ['access'], handle: (ctx) => generate(core, ctx) },
    'GET /tokens': {
      bearer: ['access'],
      handle: (ctx) => {
        const session = sessionOf(core, ctx)
        const statuses = ctx.query.getAll('status')
        const description = ctx.query.get('description')?.toLowerCase()
        const authorIdentifier = ctx.query.get('authorIdentifier')?.toLowerCase()
        const authorType = ctx.query.get('authorIdentifierType')
        const tokens = visibleTokens(state, session)
          .filter(
            (token) => statuses.length === 0 || statuses.includes(ksefTokenStatus(token, ctx.now)),
          )
          .filter((token) => !description || token.description.toLowerCase().includes(description))
          .filter(
            (token) =>
              !authorIdentifier || token.author.value.toLowerCase().includes(authorIdentifier),
          )
          .filter((token) => !authorType || token.author.type === authorType)
          .sort((a, b) => b.createdMs - a.createdMs)
        const { page, continuationToken } = continuationPage(
          'tokens',
          tokens,
          ctx.query,
          ctx.headers['x-continuation-token'],
        )
        return json(200, {
          ...(continuationToken ? { continuationToken } : {}),
          tokens: page.map((token) => tokenItem(token, ctx.now)),
        })
      },
    },
    'GET /tokens/{referenceNumber}': {
      bearer: ['access'],
      handle: (ctx) => {
        const session = sessionOf(core, ctx)
        const reference = ctx.params.referenceNumber ?? ''
        const token = visibleTokens(state, session).find(
          (candidate) => candidate.referenceNumber === reference,
        )
        if (!token)
          throw new KsefException(21405, [
            `Token o numerze referencyjnym ${reference} nie został znaleziony.`,
          ])
        return json(200, tokenItem(token, ctx.now))
      },
    },
    'DELETE /tokens/{referenceNumber}': {
      bearer: ['access'],
      handle: (ctx) => {
        const session = sessionOf(core, ctx)
        const reference = ctx.params.referenceNumber ?? ''
        const token = state.tokens.get(reference)
        if (!token || contextKey(token.context) !== contextKey(session.context)) {
          throw new KsefException(21405, [
            `Token o numerze referencyjnym ${reference} nie został znaleziony.`,
          ])
        }
        if (!mayRevoke(state, session, token)) {
          throw new Forbidden('insufficient-resource-access', 'Brak dostępu do wskazanego tokena.')
        }
        const status = ksefTokenStatus(token, ctx.now)
        if (status === 'Active' || status === 'Pending') {
          token.revokingFromMs = ctx.now
          token.revokedFromMs = ctx.now + core.config.revocationDelayMs
        }
        return noContent()
      },
    },
  }
}
