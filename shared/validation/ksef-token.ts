import type { TokenContext } from '../domain/credentials'

// A KSeF 2.0 token as KSeF returns it once: "<reference number>|<context>|<secret>", e.g.
// "20251010-EC-1DCE3E3000-12ECB5B36E-45|internalId-5265877635-12345|919f…f7b9" (openapi.json,
// GenerateTokenResponse example). The context tells which company it logs in to.

export interface ParsedKsefToken {
  referenceNumber: string
  context: TokenContext
}

const contextTypes: Record<string, TokenContext['type']> = {
  nip: 'Nip',
  internalid: 'InternalId',
  nipvatue: 'NipVatUe',
  peppolid: 'PeppolId',
}

const referencePattern = /^\d{8}-EC-[0-9A-F]{10}-[0-9A-F]{10}-[0-9A-F]{2}$/

/** The public parts of a token, or null when the text is not a KSeF 2.0 token. */
export function parseKsefToken(text: string): ParsedKsefToken | null {
  const parts = text.trim().split('|')
  if (parts.length !== 3) return null
  const [referenceNumber = '', context = '', secret = ''] = parts
  if (!referencePattern.test(referenceNumber) || !/^[0-9a-f]{32,}$/i.test(secret)) return null
  const dash = context.indexOf('-')
  const type = contextTypes[context.slice(0, dash).toLowerCase()]
  const value = context.slice(dash + 1)
  if (dash < 1 || !type || value === '') return null
  return { referenceNumber, context: { type, value } }
}

/** What the app shows of a token: where it starts and how it ends, never the secret between. */
export function maskKsefToken(text: string): string {
  const token = text.trim()
  return `${token.slice(0, 12)}…${token.slice(-4)}`
}
