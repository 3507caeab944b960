import { expect } from 'vitest'
import type { RunningSimulator } from '../../ksef-sim'
import type {
  AuthTokenRequestFields,
  KeyAndCertificate,
  Workspace,
  XadesOptions,
} from '../../support/external-tools'
import { authTokenRequestXml, opensslEncrypt, xmlsecSign } from '../../support/external-tools'
import type { SimReply } from './sim-http'
import { call, field, text } from './sim-http'

export const NIP = '5265877635'
export const OTHER_NIP = '7762811692'
export const PERSON_SUBJECT = `/GN=Jan/SN=Kowalski/serialNumber=TINPL-${NIP}/CN=Jan Kowalski/C=PL`

export async function newChallenge(
  sim: RunningSimulator,
): Promise<{ challenge: string; timestampMs: number }> {
  const reply = await call(sim, 'POST', '/auth/challenge')
  expect(reply.status).toBe(200)
  return {
    challenge: text(reply.body, 'challenge'),
    timestampMs: Number(field(reply.body, 'timestampMs')),
  }
}

export async function postSignedRequest(
  sim: RunningSimulator,
  signedXml: string,
  query?: Record<string, string | boolean>,
): Promise<SimReply> {
  return call(sim, 'POST', '/auth/xades-signature', {
    body: signedXml,
    contentType: 'application/xml',
    query,
  })
}

/** Challenge → AuthTokenRequest → xmlsec1 signature → POST /auth/xades-signature. */
export async function submitSignature(
  sim: RunningSimulator,
  workspace: Workspace,
  signer: KeyAndCertificate,
  fields: Omit<AuthTokenRequestFields, 'challenge'> & { challenge?: string },
  xades: XadesOptions = {},
  query?: Record<string, string | boolean>,
): Promise<SimReply> {
  const challenge = fields.challenge ?? (await newChallenge(sim)).challenge
  const signed = await xmlsecSign(
    workspace,
    authTokenRequestXml({ ...fields, challenge }),
    signer,
    xades,
  )
  return postSignedRequest(sim, signed, query)
}

/** Polls GET /auth/{ref} until the status leaves 100; returns the final body. */
export async function awaitAuthStatus(sim: RunningSimulator, init: SimReply): Promise<unknown> {
  const reference = text(init.body, 'referenceNumber')
  const token = text(init.body, 'authenticationToken', 'token')
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const reply = await call(sim, 'GET', `/auth/${reference}`, { bearer: token })
    expect(reply.status).toBe(200)
    if (field(reply.body, 'status', 'code') !== 100) return reply.body
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`Authentication ${reference} stayed in progress`)
}

export interface Session {
  referenceNumber: string
  authenticationToken: string
  accessToken: string
  refreshToken: string
}

export async function redeemSession(sim: RunningSimulator, init: SimReply): Promise<Session> {
  expect(init.status, init.text).toBe(202)
  const status = await awaitAuthStatus(sim, init)
  expect(field(status, 'status', 'code'), JSON.stringify(status)).toBe(200)
  const authenticationToken = text(init.body, 'authenticationToken', 'token')
  const redeemed = await call(sim, 'POST', '/auth/token/redeem', { bearer: authenticationToken })
  expect(redeemed.status, redeemed.text).toBe(200)
  return {
    referenceNumber: text(init.body, 'referenceNumber'),
    authenticationToken,
    accessToken: text(redeemed.body, 'accessToken', 'token'),
    refreshToken: text(redeemed.body, 'refreshToken', 'token'),
  }
}

export function tokenEncryptionKey(sim: RunningSimulator): {
  publicKeyPem: string
  publicKeyId: string
} {
  const key = sim.seed.publicKeyCertificates.find(
    (candidate) => candidate.usage === 'KsefTokenEncryption',
  )
  if (!key) throw new Error('no KsefTokenEncryption key')
  return key
}

/** Challenge → openssl OAEP of "token|timestampMs" → POST /auth/ksef-token. */
export async function submitKsefToken(
  sim: RunningSimulator,
  workspace: Workspace,
  token: string,
  context: { type: 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId'; value: string },
  options: {
    timestampMs?: number
    publicKeyPem?: string
    publicKeyId?: string | null
    padding?: 'oaep' | 'pkcs1'
    plaintext?: string
  } = {},
): Promise<SimReply> {
  const { challenge, timestampMs } = await newChallenge(sim)
  const key = tokenEncryptionKey(sim)
  const plaintext = options.plaintext ?? `${token}|${options.timestampMs ?? timestampMs}`
  const encryptedToken = await opensslEncrypt(
    workspace,
    options.publicKeyPem ?? key.publicKeyPem,
    plaintext,
    options.padding,
  )
  const publicKeyId = options.publicKeyId === undefined ? key.publicKeyId : options.publicKeyId
  return call(sim, 'POST', '/auth/ksef-token', {
    json: {
      challenge,
      contextIdentifier: context,
      encryptedToken,
      ...(publicKeyId === null ? {} : { publicKeyId }),
    },
  })
}

export function expectNoViolations(sim: RunningSimulator): void {
  expect(sim.contractViolations).toEqual([])
}
