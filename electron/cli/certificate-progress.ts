// What an enrollment prints on stderr while KSeF works (the window shows the same steps).
import type { CertificateProgress } from '../../shared/domain/ksef-certificates'
import { linePrinter } from './progress-lines'

export function certificateProgressText(progress: CertificateProgress): string | undefined {
  switch (progress.step) {
    case 'limits':
      return 'checking the limits of KSeF certificates'
    case 'enrollmentData':
      return 'getting the enrollment data from KSeF'
    case 'generatingKey':
      return 'making a fresh key pair and the certificate request (CSR); the key is sealed here'
    case 'sending':
      return 'sending the request to KSeF'
    case 'waiting':
      return `KSeF is processing ${progress.referenceNumber ?? 'the request'} (status ${progress.statusCode ?? 100})`
    case 'rateLimited':
      return `KSeF asked to slow down (HTTP 429): waiting ${progress.waitSeconds ?? '?'} s`
    case 'retrieving':
      return 'retrieving the certificate and pairing it with its key'
    case 'done':
      return undefined // the command's own output says it
    case 'failed':
      return undefined // the error follows
  }
}

/** A sink for withDataFolder's onCertificateProgress: each new line once, "enroll: …". */
export function certificateProgressPrinter(
  write: (text: string) => void,
): (progress: CertificateProgress) => void {
  return linePrinter('enroll', certificateProgressText, write)
}
