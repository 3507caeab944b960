// What an error's `details` may carry across the contract: facts for the message (which field,
// which KSeF code, which file), never a secret. Every code has an exact schema of its details,
// next to its codes in this folder (shared/ipc/errors.ts gathers them); AppError.toPayload keeps
// only the entries that schema lists, of the type it lists, so a field a future change adds
// carelessly (a token, an axios config, a whole KSeF body) never leaves main. Here are the pieces
// those schemas are made of.
import { z } from 'zod'
import type { KsefCodeKind } from '../ksef/codes'

/** The names a secret would travel under (the same rule the contract's output schemas are held to). */
export const secretDetailName =
  /^(token|accessToken|refreshToken|authenticationToken|ksefToken|encryptedToken|password|passphrase|privateKey|key|secret|pin|pkcs12|p12|pfx)$|password|privatekey|secret|passphrase/i

export const DetailName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/)
  .refine((name) => !secretDetailName.test(name), 'a secret-named detail')

/** Details as they cross the wire; AppErrorPayload holds each entry to its code's schema. */
export const AppErrorDetails = z.record(DetailName, z.unknown())
export type AppErrorDetails = z.infer<typeof AppErrorDetails>

/** The details schema of one code: its fields, each of one narrow type. */
export type DetailsSchema = z.ZodObject

/** Any text a message may quote: a file name, a path, KSeF's words. */
export const Text = z.string().max(2000)
export const Count = z.number().int().nonnegative()
/** A time as main names it: an ISO string, which the window shows in the user's language. */
export const DateTime = z.iso.datetime({ offset: true })

/** Every kind of KSeF code shared/ksef/codes.ts explains (the window and the CLI look them up). */
export const KsefCodeKindDetail = z.enum({
  exception: 'exception',
  authStatus: 'authStatus',
  enrollmentStatus: 'enrollmentStatus',
  http: 'http',
  forbiddenReason: 'forbiddenReason',
} satisfies Record<KsefCodeKind, KsefCodeKind>)

/** An exception code or a status is a number; a 403's reasonCode is a word. */
export const KsefCode = z.union([z.number().int(), Text])

/** A 403's `security`, as openapi.json documents it per reasonCode (ForbiddenProblemDetails). */
export const KsefSecurityDetails = z.strictObject({
  requiredAnyOfPermissions: z.array(Text).optional(),
  presentPermissions: z.array(Text).optional(),
  clientIp: Text.optional(),
  authenticationMethodCategory: Text.optional(),
  incidentId: Text.optional(),
  contextIdentifierType: Text.optional(),
})
export type KsefSecurityDetails = z.infer<typeof KsefSecurityDetails>

const KsefErrorEntry = z.strictObject({
  code: z.number().int(),
  description: Text,
  details: z.array(Text),
})

const SystemWarning = z.strictObject({ code: Text, message: Text })

/**
 * What every KsefError carries (electron/ksef/errors.ts): KSeF's code, its words, the ids MF
 * support asks for, and the request that was refused. Only these facts, each as KSeF's contract
 * documents it; the body, the headers and the session token are not among them.
 */
export const ksefRefusalDetails = {
  httpStatus: z.number().int().nullable(),
  ksefCodeKind: KsefCodeKindDetail.nullable(),
  ksefCode: KsefCode.nullable(),
  description: Text.nullable(),
  errors: z.array(KsefErrorEntry),
  ksefDetails: z.array(Text),
  serviceCode: Text.nullable(),
  traceId: Text.nullable(),
  retryAfterSeconds: z.number().nonnegative().nullable(),
  security: KsefSecurityDetails.nullable(),
  systemWarnings: z.array(SystemWarning),
  request: z.strictObject({ method: Text, path: Text }),
}

/** Where an input failed its schema (dispatch's INVALID_INPUT). */
export const Issue = z.strictObject({ path: Text, message: Text })

/** The entries of `details` that fit the code's schema; any other is left behind. */
export function allowedDetails(
  schema: DetailsSchema,
  details: Record<string, unknown>,
): AppErrorDetails {
  return Object.fromEntries(
    Object.entries(details).filter(
      ([name, value]) => value !== undefined && fitsDetail(schema, name, value),
    ),
  )
}

/** The schema lists the field, and the value is of the field's type. */
export function fitsDetail(schema: DetailsSchema, name: string, value: unknown): boolean {
  const fields: Record<string, z.ZodType> = schema.shape
  return Object.hasOwn(fields, name) && fields[name]?.safeParse(value).success === true
}
