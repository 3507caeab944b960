import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import { authenticationMethodInfo, authStatus } from '../auth-outcome'
import { readAuthTokenRequest } from '../auth-token-request'
import {
  certificateFingerprint,
  nameAttributes,
  readCertificateSubject,
} from '../certificate-subject'
import type { RequestContext, RouteTable, SimResponse, SimulatorCore } from '../core'
import { json, sessionOf } from '../core'
import { Gone, KsefException } from '../http-errors'
import type { ContextIdentifier, SubjectIdentifier } from '../identifiers'
import { isValidContext } from '../identifiers'
import { isEmptyPolicy } from '../ip-policy'
import { DAY, formatKsefTimestamp } from '../ksef-time'
import { permissionsInContext } from '../permissions'
import { newChallenge, newReferenceNumber } from '../reference-numbers'
import type {
  AllowedIps,
  AuthOperation,
  AuthenticationMethod,
  CertificateLogin,
  ChallengeRecord,
} from '../state'
import { ksefTokenStatus } from '../state'
import { parseXml } from '../xml-dom'
import { verifyXadesSignature } from '../xades-verification'

const AUTH_STATUS_RETENTION_MS = 7 * DAY

/** A challenge is good once, for ten minutes, and only if this simulator issued it. */
function takeChallenge(core: SimulatorCore, challenge: string, now: number): ChallengeRecord {
  const record = core.state.challenges.get(challenge)
  if (!record) throw new KsefException(21111, [`Wyzwanie ${challenge} nie zostało wydane.`])
  if (record.used)
    throw new KsefException(21111, [`Wyzwanie ${challenge} zostało już wykorzystane.`])
  if (now - record.timestampMs > core.config.challengeLifetimeMs) {
    throw new KsefException(21111, [`Wyzwanie ${challenge} wygasło.`])
  }
  return record
}

function startOperation(
  core: SimulatorCore,
  ctx: RequestContext,
  challenge: ChallengeRecord,
  fields: Omit<AuthOperation, 'referenceNumber' | 'startMs' | 'permissions' | 'revoked'>,
): SimResponse {
  challenge.used = true
  const referenceNumber = newReferenceNumber('AU', ctx.now)
  core.state.authOperations.set(referenceNumber, {
    referenceNumber,
    startMs: ctx.now,
    permissions: [],
    revoked: false,
    ...fields,
  })
  const validUntilMs = ctx.now + core.config.authenticationTokenLifetimeMs
  const token = core.bearerTokens.issue('authentication', {
    authReference: referenceNumber,
    nowMs: ctx.now,
    validUntilMs,
  })
  return json(202, {
    referenceNumber,
    authenticationToken: { token, validUntil: formatKsefTimestamp(validUntilMs) },
  })
}

function policyOf(allowedIps: AllowedIps | undefined): AllowedIps | undefined {
  return allowedIps && !isEmptyPolicy(allowedIps) ? allowedIps : undefined
}

function signatureLogin(core: SimulatorCore, ctx: RequestContext): SimResponse {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(ctx.rawBody)
  } catch {
    throw new KsefException(21217, ['Dokument nie jest poprawnie zakodowany w UTF-8.'])
  }
  if (text.trim() === '') throw new KsefException(21001, ['Pusta treść żądania.'])
  const parsed = parseXml(text)
  if (!parsed.ok) throw new KsefException(21001, [parsed.problem])
  const request = readAuthTokenRequest(parsed.document)
  if (!request.ok) throw new KsefException(21401, request.problems)

  const signature = verifyXadesSignature(text, parsed.document, {
    mode: core.config.mode,
    now: ctx.now,
  })
  if (!signature.ok) throw new KsefException(signature.code, signature.details)
  const { certificate, certificateDer } = signature

  const issuedHere = core.authority.issued(certificate)
  // Not X509Certificate.checkIssued: OpenSSL's issuer check wants keyCertSign, which a signing
  // certificate (keyUsage digitalSignature, as the official helpers make them) does not have.
  const selfSigned =
    certificate.subject === certificate.issuer && certificate.verify(certificate.publicKey)
  if (!issuedHere && !selfSigned) {
    throw new KsefException(21115, [
      'Certyfikat nie został wystawiony przez zaufane centrum certyfikacji.',
    ])
  }
  if (!issuedHere && core.config.mode !== 'test') {
    throw new KsefException(21115, [
      'Certyfikaty wygenerowane samodzielnie są akceptowane tylko w środowisku testowym.',
    ])
  }
  const verifyChain = ctx.query.get('verifyCertificateChain') === 'true'

  const challenge = takeChallenge(core, request.request.challenge, ctx.now)
  const context: ContextIdentifier = request.request.context
  if (!isValidContext(context)) {
    throw new KsefException(21117, [
      `Identyfikator ${context.value} nie jest prawidłowym identyfikatorem typu ${context.type}.`,
    ])
  }

  const attributes = nameAttributes(new x509.X509Certificate(certificateDer).subjectName)
  const read = readCertificateSubject(attributes)
  const fingerprint = certificateFingerprint(certificateDer)
  const serial = certificate.serialNumber.toUpperCase().replace(/^0+/, '')
  const issued = issuedHere
    ? [...core.state.certificates.values()].find(
        (candidate) => candidate.serialNumber.replace(/^0+/, '') === serial,
      )
    : undefined

  let subject: SubjectIdentifier
  if (request.request.subjectIdentifierType === 'certificateFingerprint') {
    subject = { type: 'Fingerprint', value: fingerprint }
  } else if (issued) {
    subject = issued.subject
  } else {
    if (!read.identifier) {
      throw new KsefException(21406, [
        'Certyfikat nie zawiera identyfikatora NIP ani PESEL; użyj SubjectIdentifierType certificateFingerprint.',
      ])
    }
    if (read.problems.length > 0) throw new KsefException(21115, read.problems)
    subject = read.identifier
  }
  const method: AuthenticationMethod = issued
    ? 'InternalCertificate'
    : read.kind === 'seal'
      ? 'QualifiedSeal'
      : 'QualifiedSignature'
  const login: CertificateLogin = {
    der: certificateDer,
    fingerprint,
    notBeforeMs: Date.parse(certificate.validFrom),
    notAfterMs: Date.parse(certificate.validTo),
    ...(issued ? { issuedSerial: issued.serialNumber } : {}),
    untrustedChain: verifyChain && !issuedHere,
    enrollmentData: read.enrollmentData,
  }
  return startOperation(core, ctx, challenge, {
    context,
    method,
    subject,
    certificate: login,
    allowedIps: policyOf(request.request.allowedIps),
  })
}

interface TokenLoginBody {
  challenge: string
  contextIdentifier: ContextIdentifier
  encryptedToken: string
  publicKeyId?: string | null
  authorizationPolicy?: {
    allowedIps?: Partial<Record<keyof AllowedIps, string[] | null>> | null
  } | null
}

function tokenLogin(core: SimulatorCore, ctx: RequestContext): SimResponse {
  const body = ctx.json as TokenLoginBody
  const key = body.publicKeyId
    ? core.publicKeys.byPublicKeyId(body.publicKeyId)
    : core.publicKeys.active('KsefTokenEncryption')
  if (!key || key.retired || key.usage !== 'KsefTokenEncryption') {
    throw new KsefException(21470, [
      `Klucz o identyfikatorze ${body.publicKeyId ?? ''} nie jest wspierany.`,
    ])
  }
  const challenge = takeChallenge(core, body.challenge, ctx.now)
  if (!isValidContext(body.contextIdentifier)) {
    throw new KsefException(21405, [
      `Identyfikator ${body.contextIdentifier.value} nie jest prawidłowym identyfikatorem typu ${body.contextIdentifier.type}.`,
    ])
  }
  const ips = body.authorizationPolicy?.allowedIps
  const allowedIps = ips
    ? {
        ip4Addresses: ips.ip4Addresses ?? [],
        ip4Ranges: ips.ip4Ranges ?? [],
        ip4Masks: ips.ip4Masks ?? [],
      }
    : undefined
  return startOperation(core, ctx, challenge, {
    context: { type: body.contextIdentifier.type, value: body.contextIdentifier.value },
    method: 'Token',
    tokenLogin: {
      encryptedToken: Buffer.from(body.encryptedToken, 'base64'),
      privateKey: key.privateKey,
      challengeTimestampMs: challenge.timestampMs,
    },
    allowedIps: policyOf(allowedIps),
  })
}

function operationFor(core: SimulatorCore, ctx: RequestContext, reference: string): AuthOperation {
  const operation = core.state.authOperations.get(reference)
  if (!operation || ctx.bearer?.claims.arn !== reference) {
    throw new KsefException(21304, [
      `Operacja uwierzytelniania o numerze referencyjnym ${reference} nie została znaleziona.`,
    ])
  }
  return operation
}

/** The KSeF token behind a token session has been revoked since: its tokens stop working. */
function ksefTokenRevoked(core: SimulatorCore, operation: AuthOperation, now: number): boolean {
  if (!operation.ksefTokenReference) return false
  const token = core.state.tokens.get(operation.ksefTokenReference)
  const status = token ? ksefTokenStatus(token, now) : 'Revoked'
  return status === 'Revoking' || status === 'Revoked'
}

export function authStatusBody(
  core: SimulatorCore,
  operation: AuthOperation,
  now: number,
): Record<string, unknown> {
  const status = authStatus(core, operation, now)
  return {
    startDate: formatKsefTimestamp(operation.startMs),
    authenticationMethod: operation.method,
    authenticationMethodInfo: authenticationMethodInfo(operation.method),
    status,
    isTokenRedeemed: operation.redeemedMs !== undefined,
    ...(operation.lastRefreshMs !== undefined
      ? { lastTokenRefreshDate: formatKsefTimestamp(operation.lastRefreshMs) }
      : {}),
    ...(operation.refreshTokenValidUntilMs !== undefined
      ? { refreshTokenValidUntil: formatKsefTimestamp(operation.refreshTokenValidUntilMs) }
      : {}),
  }
}

function accessToken(
  core: SimulatorCore,
  operation: AuthOperation,
  now: number,
): { token: string; validUntil: string } {
  const validUntilMs = now + core.config.accessTokenLifetimeMs
  const token = core.bearerTokens.issue('access', {
    authReference: operation.referenceNumber,
    nowMs: now,
    validUntilMs,
    context: operation.context,
    permissions: operation.permissions,
  })
  return { token, validUntil: formatKsefTimestamp(validUntilMs) }
}

export function authRoutes(core: SimulatorCore): RouteTable {
  return {
    'POST /auth/challenge': {
      handle: (ctx) => {
        const challenge = newChallenge(ctx.now)
        core.state.challenges.set(challenge, {
          challenge,
          timestampMs: ctx.now,
          clientIp: ctx.clientIp,
          used: false,
        })
        return json(200, {
          challenge,
          timestamp: formatKsefTimestamp(ctx.now),
          timestampMs: ctx.now,
          clientIp: ctx.clientIp,
        })
      },
    },
    'POST /auth/xades-signature': { handle: (ctx) => signatureLogin(core, ctx) },
    'POST /auth/ksef-token': { handle: (ctx) => tokenLogin(core, ctx) },
    'GET /auth/{referenceNumber}': {
      bearer: ['authentication'],
      handle: (ctx) => {
        const operation = operationFor(core, ctx, ctx.params.referenceNumber ?? '')
        if (ctx.now - operation.startMs > AUTH_STATUS_RETENTION_MS) throw new Gone()
        return json(200, authStatusBody(core, operation, ctx.now))
      },
    },
    'POST /auth/token/redeem': {
      bearer: ['authentication'],
      handle: (ctx) => {
        const operation = sessionOf(core, ctx)
        const status = authStatus(core, operation, ctx.now)
        if (operation.redeemedMs !== undefined) {
          throw new KsefException(21301, [
            `Tokeny dla operacji uwierzytelniania ${operation.referenceNumber} zostały już pobrane.`,
          ])
        }
        if (status.code !== 200) {
          throw new KsefException(21301, [
            `Status uwierzytelniania (${status.code}) nie pozwala na pobranie tokenów.`,
          ])
        }
        if (ksefTokenRevoked(core, operation, ctx.now))
          throw new KsefException(21301, ['Token KSeF został unieważniony.'])
        operation.redeemedMs = ctx.now
        operation.refreshTokenValidUntilMs = ctx.now + core.config.refreshTokenLifetimeMs
        const refreshToken = core.bearerTokens.issue('refresh', {
          authReference: operation.referenceNumber,
          nowMs: ctx.now,
          validUntilMs: operation.refreshTokenValidUntilMs,
          context: operation.context,
        })
        return json(200, {
          accessToken: accessToken(core, operation, ctx.now),
          refreshToken: {
            token: refreshToken,
            validUntil: formatKsefTimestamp(operation.refreshTokenValidUntilMs),
          },
        })
      },
    },
    'POST /auth/token/refresh': {
      bearer: ['refresh'],
      handle: (ctx) => {
        const operation = sessionOf(core, ctx)
        if (operation.revoked) {
          throw new KsefException(21301, [
            'Status uwierzytelniania (425) nie pozwala na odświeżenie tokenu dostępowego.',
          ])
        }
        if (ksefTokenRevoked(core, operation, ctx.now))
          throw new KsefException(21301, ['Token KSeF został unieważniony.'])
        // A refreshed access token carries the permissions the subject holds now.
        if (operation.method !== 'Token' && operation.subject) {
          operation.permissions = permissionsInContext(
            core.state,
            operation.subject,
            operation.context,
          )
        }
        operation.lastRefreshMs = ctx.now
        return json(200, { accessToken: accessToken(core, operation, ctx.now) })
      },
    },
  }
}
