import { authenticationMethodInfo } from '../auth-outcome'
import type { RouteTable, SimulatorCore } from '../core'
import { json, noContent, sessionOf } from '../core'
import { Forbidden, KsefException } from '../http-errors'
import { contextKey, sameSubject } from '../identifiers'
import { formatKsefTimestamp } from '../ksef-time'
import { continuationPage } from '../pagination'
import type { AuthOperation } from '../state'

/** A session is an authentication whose tokens were redeemed and whose refresh token still lives. */
function isActiveSession(operation: AuthOperation, now: number): boolean {
  return (
    operation.redeemedMs !== undefined &&
    !operation.revoked &&
    (operation.refreshTokenValidUntilMs ?? 0) > now
  )
}

export function authSessionRoutes(core: SimulatorCore): RouteTable {
  return {
    'GET /auth/sessions': {
      bearer: ['access'],
      handle: (ctx) => {
        const current = sessionOf(core, ctx)
        // Which sessions the list covers is not documented (REFERENCE §3.9): here, the context's.
        const sessions = [...core.state.authOperations.values()]
          .filter((operation) => contextKey(operation.context) === contextKey(current.context))
          .filter((operation) => isActiveSession(operation, ctx.now))
          .sort((a, b) => b.startMs - a.startMs)
        const { page, continuationToken } = continuationPage(
          'auth-sessions',
          sessions,
          ctx.query,
          ctx.headers['x-continuation-token'],
        )
        return json(200, {
          ...(continuationToken ? { continuationToken } : {}),
          items: page.map((operation) => ({
            referenceNumber: operation.referenceNumber,
            isCurrent: operation.referenceNumber === current.referenceNumber,
            startDate: formatKsefTimestamp(operation.startMs),
            authenticationMethod: operation.method,
            authenticationMethodInfo: authenticationMethodInfo(operation.method),
            status: { code: 200, description: 'Uwierzytelnianie zakończone sukcesem' },
            isTokenRedeemed: true,
            ...(operation.lastRefreshMs !== undefined
              ? { lastTokenRefreshDate: formatKsefTimestamp(operation.lastRefreshMs) }
              : {}),
            refreshTokenValidUntil: formatKsefTimestamp(
              operation.refreshTokenValidUntilMs ?? ctx.now,
            ),
          })),
        })
      },
    },
    'DELETE /auth/sessions/current': {
      bearer: ['access', 'refresh'],
      handle: (ctx) => {
        sessionOf(core, ctx).revoked = true
        return noContent()
      },
    },
    'DELETE /auth/sessions/{referenceNumber}': {
      bearer: ['access'],
      handle: (ctx) => {
        const current = sessionOf(core, ctx)
        const reference = ctx.params.referenceNumber ?? ''
        const target = core.state.authOperations.get(reference)
        if (
          !target ||
          contextKey(target.context) !== contextKey(current.context) ||
          target.redeemedMs === undefined
        ) {
          throw new KsefException(21405, [
            `Sesja uwierzytelnienia ${reference} nie została znaleziona.`,
          ])
        }
        const own =
          current.subject && target.subject && sameSubject(current.subject, target.subject)
        if (!own && !current.permissions.includes('CredentialsManage')) {
          throw new Forbidden(
            'missing-permissions',
            'Brak wymaganych uprawnień do wykonania operacji w bieżącym kontekście.',
            {
              requiredAnyOfPermissions: ['CredentialsManage'],
              presentPermissions: current.permissions,
            },
          )
        }
        target.revoked = true
        return noContent()
      },
    },
  }
}
