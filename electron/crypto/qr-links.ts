// Verification links printed as QR codes on invoices: KOD I (the invoice, every invoice) and
// KOD II (the issuer's Offline certificate, offline invoices only). Hosts are per environment and
// part of the signed data, so a link made for Test never verifies on Production.
import { constants, createHash, sign, type KeyObject } from 'node:crypto'
import type { Environment } from '../../shared/domain/environment'
import { AppError } from '../../shared/ipc/errors'
import { checkNip } from '../../shared/validation/nip'
import { assertContextIdentifier, type ContextIdentifier } from './auth-token-request'
import { base64url } from './encoding'
import { describeKeyAlgorithm, keyAlgorithm } from './keys'

export const qrHosts: Record<Environment, string> = {
  Test: 'qr-test.ksef.mf.gov.pl',
  Demo: 'qr-demo.ksef.mf.gov.pl',
  Production: 'qr.ksef.mf.gov.pl',
}

/** SHA-256 of the invoice file's bytes, base64url without padding (= invoiceHash, re-encoded). */
export function invoiceHash(invoiceXml: Buffer): string {
  return base64url(createHash('sha256').update(invoiceXml).digest())
}

export interface InvoiceLinkInput {
  environment: Environment
  sellerNip: string
  /** The invoice's P_1 date, YYYY-MM-DD. */
  issueDate: string
  /** The invoice file as sent to KSeF, or its hash from invoiceHash. */
  invoice: Buffer | { hash: string }
}

/** KOD I: https://{host}/invoice/{NIP}/{DD-MM-YYYY}/{hash}. */
export function invoiceVerificationLink(input: InvoiceLinkInput): string {
  assertNip(input.sellerNip, 'sellerNip')
  const [year, month, day] = calendarDate(input.issueDate)
  const hash = hashOf(input.invoice)
  return `https://${qrHosts[input.environment]}/invoice/${input.sellerNip}/${day}-${month}-${year}/${hash}`
}

export interface CertificateLinkInput {
  environment: Environment
  /** The login context in which the issuer may invoice; not necessarily the seller. */
  context: ContextIdentifier
  sellerNip: string
  /** The Offline certificate's serial as KSeF gives it: 16 upper-case hex digits. */
  certificateSerial: string
  invoice: Buffer | { hash: string }
  /** The Offline certificate's private key: RSA (≥ 2048) or EC P-256. */
  privateKey: KeyObject
}

/** KOD II: https://{host}/certificate/{ctxType}/{ctxValue}/{NIP}/{serial}/{hash}/{signature}. */
export function certificateVerificationLink(input: CertificateLinkInput): string {
  try {
    assertContextIdentifier(input.context)
  } catch (error) {
    throw error instanceof AppError
      ? new AppError('QR_INPUT_INVALID', error.message, { field: 'context' })
      : error
  }
  assertNip(input.sellerNip, 'sellerNip')
  const serial = input.certificateSerial.toUpperCase()
  if (!/^[0-9A-F]{16}$/.test(serial)) {
    throw new AppError(
      'QR_INPUT_INVALID',
      'The certificate serial number must be 16 hexadecimal digits.',
      {
        field: 'certificateSerial',
      },
    )
  }
  const hash = hashOf(input.invoice)
  // Signed: the link without "https://" and without a trailing slash, up to the invoice hash.
  const signed = `${qrHosts[input.environment]}/certificate/${input.context.type}/${input.context.value}/${input.sellerNip}/${serial}/${hash}`
  return `https://${signed}/${base64url(signLink(signed, input.privateKey))}`
}

function signLink(data: string, key: KeyObject): Buffer {
  const algorithm = keyAlgorithm(key)
  const bytes = Buffer.from(data, 'utf8')
  if (algorithm.type === 'rsa' && algorithm.bits >= 2048) {
    return sign('sha256', bytes, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
  }
  if (algorithm.type === 'ec' && algorithm.curve === 'P-256') {
    return sign('sha256', bytes, { key, dsaEncoding: 'ieee-p1363' })
  }
  throw new AppError(
    'KEY_UNSUPPORTED',
    `KOD II needs an RSA key of 2048 bits or more or an EC P-256 key; this is ${describeKeyAlgorithm(algorithm)}.`,
    { algorithm: describeKeyAlgorithm(algorithm) },
  )
}

function hashOf(invoice: Buffer | { hash: string }): string {
  if (Buffer.isBuffer(invoice)) return invoiceHash(invoice)
  if (!/^[A-Za-z0-9_-]{43}$/.test(invoice.hash)) {
    throw new AppError('QR_INPUT_INVALID', 'The invoice hash must be a SHA-256 in base64url.', {
      field: 'invoice',
    })
  }
  return invoice.hash
}

function assertNip(nip: string, field: string): void {
  if (checkNip(nip) !== null || !/^\d{10}$/.test(nip)) {
    throw new AppError(
      'QR_INPUT_INVALID',
      'The seller NIP must be 10 digits with a valid check digit.',
      { field },
    )
  }
}

function calendarDate(text: string): [string, string, string] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  const date = match ? new Date(`${text}T00:00:00Z`) : null
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new AppError('QR_INPUT_INVALID', 'The issue date must be a date written as YYYY-MM-DD.', {
      field: 'issueDate',
    })
  }
  return [match[1] ?? '', match[2] ?? '', match[3] ?? '']
}
