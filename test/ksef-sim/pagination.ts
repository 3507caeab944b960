import { KsefException } from './http-errors'

/**
 * Continuation tokens are opaque to clients; here they carry the offset of the next page and
 * which list they belong to, so a token from another list is as malformed as garbage (21418).
 */
export function continuationToken(list: string, offset: number): string {
  return Buffer.from(JSON.stringify({ list, offset }), 'utf8').toString('base64url')
}

export function continuationOffset(list: string, token: string | string[] | undefined): number {
  if (token === undefined || token === '') return 0
  const text = Array.isArray(token) ? (token[0] ?? '') : token
  try {
    const decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown
    if (typeof decoded === 'object' && decoded !== null) {
      const { list: owner, offset } = decoded as { list?: unknown; offset?: unknown }
      if (owner === list && typeof offset === 'number' && Number.isInteger(offset) && offset >= 0)
        return offset
    }
  } catch {
    // fall through to 21418
  }
  throw new KsefException(21418)
}

export function pageSizeOf(query: URLSearchParams, fallback = 10): number {
  const value = query.get('pageSize')
  return value === null ? fallback : Number(value)
}

/** One page of a continuation-token list: the items and the token of the next page, if any. */
export function continuationPage<T>(
  list: string,
  items: readonly T[],
  query: URLSearchParams,
  tokenHeader: string | string[] | undefined,
): { page: T[]; continuationToken?: string } {
  const offset = continuationOffset(list, tokenHeader)
  const size = pageSizeOf(query)
  const page = items.slice(offset, offset + size)
  const next = offset + size
  return next < items.length ? { page, continuationToken: continuationToken(list, next) } : { page }
}
