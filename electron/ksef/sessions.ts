// Authentication sessions of the current context: the list, and revoking one or the current.
import type { KsefHttp } from './http'
import type { components } from './openapi-types'

export type AuthenticationSessionList = components['schemas']['AuthenticationListResponse']

export function listAuthenticationSessions(
  http: KsefHttp,
  accessToken: string,
  page: { pageSize?: number; continuationToken?: string } = {},
): Promise<AuthenticationSessionList> {
  return http
    .request<AuthenticationSessionList>({
      method: 'GET',
      path: '/auth/sessions',
      query: { pageSize: page.pageSize },
      headers: page.continuationToken ? { 'x-continuation-token': page.continuationToken } : {},
      bearer: accessToken,
      repeatable: true,
      expect: ['items'],
    })
    .then((r) => r.data)
}

/** Logout: revokes the session's refresh token (issued access tokens live until they expire). One-shot. */
export async function revokeCurrentSession(
  http: KsefHttp,
  accessOrRefreshToken: string,
): Promise<void> {
  await http.request({
    method: 'DELETE',
    path: '/auth/sessions/current',
    bearer: accessOrRefreshToken,
    repeatable: false,
  })
}

/** Revokes another session of the context. One-shot. */
export async function revokeAuthenticationSession(
  http: KsefHttp,
  accessToken: string,
  referenceNumber: string,
): Promise<void> {
  await http.request({
    method: 'DELETE',
    path: `/auth/sessions/${encodeURIComponent(referenceNumber)}`,
    bearer: accessToken,
    repeatable: false,
  })
}
