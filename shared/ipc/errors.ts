import { z } from 'zod'
import { AppErrorDetails, allowedDetails, fitsDetail, type DetailsSchema } from '../errors/details'
import { commonErrorCodes, commonErrorDetails } from '../errors/common'
import { auditErrorCodes, auditErrorDetails } from '../errors/audit'
import { authErrorCodes, authErrorDetails } from '../errors/auth'
import { backupErrorCodes, backupErrorDetails } from '../errors/backup'
import { bulkErrorCodes, bulkErrorDetails } from '../errors/bulk'
import {
  certificateLifecycleErrorCodes,
  certificateLifecycleErrorDetails,
} from '../errors/certificates'
import { certificateFileErrorCodes, certificateFileErrorDetails } from '../errors/certificate-files'
import { cliErrorCodes, cliErrorDetails } from '../errors/cli'
import { companyErrorCodes, companyErrorDetails } from '../errors/companies'
import { companyImportErrorCodes, companyImportErrorDetails } from '../errors/company-import'
import { credentialErrorCodes, credentialErrorDetails } from '../errors/credentials'
import { cryptoErrorCodes, cryptoErrorDetails } from '../errors/crypto'
import { identityErrorCodes, identityErrorDetails } from '../errors/identities'
import { ksefErrorCodes, ksefErrorDetails } from '../errors/ksef'
import { migrationErrorCodes, migrationErrorDetails } from '../errors/migration'
import { tokenErrorCodes, tokenErrorDetails } from '../errors/tokens'

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
  ...identityErrorCodes,
  ...backupErrorCodes,
  ...bulkErrorCodes,
  ...migrationErrorCodes,
  ...auditErrorCodes,
  ...cliErrorCodes,
] as const

export const AppErrorCode = z.enum(appErrorCodes)
export type AppErrorCode = z.infer<typeof AppErrorCode>

/**
 * The exact details of every code, each area's next to its codes (shared/errors): which field,
 * which KSeF code, which file. Never a secret. A code without a schema does not compile.
 */
export const appErrorDetails = {
  ...commonErrorDetails,
  ...companyErrorDetails,
  ...companyImportErrorDetails,
  ...credentialErrorDetails,
  ...authErrorDetails,
  ...cryptoErrorDetails,
  ...ksefErrorDetails,
  ...certificateLifecycleErrorDetails,
  ...certificateFileErrorDetails,
  ...tokenErrorDetails,
  ...identityErrorDetails,
  ...backupErrorDetails,
  ...bulkErrorDetails,
  ...migrationErrorDetails,
  ...auditErrorDetails,
  ...cliErrorDetails,
} satisfies Record<AppErrorCode, DetailsSchema>

const detailsOf = (code: AppErrorCode): DetailsSchema => appErrorDetails[code]

export { AppErrorDetails }

/** What crosses the IPC boundary when a call fails: Electron flattens thrown errors, this survives. */
export const AppErrorPayload = z
  .object({
    code: AppErrorCode,
    message: z.string(),
    details: AppErrorDetails.optional(),
  })
  // The window, a notice and a stored refusal read details by the same schemas main sent them by:
  // an entry main would not have sent makes it no payload of an error.
  .superRefine(({ code, details }, ctx) => {
    for (const [name, value] of Object.entries(details ?? {})) {
      if (!fitsDetail(detailsOf(code), name, value)) {
        ctx.addIssue({
          code: 'custom',
          path: ['details', name],
          message: `not a detail of ${code}`,
        })
      }
    }
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

  /** What crosses the contract: of the details, only the entries the code's schema lists. */
  toPayload(): AppErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : {
          code: this.code,
          message: this.message,
          details: allowedDetails(detailsOf(this.code), this.details),
        }
  }

  static fromPayload(payload: AppErrorPayload): AppError {
    return new AppError(payload.code, payload.message, payload.details)
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError

/** The envelope every invoke resolves to, on both transports. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorPayload }
