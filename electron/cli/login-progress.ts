// What a login prints on stderr while KSeF works (the window shows the same steps): one line per
// step, a repeated poll with the same status printed once.
import type { AuthProgress } from '../../shared/domain/auth'
import { linePrinter } from './progress-lines'

export function progressText(progress: AuthProgress): string | undefined {
  switch (progress.step) {
    case 'challenge':
      return 'getting a challenge from KSeF'
    case 'signing':
      return 'signing the authorization request (XAdES)'
    case 'encrypting':
      return 'encrypting the KSeF token with the MF public key'
    case 'sending':
      return 'sending it to KSeF'
    case 'waiting':
      return `KSeF is checking ${progress.referenceNumber ?? 'the login'} (status ${progress.statusCode ?? 100})`
    case 'rateLimited':
      return `KSeF asked to slow down (HTTP 429): waiting ${progress.waitSeconds ?? '?'} s`
    case 'redeeming':
      return 'redeeming the access and refresh tokens'
    case 'done':
      return undefined // the command's own output says it
    case 'failed':
      return undefined // the error follows
  }
}

/** A sink for withDataFolder's onProgress: each new line once, prefixed "login: " (or `prefix`). */
export function progressPrinter(
  write: (text: string) => void,
  prefix = 'login',
): (progress: AuthProgress) => void {
  return linePrinter(prefix, progressText, write)
}
