// Logging in to one KSeF context, call by call: challenge → signed request or encrypted token →
// status polling → redeem (once) → access and refresh tokens; and refreshing the access token
// later. Putting the calls together, with the claim that keeps a redeem from happening twice, is
// the app's (electron/auth/).
import type { KeyObject } from 'node:crypto'
import { systemClock, type Clock } from '../clock'
import {
  buildAuthTokenRequest,
  type AllowedIps,
  type ContextIdentifier,
  type SubjectIdentifierType,
} from '../crypto/auth-token-request'
import { encryptKsefToken } from '../crypto/token-cipher'
import { signAuthTokenRequest } from '../crypto/xades'
import { emptyFacts, isKsefError, KsefError } from './errors'
import type { KsefHttp } from './http'
import type { components } from './openapi-types'
import {
  findPublicKey,
  getPublicKeyCertificates,
  pickPublicKey,
  type PublicKeyCertificate,
} from './security'

type Schemas = components['schemas']
export type AuthenticationChallenge = Schemas['AuthenticationChallengeResponse']
export type AuthenticationInit = Schemas['AuthenticationInitResponse']
export type AuthenticationStatus = Schemas['AuthenticationOperationStatusResponse']
export type AuthenticationTokens = Schemas['AuthenticationTokensResponse']
export type AccessTokenRefresh = Schemas['AuthenticationTokenRefreshResponse']

export function getChallenge(http: KsefHttp): Promise<AuthenticationChallenge> {
  return http
    .request<AuthenticationChallenge>({
      method: 'POST',
      path: '/auth/challenge',
      repeatable: true,
      expect: ['challenge', 'timestampMs'],
    })
    .then((r) => r.data)
}

/** POST /auth/xades-signature with the signed bytes exactly as they are. One-shot. */
export function submitXadesSignature(
  http: KsefHttp,
  signedXml: string | Buffer,
  options: { verifyCertificateChain?: boolean } = {},
): Promise<AuthenticationInit> {
  return http
    .request<AuthenticationInit>({
      method: 'POST',
      path: '/auth/xades-signature',
      query:
        options.verifyCertificateChain === undefined
          ? undefined
          : { verifyCertificateChain: options.verifyCertificateChain },
      xml: signedXml,
      repeatable: false,
      expect: ['referenceNumber', 'authenticationToken'],
    })
    .then((r) => r.data)
}

/** POST /auth/ksef-token. One-shot. */
export function submitKsefToken(
  http: KsefHttp,
  request: Schemas['InitTokenAuthenticationRequest'],
): Promise<AuthenticationInit> {
  return http
    .request<AuthenticationInit>({
      method: 'POST',
      path: '/auth/ksef-token',
      json: request,
      repeatable: false,
      expect: ['referenceNumber', 'authenticationToken'],
    })
    .then((r) => r.data)
}

export function getAuthenticationStatus(
  http: KsefHttp,
  referenceNumber: string,
  authenticationToken: string,
): Promise<AuthenticationStatus> {
  return http
    .request<AuthenticationStatus>({
      method: 'GET',
      path: `/auth/${encodeURIComponent(referenceNumber)}`,
      bearer: authenticationToken,
      repeatable: true,
      expect: ['status'],
    })
    .then((r) => r.data)
}

/** POST /auth/token/redeem: works once per authentication, so never repeated. */
export function redeemTokens(
  http: KsefHttp,
  authenticationToken: string,
): Promise<AuthenticationTokens> {
  return http
    .request<AuthenticationTokens>({
      method: 'POST',
      path: '/auth/token/redeem',
      bearer: authenticationToken,
      repeatable: false,
      expect: ['accessToken', 'refreshToken'],
    })
    .then((r) => r.data)
}

/** POST /auth/token/refresh: a new access token; the refresh token stays the same. */
export function refreshAccessToken(
  http: KsefHttp,
  refreshToken: string,
): Promise<AccessTokenRefresh> {
  return http
    .request<AccessTokenRefresh>({
      method: 'POST',
      path: '/auth/token/refresh',
      bearer: refreshToken,
      repeatable: true,
      expect: ['accessToken'],
    })
    .then((r) => r.data)
}

export interface PollOptions {
  clock?: Clock
  delay?: (ms: number) => Promise<void>
  /** Between polls; default 1 s. */
  intervalMs?: number
  /** Or a wait that depends on how long KSeF has been deciding already (adaptive polling). */
  nextDelayMs?: (elapsedMs: number) => number
  /** Give up after this long at status 100; default 2 minutes (qualified certificates wait for OCSP). */
  timeoutMs?: number
  onStatus?: (status: AuthenticationStatus) => void
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls GET /auth/{ref} until KSeF decides; a failure status (415, 450, …) is thrown as KSEF_AUTH_FAILED. */
export async function waitForAuthentication(
  http: KsefHttp,
  init: AuthenticationInit,
  options: PollOptions = {},
): Promise<AuthenticationStatus> {
  const clock = options.clock ?? systemClock
  const delay = options.delay ?? sleep
  const began = clock.now()
  const deadline = began + (options.timeoutMs ?? 120_000)
  const where = { method: 'GET', path: `/auth/${init.referenceNumber}` }
  for (;;) {
    const status = await getAuthenticationStatus(
      http,
      init.referenceNumber,
      init.authenticationToken.token,
    )
    options.onStatus?.(status)
    const code = status.status.code
    if (code === 200) return status
    if (code !== 100) throw authenticationFailure(init.referenceNumber, status.status)
    if (clock.now() >= deadline) {
      throw new KsefError(
        'KSEF_AUTH_PENDING_TIMEOUT',
        'KSeF is still checking the login. Check its status again later.',
        { ...emptyFacts(where), httpStatus: 200, ksef: { kind: 'authStatus', code: 100 } },
      )
    }
    await delay(options.nextDelayMs?.(clock.now() - began) ?? options.intervalMs ?? 1_000)
  }
}

/** A final failure status of an authentication (415, 450, 460 …), as the error the user sees. */
export function authenticationFailure(
  referenceNumber: string,
  status: { code: number; description: string; details?: string[] | null },
): KsefError {
  return new KsefError(
    'KSEF_AUTH_FAILED',
    `KSeF refused the login: ${status.description} (status ${status.code}).`,
    {
      ...emptyFacts({ method: 'GET', path: `/auth/${referenceNumber}` }),
      httpStatus: 200,
      ksef: { kind: 'authStatus', code: status.code },
      description: status.description,
      ksefDetails: status.details ?? [],
    },
  )
}

/** Where a login is before KSeF takes over, for progress shown to the user. */
export type InitiationStep = 'challenge' | 'signing' | 'encrypting' | 'sending'

export interface InitiationOptions {
  clock?: Clock
  onStep?: (step: InitiationStep) => void
}

export interface CertificateLoginInput {
  context: ContextIdentifier
  /** DER of the certificate whose key signs. */
  certificate: Buffer
  privateKey: KeyObject
  subjectIdentifierType?: SubjectIdentifierType
  allowedIps?: AllowedIps
  /** Leave unset for self-signed certificates on TEST. */
  verifyCertificateChain?: boolean
}

/** Challenge → AuthTokenRequest signed here with the certificate's key → sent: KSeF takes over. */
export async function initiateCertificateAuthentication(
  http: KsefHttp,
  input: CertificateLoginInput,
  options: InitiationOptions = {},
): Promise<AuthenticationInit> {
  options.onStep?.('challenge')
  const challenge = await getChallenge(http)
  options.onStep?.('signing')
  const xml = buildAuthTokenRequest({
    challenge: challenge.challenge,
    context: input.context,
    subjectIdentifierType: input.subjectIdentifierType,
    allowedIps: input.allowedIps,
  })
  const signed = signAuthTokenRequest(xml, input, { clock: options.clock })
  options.onStep?.('sending')
  return submitXadesSignature(http, signed, {
    verifyCertificateChain: input.verifyCertificateChain,
  })
}

export interface TokenLoginInput {
  context: ContextIdentifier
  token: string
  allowedIps?: AllowedIps
  /**
   * MF keys fetched earlier, to save a call; reloaded once when none of them is valid now or KSeF
   * says the one sent is retired (21470).
   */
  publicKeys?: readonly PublicKeyCertificate[]
}

/** Challenge → token|timestampMs encrypted with MF's key → sent: KSeF takes over. */
export async function initiateTokenAuthentication(
  http: KsefHttp,
  input: TokenLoginInput,
  options: InitiationOptions & { onPublicKeys?: (keys: PublicKeyCertificate[]) => void } = {},
): Promise<AuthenticationInit> {
  const clock = options.clock ?? systemClock
  let keys = input.publicKeys ?? (await loadKeys(http, options.onPublicKeys))
  let reloaded = false
  // Cached keys may have expired since they were fetched while KSeF already publishes their
  // successor: only a fresh list without a valid key means there is none.
  if (input.publicKeys && !findPublicKey(keys, 'KsefTokenEncryption', clock)) {
    keys = await loadKeys(http, options.onPublicKeys)
    reloaded = true
  }
  for (;;) {
    const key = pickPublicKey(keys, 'KsefTokenEncryption', clock)
    options.onStep?.('challenge')
    const challenge = await getChallenge(http)
    options.onStep?.('encrypting')
    const request: Schemas['InitTokenAuthenticationRequest'] = {
      challenge: challenge.challenge,
      contextIdentifier: input.context,
      encryptedToken: encryptKsefToken({
        token: input.token,
        timestampMs: challenge.timestampMs,
        publicKey: key.certificate,
      }),
      publicKeyId: key.publicKeyId,
      ...(input.allowedIps
        ? { authorizationPolicy: { allowedIps: copyIps(input.allowedIps) } }
        : {}),
    }
    options.onStep?.('sending')
    try {
      return await submitKsefToken(http, request)
    } catch (error) {
      // 21470: the key was retired. KSeF refused before acting, so with fresh keys and a fresh
      // challenge this is a new request, not a repeat.
      if (reloaded || !isRetiredKey(error)) throw error
      keys = await loadKeys(http, options.onPublicKeys)
      reloaded = true
    }
  }
}

async function loadKeys(
  http: KsefHttp,
  onPublicKeys?: (keys: PublicKeyCertificate[]) => void,
): Promise<PublicKeyCertificate[]> {
  const keys = await getPublicKeyCertificates(http)
  onPublicKeys?.(keys)
  return keys
}

const isRetiredKey = (error: unknown): boolean =>
  isKsefError(error) && error.ksef?.kind === 'exception' && error.ksef.code === 21470

function copyIps(ips: AllowedIps): Schemas['AllowedIps'] {
  return {
    ...(ips.ip4Addresses ? { ip4Addresses: [...ips.ip4Addresses] } : {}),
    ...(ips.ip4Ranges ? { ip4Ranges: [...ips.ip4Ranges] } : {}),
    ...(ips.ip4Masks ? { ip4Masks: [...ips.ip4Masks] } : {}),
  }
}
