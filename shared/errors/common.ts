// Error codes every area may raise. Each area keeps its own list in this folder; the union of
// all lists is the set of codes the renderer must translate (renderer/src/i18n/*.json).
export const commonErrorCodes = [
  'INVALID_INPUT', // the request did not match the channel's input schema
  'INVALID_OUTPUT', // a handler produced something its output schema refuses: a bug, reported
  'UNKNOWN_CHANNEL',
  'SENDER_REFUSED', // an IPC request came from something other than the app window's main frame
  'INTERNAL', // an unexpected failure; details say where
  'SETTINGS_CORRUPT', // the settings file is not a settings document: kept as it is, nothing written
  'SETTINGS_NOT_CORRUPT', // setting the settings file aside was asked while it opens normally
  'SETTINGS_RECORDS_QUARANTINED', // records the schema refuses were set apart in the file, the rest kept
  'SECRETS_CORRUPT', // the sealed secrets file is not sealed data: kept as it is
  'SECRETS_EMPTY', // the sealed secrets file has zero bytes (cut short by a crash or power loss)
  'SECRETS_KDF_TOO_COSTLY', // the file asks for a key derivation costlier than the app's own
  'SECRETS_LOCKED', // the sealed secrets file does not open with this key or passphrase, or was altered
  'SECRETS_WEAK_KEYCHAIN', // Linux without a keyring: safeStorage falls back to a fixed key
  'SECRETS_NOT_LOCKED', // starting the secrets afresh was asked while the file opens normally
  'DATA_FOLDER_IN_USE', // another running process holds the data folder's lock
  'BRIDGE_DISCONNECTED', // test transport only: the WebSocket to main is gone
] as const
