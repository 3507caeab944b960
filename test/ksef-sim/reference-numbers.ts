import { randomBytes } from 'node:crypto'

/** The two-letter infix KSeF puts in a reference number tells what the number refers to. */
export type ReferenceInfix = 'CR' | 'AU' | 'EC' | 'EH'

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex').toUpperCase()
}

/** `20250514-AU-2DFC46C000-3AC6D5877F-D4`: 36 characters, date of issue first. */
export function newReferenceNumber(infix: ReferenceInfix, nowMs: number): string {
  const date = new Date(nowMs).toISOString().slice(0, 10).replaceAll('-', '')
  return `${date}-${infix}-${hex(5)}-${hex(5)}-${hex(1)}`
}

/** A challenge is a CR reference number; the AuthTokenRequest XSD pins this exact shape. */
export function newChallenge(nowMs: number): string {
  return newReferenceNumber('CR', nowMs)
}

export const CHALLENGE_PATTERN = /^\d{8}-CR-[A-F0-9]{10}-[A-F0-9]{10}-[A-F0-9]{2}$/

/** 16 upper-case hex digits. The first byte stays below 0x80 so the DER INTEGER needs no pad. */
export function newCertificateSerialNumber(): string {
  const bytes = randomBytes(8)
  bytes[0] = ((bytes[0] ?? 1) & 0x7f) | 0x01
  return bytes.toString('hex').toUpperCase()
}

export function newTraceId(): string {
  return randomBytes(16).toString('hex')
}

/** The legacy error body's serviceCode looks like a W3C traceparent. */
export function newServiceCode(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`
}
