// Error codes every area may raise. Each area keeps its own list in this folder; the union of
// all lists is the set of codes the renderer must translate (renderer/src/i18n/*.json), and next
// to each list stand the exact details of its codes.
import { z } from 'zod'
import { Count, Issue, Text, type DetailsSchema } from './details'

export const commonErrorCodes = [
  'INVALID_INPUT', // the request did not match the channel's input schema
  'INVALID_OUTPUT', // a handler produced something its output schema refuses: a bug, reported
  'UNKNOWN_CHANNEL',
  'SENDER_REFUSED', // an IPC request came from something other than the app window's main frame
  'INTERNAL', // an unexpected failure; details say where
  'SETTINGS_CORRUPT', // the settings file is not a settings document: kept as it is, nothing written
  'SETTINGS_NOT_CORRUPT', // setting the settings file aside was asked while it opens normally
  'SETTINGS_RECORDS_QUARANTINED', // records the schema refuses were set apart in the file, the rest kept
  'SETTINGS_WRITE_FAILED', // the settings file could not be written (disk full, no permission): retried
  'SECRETS_CORRUPT', // the sealed secrets file is not sealed data: kept as it is
  'SECRETS_EMPTY', // the sealed secrets file has zero bytes (cut short by a crash or power loss)
  'SECRETS_KDF_TOO_COSTLY', // the file asks for a key derivation costlier than the app's own
  'SECRETS_LOCKED', // the sealed secrets file does not open with this key or passphrase, or was altered
  'SECRETS_WEAK_KEYCHAIN', // Linux without a keyring: safeStorage falls back to a fixed key
  'SECRETS_NOT_LOCKED', // starting the secrets afresh was asked while the file opens normally
  'DATA_FOLDER_IN_USE', // another running process holds the data folder's lock
  'BRIDGE_DISCONNECTED', // test transport only: the WebSocket to main is gone
] as const

/** The details of each common code, exactly: a field not listed here is not sent. */
export const commonErrorDetails = {
  INVALID_INPUT: z.object({ channel: Text, issues: z.array(Issue) }),
  INVALID_OUTPUT: z.object({ channel: Text }),
  UNKNOWN_CHANNEL: z.object({}),
  SENDER_REFUSED: z.object({}),
  // Where: the channel that failed, or the file a saver was handed.
  INTERNAL: z.object({ channel: Text.optional(), name: Text.optional() }),
  SETTINGS_CORRUPT: z.object({ path: Text, problem: Text }),
  SETTINGS_NOT_CORRUPT: z.object({}),
  SETTINGS_RECORDS_QUARANTINED: z.object({ path: Text, count: Count }),
  // The file system's code (ENOSPC, EACCES).
  SETTINGS_WRITE_FAILED: z.object({ path: Text, cause: Text }),
  SECRETS_CORRUPT: z.object({}),
  SECRETS_EMPTY: z.object({ path: Text }),
  SECRETS_KDF_TOO_COSTLY: z.object({ N: z.number(), r: z.number(), p: z.number() }),
  SECRETS_LOCKED: z.object({}),
  SECRETS_WEAK_KEYCHAIN: z.object({}),
  SECRETS_NOT_LOCKED: z.object({}),
  DATA_FOLDER_IN_USE: z.object({ folder: Text, pid: z.number().int().optional() }),
  BRIDGE_DISCONNECTED: z.object({}),
} satisfies Record<(typeof commonErrorCodes)[number], DetailsSchema>
