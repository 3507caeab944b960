// The KSeF client for one environment: the HTTP door plus every call bound to it, so handlers
// take one object from the composition root.
import { defaultApiBaseUrl, type Environment } from '../../shared/domain/environment'
import * as auth from './auth'
import * as certificates from './certificates'
import { createKsefHttp, type KsefHttp, type KsefHttpOptions } from './http'
import * as security from './security'
import * as sessions from './sessions'
import * as tokens from './tokens'

/** The API base URL of an environment, unless a custom one (developer setting, KSEF_DESK_API_URL) is given. */
export function ksefBaseUrl(environment: Environment, customUrl?: string): string {
  return customUrl && customUrl.trim() !== ''
    ? customUrl.trim().replace(/\/+$/, '')
    : defaultApiBaseUrl[environment]
}

export type KsefClientOptions = Omit<KsefHttpOptions, 'baseUrl'> &
  ({ environment: Environment; customUrl?: string } | { baseUrl: string })

type Bound<F> = F extends (http: KsefHttp, ...rest: infer A) => infer R ? (...rest: A) => R : never

function bind<T extends Record<string, unknown>>(
  http: KsefHttp,
  module: T,
): { [K in keyof T]: Bound<T[K]> } {
  const bound: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === 'function')
      bound[name] = (...args: unknown[]) => (value as (...a: unknown[]) => unknown)(http, ...args)
  }
  return bound as { [K in keyof T]: Bound<T[K]> }
}

const authCalls = {
  getChallenge: auth.getChallenge,
  submitXadesSignature: auth.submitXadesSignature,
  submitKsefToken: auth.submitKsefToken,
  getAuthenticationStatus: auth.getAuthenticationStatus,
  redeemTokens: auth.redeemTokens,
  refreshAccessToken: auth.refreshAccessToken,
  initiateCertificateAuthentication: auth.initiateCertificateAuthentication,
  initiateTokenAuthentication: auth.initiateTokenAuthentication,
  waitForAuthentication: auth.waitForAuthentication,
}

const certificateCalls = {
  getCertificateLimits: certificates.getCertificateLimits,
  getEnrollmentData: certificates.getEnrollmentData,
  enrollCertificate: certificates.enrollCertificate,
  getEnrollmentStatus: certificates.getEnrollmentStatus,
  retrieveCertificates: certificates.retrieveCertificates,
  revokeCertificate: certificates.revokeCertificate,
  queryCertificates: certificates.queryCertificates,
}

const tokenCalls = {
  generateToken: tokens.generateToken,
  listTokens: tokens.listTokens,
  getToken: tokens.getToken,
  revokeToken: tokens.revokeToken,
}

const sessionCalls = {
  listAuthenticationSessions: sessions.listAuthenticationSessions,
  revokeCurrentSession: sessions.revokeCurrentSession,
  revokeAuthenticationSession: sessions.revokeAuthenticationSession,
}

const securityCalls = { getPublicKeyCertificates: security.getPublicKeyCertificates }

export function createKsefClient(options: KsefClientOptions) {
  const baseUrl =
    'baseUrl' in options ? options.baseUrl : ksefBaseUrl(options.environment, options.customUrl)
  const http = createKsefHttp({ ...options, baseUrl })
  return {
    http,
    baseUrl: http.baseUrl,
    auth: bind(http, authCalls),
    certificates: bind(http, certificateCalls),
    tokens: bind(http, tokenCalls),
    sessions: bind(http, sessionCalls),
    security: bind(http, securityCalls),
  }
}

export type KsefClient = ReturnType<typeof createKsefClient>
