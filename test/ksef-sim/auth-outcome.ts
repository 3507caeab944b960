import { constants, privateDecrypt } from 'node:crypto'
import type { SimulatorCore } from './core'
import { permissionsInContext } from './permissions'
import type { AuthOperation, AuthenticationMethod, StatusInfo } from './state'
import { certificateStatus, ksefTokenStatus } from './state'

/** Status texts of AuthenticationOperationStatusResponse, verbatim from the contract's table. */
const IN_PROGRESS: StatusInfo = { code: 100, description: 'Uwierzytelnianie w toku' }
const SUCCEEDED: StatusInfo = { code: 200, description: 'Uwierzytelnianie zakończone sukcesem' }
const REVOKED: StatusInfo = {
  code: 425,
  description: 'Uwierzytelnienie unieważnione',
  details: ['Uwierzytelnienie i powiązane refresh tokeny zostały unieważnione przez użytkownika'],
}
const NO_PERMISSIONS: StatusInfo = {
  code: 415,
  description: 'Uwierzytelnianie zakończone niepowodzeniem',
  details: ['Brak przypisanych uprawnień'],
}
const DECEASED: StatusInfo = {
  code: 470,
  description: 'Uwierzytelnianie zakończone niepowodzeniem',
  details: ['Próba wykorzystania metod autoryzacyjnych osoby zmarłej'],
}
const BLOCKED: StatusInfo = {
  code: 480,
  description: 'Uwierzytelnienie zablokowane',
  details: [
    'Podejrzenie incydentu bezpieczeństwa. Skontaktuj się z Ministerstwem Finansów przez formularz zgłoszeniowy.',
  ],
}

function badToken(detail: string): StatusInfo {
  return {
    code: 450,
    description: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędnego tokenu',
    details: [detail],
  }
}

function badCertificate(detail: string): StatusInfo {
  return {
    code: 460,
    description: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędu certyfikatu',
    details: [detail],
  }
}

export const TOKEN_FAILURES = {
  encryption: 'Nieprawidłowe szyfrowanie tokena',
  encoding: 'Nieprawidłowe kodowanie tokena',
  time: 'Nieprawidłowy czas tokena',
  unknown: 'Nieprawidłowy token',
  revoked: 'Token unieważniony',
  inactive: 'Token nieaktywny',
} as const

export const CERTIFICATE_FAILURES = {
  invalid: 'Nieważny certyfikat',
  untrustedChain: 'Niezaufany łańcuch certyfikatów',
  revoked: 'Certyfikat odwołany',
  suspended: 'Certyfikat zawieszony',
  wrong: 'Niepoprawny certyfikat',
} as const

const METHOD_INFO: Record<
  AuthenticationMethod,
  { category: string; code: string; displayName: string }
> = {
  Token: { category: 'Token', code: 'token.ksef', displayName: 'Token KSeF' },
  InternalCertificate: {
    category: 'XadesSignature',
    code: 'xades.ksef-certificate',
    displayName: 'Certyfikat KSeF',
  },
  QualifiedSignature: {
    category: 'XadesSignature',
    code: 'xades.qualified-signature',
    displayName: 'Podpis kwalifikowany',
  },
  QualifiedSeal: {
    category: 'XadesSignature',
    code: 'xades.qualified-seal',
    displayName: 'Pieczęć kwalifikowana',
  },
}

export function authenticationMethodInfo(method: AuthenticationMethod): {
  category: string
  code: string
  displayName: string
} {
  return METHOD_INFO[method]
}

function settleTokenLogin(core: SimulatorCore, operation: AuthOperation, now: number): StatusInfo {
  const login = operation.tokenLogin
  if (!login) return badToken(TOKEN_FAILURES.unknown)
  let plaintext: Buffer
  try {
    plaintext = privateDecrypt(
      { key: login.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      login.encryptedToken,
    )
  } catch {
    return badToken(TOKEN_FAILURES.encryption)
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plaintext)
  } catch {
    return badToken(TOKEN_FAILURES.encoding)
  }
  // The token itself contains '|', so the timestamp is what follows the last one.
  const separator = text.lastIndexOf('|')
  const timestampText = text.slice(separator + 1)
  if (separator <= 0 || !/^\d+$/.test(timestampText)) return badToken(TOKEN_FAILURES.encoding)
  if (Number(timestampText) !== login.challengeTimestampMs) return badToken(TOKEN_FAILURES.time)
  const token = core.state.tokenBySecret(text.slice(0, separator))
  if (!token) return badToken(TOKEN_FAILURES.unknown)
  operation.ksefTokenReference = token.referenceNumber
  operation.subject = token.author
  if (
    token.context.type !== operation.context.type ||
    token.context.value !== operation.context.value
  ) {
    return badToken(`Token nie może być użyty w kontekście ${operation.context.value}`)
  }
  const status = ksefTokenStatus(token, now)
  if (status === 'Revoking' || status === 'Revoked') return badToken(TOKEN_FAILURES.revoked)
  if (status !== 'Active') return badToken(TOKEN_FAILURES.inactive)
  if (core.state.isBlocked(operation.context)) return BLOCKED
  token.lastUseMs = now
  // The token's author is the one authenticating: one who lost every permission in the context
  // gets 415 though the token stays Active, and the session carries only what the author still
  // holds (uwierzytelnianie.md; the official token E2E scenario).
  const held = permissionsInContext(core.state, token.author, operation.context)
  const permissions = token.permissions.filter((permission) => held.includes(permission))
  if (held.length === 0 || permissions.length === 0) return NO_PERMISSIONS
  operation.permissions = permissions
  return SUCCEEDED
}

function settleCertificateLogin(
  core: SimulatorCore,
  operation: AuthOperation,
  now: number,
): StatusInfo {
  const login = operation.certificate
  const subject = operation.subject
  if (!login || !subject) return badCertificate(CERTIFICATE_FAILURES.wrong)
  if (login.untrustedChain) return badCertificate(CERTIFICATE_FAILURES.untrustedChain)
  if (login.issuedSerial) {
    const issued = core.state.certificates.get(login.issuedSerial)
    if (issued) {
      const status = certificateStatus(issued, operation.startMs)
      if (status === 'Revoked') return badCertificate(CERTIFICATE_FAILURES.revoked)
      if (status === 'Blocked') return badCertificate(CERTIFICATE_FAILURES.suspended)
      if (status === 'Expired') return badCertificate(CERTIFICATE_FAILURES.invalid)
      // An Offline certificate only signs KOD II links; it cannot authenticate.
      if (issued.type !== 'Authentication') return badCertificate(CERTIFICATE_FAILURES.wrong)
      issued.lastUseMs = now
    }
  }
  if (operation.startMs < login.notBeforeMs || operation.startMs > login.notAfterMs) {
    return badCertificate(CERTIFICATE_FAILURES.invalid)
  }
  if (core.state.isBlocked(operation.context)) return BLOCKED
  if (subject.type === 'Pesel' && core.state.persons.get(subject.value)?.isDeceased) return DECEASED
  const permissions = permissionsInContext(core.state, subject, operation.context)
  if (permissions.length === 0) return NO_PERMISSIONS
  operation.permissions = permissions
  return SUCCEEDED
}

/**
 * GET /auth/{ref}: 100 until the configured delay has passed since the operation started, then
 * the outcome, decided once (KSeF decrypts tokens and checks certificates after its 202).
 */
export function authStatus(core: SimulatorCore, operation: AuthOperation, now: number): StatusInfo {
  if (operation.revoked) return REVOKED
  if (operation.outcome) return operation.outcome
  if (now < operation.startMs + core.config.authStatusDelayMs) return IN_PROGRESS
  operation.outcome = operation.tokenLogin
    ? settleTokenLogin(core, operation, now)
    : settleCertificateLogin(core, operation, now)
  return operation.outcome
}
