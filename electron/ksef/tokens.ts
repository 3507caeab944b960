// KSeF tokens of the current context: generate (the secret comes back once), list, status, revoke.
import type { KsefHttp } from './http'
import type { components, paths } from './openapi-types'

type Schemas = components['schemas']
export type GenerateTokenRequest = Schemas['GenerateTokenRequest']
export type GeneratedToken = Schemas['GenerateTokenResponse']
export type TokenList = Schemas['QueryTokensResponse']
export type TokenStatus = Schemas['TokenStatusResponse']
export type TokenListFilter = NonNullable<paths['/tokens']['get']['parameters']['query']>

/** One-shot: a repeat would mint a second token, and the first secret would be lost. */
export function generateToken(
  http: KsefHttp,
  accessToken: string,
  request: GenerateTokenRequest,
): Promise<GeneratedToken> {
  return http
    .request<GeneratedToken>({
      method: 'POST',
      path: '/tokens',
      json: request,
      bearer: accessToken,
      repeatable: false,
      expect: ['referenceNumber', 'token'],
    })
    .then((r) => r.data)
}

export function listTokens(
  http: KsefHttp,
  accessToken: string,
  filter: TokenListFilter = {},
  continuationToken?: string,
): Promise<TokenList> {
  return http
    .request<TokenList>({
      method: 'GET',
      path: '/tokens',
      query: { ...filter },
      headers: continuationToken ? { 'x-continuation-token': continuationToken } : {},
      bearer: accessToken,
      repeatable: true,
      expect: ['tokens'],
    })
    .then((r) => r.data)
}

export function getToken(
  http: KsefHttp,
  accessToken: string,
  referenceNumber: string,
): Promise<TokenStatus> {
  return http
    .request<TokenStatus>({
      method: 'GET',
      path: `/tokens/${encodeURIComponent(referenceNumber)}`,
      bearer: accessToken,
      repeatable: true,
      expect: ['status'],
    })
    .then((r) => r.data)
}

/** One-shot. */
export async function revokeToken(
  http: KsefHttp,
  accessToken: string,
  referenceNumber: string,
): Promise<void> {
  await http.request({
    method: 'DELETE',
    path: `/tokens/${encodeURIComponent(referenceNumber)}`,
    bearer: accessToken,
    repeatable: false,
  })
}
