import { AppError } from '../../shared/ipc/errors'
import { isKsefError, type KsefError } from '../ksef/errors'

/** KSeF refused the request itself (4xx other than 429): repeating it changes nothing. */
export const isClientRefusal = (error: KsefError): boolean =>
  error.httpStatus !== null &&
  error.httpStatus >= 400 &&
  error.httpStatus < 500 &&
  error.httpStatus !== 429

/** The final status of a failed authentication (415, 450 …), shown with the failed step. */
export const ksefStatusOf = (error: unknown): number | undefined =>
  isKsefError(error) && error.ksef?.kind === 'authStatus' ? Number(error.ksef.code) : undefined

/** The code a log line records of a failure; anything not the app's own is INTERNAL. */
export const codeOf = (error: unknown): string =>
  error instanceof AppError ? error.code : 'INTERNAL'
