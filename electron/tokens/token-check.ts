import type { TokenCheck } from '../../shared/domain/credentials'
import type { TokenCheckResult } from '../../shared/domain/ksef-tokens'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import { isKsefError } from '../ksef/errors'
import type { Logger } from '../log'
import type { CredentialRepository } from '../vault/credential-repository'
import type { TokenSessions } from './ksef-token-service'

export interface TokenCheckDeps {
  sessions: Pick<TokenSessions, 'probeTokenLogin'>
  credentials: Pick<CredentialRepository, 'recordTokenCheck'>
  clock: Clock
  log: Logger
}

/**
 * Sprawdź token: KSeF's Active status is not proof (a token whose author lost permissions stays
 * Active), so a real login and logout decide, and the verdict is kept on the stored copy.
 */
export async function checkToken(
  deps: TokenCheckDeps,
  companyId: string,
  tokenId: string,
  changed: () => void,
): Promise<TokenCheckResult> {
  const checkedAt = new Date(deps.clock.now()).toISOString()
  let check: TokenCheck
  let message: string | null = null
  try {
    await deps.sessions.probeTokenLogin(companyId, tokenId)
    check = { checkedAt, ok: true, errorCode: null, ksefStatusCode: null }
  } catch (error) {
    if (!isVerdictOnToken(error)) throw error
    message = error.message
    check = {
      checkedAt,
      ok: false,
      errorCode: error.code,
      ksefStatusCode:
        isKsefError(error) && error.ksef?.kind === 'authStatus' ? Number(error.ksef.code) : null,
    }
  }
  deps.credentials.recordTokenCheck(companyId, tokenId, check)
  deps.log.info('token checked', { companyId, tokenId, ok: check.ok, code: check.errorCode ?? '' })
  changed()
  return { ...check, tokenId, message }
}

/**
 * What Sprawdź token records as the token's failure: KSeF's verdict on the login (a status
 * such as 415 or 450, a refused redeem) or the app's own knowledge that the token is revoked.
 * KSeF being away, a rate limit or a login already under way say nothing of the token.
 */
function isVerdictOnToken(error: unknown): error is AppError {
  if (!(error instanceof AppError)) return false
  return (
    error.code === 'KSEF_AUTH_FAILED' ||
    error.code === 'TOKEN_REVOKED' ||
    error.code === 'KSEF_ERROR' ||
    error.code === 'KSEF_UNAUTHORIZED' ||
    error.code === 'KSEF_FORBIDDEN'
  )
}
