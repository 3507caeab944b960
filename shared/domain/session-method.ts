import { z } from 'zod'
import type { LoginMethod } from './auth'
import type { CertificateIssuerKind } from './credentials'

/**
 * How a session of the context was opened, in the app's own terms: the user reads it translated
 * (auth.sessionMethods.<method>), never in KSeF's display text.
 */
export const SessionMethod = z.enum([
  'ksefCertificate',
  'selfSignedTestCertificate',
  'qualifiedCertificate',
  'qualifiedSignature',
  'qualifiedSeal',
  'xadesSignature',
  'nationalNode',
  'token',
  'signedRequest',
  'other',
])
export type SessionMethod = z.infer<typeof SessionMethod>

/** KSeF's AuthenticationMethodInfo (category, code, displayName) of a session or operation. */
export interface KsefMethodInfo {
  category: string
  code: string
  displayName: string
}

/** What the app itself knows of a login it made: the way in and, for a certificate, its issuer. */
export interface OwnLogin {
  method: LoginMethod
  /** The issuer of the stored certificate that signed; undefined when it is no longer stored. */
  issuerKind?: CertificateIssuerKind | undefined
}

// The codes KSeF documents by example (REFERENCE §3.7); any other falls back to its category.
const methodOfCode: Readonly<Record<string, SessionMethod>> = {
  'xades.ksef-certificate': 'ksefCertificate',
  'xades.qualified-signature': 'qualifiedSignature',
  'xades.qualified-seal': 'qualifiedSeal',
  'token.ksef': 'token',
}

const methodOfCategory: Readonly<Record<string, SessionMethod>> = {
  XadesSignature: 'xadesSignature',
  NationalNode: 'nationalNode',
  Token: 'token',
  Other: 'other',
}

/** The method KSeF reports, from category and code (the deprecated authenticationMethod is not read). */
export function methodFromKsef(info: KsefMethodInfo | undefined): SessionMethod {
  if (!info) return 'other'
  return methodOfCode[info.code] ?? methodOfCategory[info.category] ?? 'other'
}

const methodOfIssuer: Readonly<Record<CertificateIssuerKind, SessionMethod>> = {
  ksef: 'ksefCertificate',
  selfSigned: 'selfSignedTestCertificate',
  external: 'qualifiedCertificate',
}

/**
 * The method of a session: the app's knowledge of how it logged in first (KSeF's Test names a
 * self-signed test certificate a qualified seal), KSeF's category and code for a session it did
 * not open.
 */
export function sessionMethod(
  own: OwnLogin | undefined,
  ksef: KsefMethodInfo | undefined,
): SessionMethod {
  if (!own) return methodFromKsef(ksef)
  if (own.method === 'token') return 'token'
  if (own.method === 'signedRequest') return 'signedRequest'
  if (own.issuerKind) return methodOfIssuer[own.issuerKind]
  return methodFromKsef(ksef)
}

/** KSeF's own name of the method, shown only as a detail labelled as KSeF's words. */
export function methodDetail(ksef: KsefMethodInfo | undefined): string | null {
  const name = ksef?.displayName.trim()
  return name ? name : null
}
