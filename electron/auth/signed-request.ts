import type { Company } from '../../shared/domain/company'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import type { AuthTokenRequestSummary } from '../crypto/auth-token-request'
import type { StoredChallenge } from '../vault/auth-repository'

/** A challenge lives 10 minutes (KSeF docs, uwierzytelnianie.md). */
export const challengeLifetimeMs = 10 * 60_000

/**
 * What the app can check of a signed AuthTokenRequest before KSeF sees it: well-formed, signed,
 * for this company's context, with a challenge still alive. The signature itself KSeF verifies.
 */
export function checkSignedRequest(
  request: AuthTokenRequestSummary,
  company: Company,
  known: StoredChallenge | undefined,
  clock: Clock,
): void {
  if (!request.signed) {
    throw new AppError(
      'AUTH_REQUEST_NOT_SIGNED',
      'The file is an AuthTokenRequest but carries no signature: sign it first, then load the signed file.',
    )
  }
  if (
    request.context.type !== company.identifier.type ||
    request.context.value !== company.identifier.value
  ) {
    throw new AppError(
      'AUTH_REQUEST_OTHER_COMPANY',
      `The signed request is for ${request.context.type} ${request.context.value}, not for this company.`,
      { requestContext: `${request.context.type} ${request.context.value}` },
    )
  }
  if (known && clock.now() > Date.parse(known.expiresAt)) {
    throw new AppError(
      'AUTH_REQUEST_CHALLENGE_EXPIRED',
      'The challenge of this request is older than 10 minutes: download a new request and sign it again.',
      { expiredAt: known.expiresAt },
    )
  }
  // A challenge the app did not fetch (another computer, the MF web app) still carries its day;
  // a day either side allows for the Polish date near midnight.
  if (!known && !withinADay(request.challenge, clock.now())) {
    throw new AppError(
      'AUTH_REQUEST_CHALLENGE_EXPIRED',
      'The challenge of this request is from another day: download a new request and sign it again.',
      {},
    )
  }
}

function withinADay(challenge: string, now: number): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})-/.exec(challenge)
  if (!match) return false
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Math.abs(day - (now - (now % 86_400_000))) <= 86_400_000
}
