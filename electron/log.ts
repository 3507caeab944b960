import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Diagnostics of the main process. Callers pass plain facts (channel, code, message); never a
 * request object, an axios error or anything else that may carry a token or a key.
 */
export interface Logger {
  info(message: string, fields?: Record<string, string | number | boolean>): void
  error(message: string, fields?: Record<string, string | number | boolean>): void
}

export function fileLogger(path: string, now: () => number = Date.now): Logger {
  mkdirSync(dirname(path), { recursive: true })
  const write = (
    level: string,
    message: string,
    fields?: Record<string, string | number | boolean>,
  ) =>
    appendFileSync(
      path,
      `${JSON.stringify({ time: new Date(now()).toISOString(), level, message, ...fields })}\n`,
    )
  return {
    info: (message, fields) => write('info', message, fields),
    error: (message, fields) => write('error', message, fields),
  }
}

export const silentLogger: Logger = { info: () => undefined, error: () => undefined }
