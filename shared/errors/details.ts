// What an error's `details` may carry across the contract: facts for the message (which field,
// which KSeF code, which file), never a secret. A closed schema: names of plain words that do not
// say "token", "password", "key", "secret"; values that are primitives or lists of them, or one of
// KSeF's few documented structures. AppError.toPayload keeps only what fits, so a field a future
// change adds carelessly (a token, an axios config, a whole KSeF body) never leaves main.
import { z } from 'zod'
import type { commonErrorCodes } from './common'

/** The names a secret would travel under (the same rule the contract's output schemas are held to). */
export const secretDetailName =
  /^(token|accessToken|refreshToken|authenticationToken|ksefToken|encryptedToken|password|passphrase|privateKey|key|secret|pin|pkcs12|p12|pfx)$|password|privatekey|secret|passphrase/i

export const DetailName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/)
  .refine((name) => !secretDetailName.test(name), 'a secret-named detail')

const Primitive = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])

/** A 403's `security`, as openapi.json documents it per reasonCode (ForbiddenProblemDetails). */
export const KsefSecurityDetails = z.strictObject({
  requiredAnyOfPermissions: z.array(z.string()).optional(),
  presentPermissions: z.array(z.string()).optional(),
  clientIp: z.string().optional(),
  authenticationMethodCategory: z.string().optional(),
  incidentId: z.string().optional(),
  contextIdentifierType: z.string().optional(),
})
export type KsefSecurityDetails = z.infer<typeof KsefSecurityDetails>

const KsefErrorEntry = z.strictObject({
  code: z.number(),
  description: z.string(),
  details: z.array(z.string()),
})

const SystemWarning = z.strictObject({ code: z.string(), message: z.string() })

const Request = z.strictObject({ method: z.string(), path: z.string() })

/** Where an input failed its schema (dispatch's INVALID_INPUT). */
const Issue = z.strictObject({ path: z.string(), message: z.string() })

export const DetailValue = z.union([
  Primitive,
  z.array(Primitive),
  z.array(KsefErrorEntry),
  z.array(SystemWarning),
  z.array(Issue),
  Request,
  KsefSecurityDetails,
])

export const AppErrorDetails = z.record(DetailName, DetailValue)
export type AppErrorDetails = z.infer<typeof AppErrorDetails>

const Text = z.string().max(2000)

/**
 * The details of each common code, exactly: a field not listed here is not sent. A code of the
 * other areas is held to the closed rule above (DetailName, DetailValue).
 */
export const commonErrorDetails = {
  INVALID_INPUT: z.object({ channel: Text, issues: z.array(Issue) }),
  INVALID_OUTPUT: z.object({ channel: Text }),
  UNKNOWN_CHANNEL: z.object({}),
  SENDER_REFUSED: z.object({}),
  INTERNAL: z.object({ channel: Text, name: Text }),
  SETTINGS_CORRUPT: z.object({ path: Text, problem: Text }),
  SETTINGS_NOT_CORRUPT: z.object({}),
  SETTINGS_RECORDS_QUARANTINED: z.object({ path: Text, count: z.number().int() }),
  SECRETS_CORRUPT: z.object({}),
  SECRETS_EMPTY: z.object({ path: Text }),
  SECRETS_KDF_TOO_COSTLY: z.object({ N: z.number(), r: z.number(), p: z.number() }),
  SECRETS_LOCKED: z.object({}),
  SECRETS_WEAK_KEYCHAIN: z.object({}),
  SECRETS_NOT_LOCKED: z.object({}),
  DATA_FOLDER_IN_USE: z.object({ folder: Text, pid: z.number().int() }),
  BRIDGE_DISCONNECTED: z.object({}),
} satisfies Record<(typeof commonErrorCodes)[number], z.ZodObject>

const isCommonCode = (code: string): code is keyof typeof commonErrorDetails =>
  Object.hasOwn(commonErrorDetails, code)

/** The entries of `details` that fit the code's schema (or the closed rule); any other is left behind. */
export function allowedDetails(code: string, details: Record<string, unknown>): AppErrorDetails {
  const schema = isCommonCode(code) ? commonErrorDetails[code] : undefined
  return Object.fromEntries(
    Object.entries(details).filter(([name, value]) => {
      if (schema) {
        const field = (schema.shape as Record<string, z.ZodType | undefined>)[name]
        return field !== undefined && field.safeParse(value).success
      }
      return DetailName.safeParse(name).success && DetailValue.safeParse(value).success
    }),
  ) as AppErrorDetails
}
