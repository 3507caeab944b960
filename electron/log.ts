import { appendFileSync, chmodSync, closeSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import { makePrivateFolderSync, privateFileMode } from './vault/durable-write'

type LogFields = Record<string, string | number | boolean>

/**
 * Diagnostics of the main process. Callers pass plain facts (channel, code, message); never a
 * request object, an axios error or anything else that may carry a token or a key.
 */
export interface Logger {
  info(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

// The keys every line has. A field of the same name ("message": an error's text) must neither
// replace them nor be dropped: it is kept under "field.<name>".
const lineKeys = new Set(['time', 'level', 'message'])

/** One JSON line: when, how bad, what happened (the event), then the caller's facts. */
function logLine(time: string, level: string, event: string, fields: LogFields = {}): string {
  const facts = Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [lineKeys.has(key) ? `field.${key}` : key, value]),
  )
  return `${JSON.stringify({ time, level, message: event, ...facts })}\n`
}

/** The log names companies and files: it is the owner's alone (0600 in a 0700 folder). */
export function fileLogger(path: string, now: () => number = Date.now): Logger {
  makePrivateFolderSync(dirname(path))
  closeSync(openSync(path, 'a', privateFileMode))
  chmodSync(path, privateFileMode)
  const write = (level: string, event: string, fields?: LogFields) =>
    appendFileSync(path, logLine(new Date(now()).toISOString(), level, event, fields))
  return {
    info: (event, fields) => write('info', event, fields),
    error: (event, fields) => write('error', event, fields),
  }
}

export const silentLogger: Logger = { info: () => undefined, error: () => undefined }
