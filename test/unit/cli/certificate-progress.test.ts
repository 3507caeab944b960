import { describe, expect, it } from 'vitest'
import { certificateProgressPrinter } from '../../../electron/cli/certificate-progress'

const companyId = '00000000-0000-4000-8000-000000000001'
const enrollmentId = '00000000-0000-4000-8000-000000000002'

describe('certificateProgressPrinter', () => {
  it('prints each step of an enrollment once, repeated polls with the same status once', () => {
    const printed: string[] = []
    const print = certificateProgressPrinter((text) => printed.push(text))
    const base = { companyId, enrollmentId }
    for (const step of ['limits', 'enrollmentData', 'generatingKey', 'sending'] as const)
      print({ ...base, step })
    for (const statusCode of [100, 100, 200])
      print({ ...base, step: 'waiting', referenceNumber: 'E-1', statusCode })
    print({ ...base, step: 'rateLimited', waitSeconds: 2 })
    print({ ...base, step: 'retrieving' })
    print({ ...base, step: 'done' })
    expect(printed).toEqual([
      'enroll: checking the limits of KSeF certificates\n',
      'enroll: getting the enrollment data from KSeF\n',
      'enroll: making a fresh key pair and the certificate request (CSR); the key is sealed here\n',
      'enroll: sending the request to KSeF\n',
      'enroll: KSeF is processing E-1 (status 100)\n',
      'enroll: KSeF is processing E-1 (status 200)\n',
      'enroll: KSeF asked to slow down (HTTP 429): waiting 2 s\n',
      'enroll: retrieving the certificate and pairing it with its key\n',
    ])
  })
})
