import { z } from 'zod'
import { AppErrorDetails, allowedDetails } from '../errors/details'
import { commonErrorCodes } from '../errors/common'
import { authErrorCodes } from '../errors/auth'
import { certificateLifecycleErrorCodes } from '../errors/certificates'
import { certificateFileErrorCodes } from '../errors/certificate-files'
import { cliErrorCodes } from '../errors/cli'
import { companyErrorCodes } from '../errors/companies'
import { companyImportErrorCodes } from '../errors/company-import'
import { credentialErrorCodes } from '../errors/credentials'
import { cryptoErrorCodes } from '../errors/crypto'
import { ksefErrorCodes } from '../errors/ksef'
import { tokenErrorCodes } from '../errors/tokens'

/** Every error code a user can meet. Codes are stable: the CLI prints them, the UI translates them. */
export const appErrorCodes = [
  ...commonErrorCodes,
  ...companyErrorCodes,
  ...companyImportErrorCodes,
  ...credentialErrorCodes,
  ...authErrorCodes,
  ...cryptoErrorCodes,
  ...ksefErrorCodes,
  ...certificateLifecycleErrorCodes,
  ...certificateFileErrorCodes,
  ...tokenErrorCodes,
  ...cliErrorCodes,
] as const

export const AppErrorCode = z.enum(appErrorCodes)
export type AppErrorCode = z.infer<typeof AppErrorCode>

/** Extra facts for the message: which field, which KSeF code, which file. Never a secret. */
export { AppErrorDetails }

/** What crosses the IPC boundary when a call fails: Electron flattens thrown errors, this survives. */
export const AppErrorPayload = z.object({
  code: AppErrorCode,
  message: z.string(),
  details: AppErrorDetails.optional(),
})
export type AppErrorPayload = z.infer<typeof AppErrorPayload>

export class AppError extends Error {
  override readonly name = 'AppError'
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }

  /** What crosses the contract: of the details, only the entries AppErrorDetails allows. */
  toPayload(): AppErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: allowedDetails(this.code, this.details) }
  }

  static fromPayload(payload: AppErrorPayload): AppError {
    return new AppError(payload.code, payload.message, payload.details)
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError

/** The envelope every invoke resolves to, on both transports. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorPayload }
