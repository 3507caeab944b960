import { z } from 'zod'
import { Id } from './company'
import { SessionMethod } from './session-method'

/** The three ways to log a company in to KSeF. */
export const LoginMethod = z.enum(['certificate', 'token', 'signedRequest'])
export type LoginMethod = z.infer<typeof LoginMethod>

export const AuthStatusSummary = z.object({
  code: z.number().int(),
  description: z.string(),
  details: z.array(z.string()),
})
export type AuthStatusSummary = z.infer<typeof AuthStatusSummary>

/**
 * A login refused before KSeF gave it a reference number (the app's own checks, or KSeF's answer
 * to the POST): the error the user saw, its code and details, shown again on the list.
 */
export const AuthRefusal = z.object({
  code: z.string(),
  details: z.record(z.string(), z.unknown()).default({}),
})
export type AuthRefusal = z.infer<typeof AuthRefusal>

/** One authentication operation (POST /auth/…) as the list on Ogólne shows it. */
export const AuthOperation = z.object({
  referenceNumber: z.string(),
  method: LoginMethod,
  startedAt: z.iso.datetime(),
  status: AuthStatusSummary,
  /** Tokens were redeemed for it; it cannot be redeemed again. */
  redeemed: z.boolean(),
  /** Until when its authentication token works for Sprawdź status / Pobierz token dostępowy. */
  usableUntil: z.iso.datetime(),
  /** The stored certificate or token that logged in; null for a request signed elsewhere. */
  credentialId: Id.nullable().default(null),
  /** Refused before KSeF numbered it: the referenceNumber is the app's own, shown as none. */
  refusal: AuthRefusal.nullable().default(null),
})
export type AuthOperation = z.infer<typeof AuthOperation>

/** The company's session in KSeF: validity only — the tokens themselves never leave main. */
export const SessionSummary = z.object({
  referenceNumber: z.string(),
  method: LoginMethod,
  startedAt: z.iso.datetime(),
  accessTokenValidUntil: z.iso.datetime(),
  refreshTokenValidUntil: z.iso.datetime(),
  /** The stored certificate or token that opened it; null for a request signed elsewhere. */
  credentialId: Id.nullable().default(null),
})
export type SessionSummary = z.infer<typeof SessionSummary>

/** A challenge fetched for a signed request: it lives 10 minutes. */
export const PendingChallenge = z.object({
  challenge: z.string(),
  issuedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
})
export type PendingChallenge = z.infer<typeof PendingChallenge>

export const AuthState = z.object({
  companyId: Id,
  session: SessionSummary.nullable(),
  operations: z.array(AuthOperation),
  challenge: PendingChallenge.nullable(),
  /** Signed-request operations are polled and redeemed without the user clicking. */
  autoMode: z.boolean(),
})
export type AuthState = z.infer<typeof AuthState>

/** An authentication session of the context as KSeF lists it (GET /auth/sessions). */
export const ActiveSession = z.object({
  referenceNumber: z.string(),
  isCurrent: z.boolean(),
  startDate: z.iso.datetime({ offset: true }),
  /** How it was opened, in the app's terms (shared/domain/session-method.ts). */
  method: SessionMethod,
  /** KSeF's own display name of the method, shown only as KSeF's words. */
  methodDetail: z.string().nullable(),
  status: AuthStatusSummary,
  refreshTokenValidUntil: z.iso.datetime({ offset: true }).nullable(),
})
export type ActiveSession = z.infer<typeof ActiveSession>

export const AuthStep = z.enum([
  'challenge',
  'signing',
  'encrypting',
  'sending',
  'waiting',
  'rateLimited',
  'redeeming',
  'done',
  'failed',
])
export type AuthStep = z.infer<typeof AuthStep>

/** Pushed while KSeF works, so the user sees where the login is. */
export const AuthProgress = z.object({
  companyId: Id,
  method: LoginMethod,
  step: AuthStep,
  referenceNumber: z.string().optional(),
  statusCode: z.number().int().optional(),
  /** rateLimited: seconds KSeF asked to wait (Retry-After). */
  waitSeconds: z.number().optional(),
})
export type AuthProgress = z.infer<typeof AuthProgress>

/**
 * Nothing more can be done with the operation: its tokens were redeemed, KSeF refused it, or its
 * authentication token ran out. The list shows it compactly and Wyczyść removes it.
 */
export const operationIsFinished = (operation: AuthOperation, now: number): boolean =>
  operation.redeemed ||
  (operation.status.code !== 100 && operation.status.code !== 200) ||
  Date.parse(operation.usableUntil) <= now
