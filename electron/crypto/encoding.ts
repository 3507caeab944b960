// How key material arrives: PEM text (one or more blocks, maybe with RFC 1421 headers), raw DER,
// or base64 DER text as the KSeF API returns certificates.
import { x509 } from './webcrypto'

export interface PemBlock {
  label: string
  der: Buffer
  headers: Map<string, string>
}

export function isPem(data: Buffer | string): boolean {
  const text = typeof data === 'string' ? data : data.toString('latin1')
  return /-----BEGIN [A-Z0-9 ]+-----/.test(text)
}

/** Every PEM block of a text; an empty list when there is none or the base64 inside is broken. */
export function pemBlocks(data: Buffer | string): PemBlock[] {
  const text = typeof data === 'string' ? data : data.toString('latin1')
  try {
    return x509.PemConverter.decodeWithHeaders(text).map((block) => ({
      label: block.type,
      der: Buffer.from(block.rawData),
      headers: new Map(block.headers.map((h) => [h.key, h.value])),
    }))
  } catch {
    return []
  }
}

const base64Text = /^[A-Za-z0-9+/=\s]+$/

/**
 * The DER inside input that is PEM, DER or base64 DER text: the first block with one of the
 * labels for PEM; the bytes themselves otherwise. Null when PEM holds none of the labels.
 */
export function derOf(data: Buffer | string, labels: readonly string[]): Buffer | null {
  if (isPem(data)) return pemBlocks(data).find((b) => labels.includes(b.label))?.der ?? null
  if (typeof data === 'string') return base64Text.test(data) ? Buffer.from(data, 'base64') : null
  // A DER structure starts with a SEQUENCE tag; anything else that is base64 text is decoded.
  if (data[0] !== 0x30 && data.length > 0 && base64Text.test(data.toString('latin1'))) {
    return Buffer.from(data.toString('latin1'), 'base64')
  }
  return data
}

export function pem(der: Buffer, label: string): string {
  return x509.PemConverter.encode(der, label) + '\n'
}

/** RFC 4648 §5 base64url without padding, as KSeF QR links use it. */
export function base64url(data: Buffer): string {
  return data.toString('base64url')
}
