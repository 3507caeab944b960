import { afterEach, beforeEach, expect, it } from 'vitest'
import { enrollmentKeySecret } from '../../../electron/vault/enrollment-repository'
import { certificateKeySecret } from '../../../electron/vault/secret-store'
import type {
  CertificateListing,
  EnrollmentResult,
  EnrollmentSummary,
} from '../../../shared/domain/ksef-certificates'
import type { RunningSimulator } from '../../ksef-sim'
import { filesContaining, tempFolder } from '../../support/temp-folder'
import { FakeClock, addCompany, folderApp, logInWithTestCertificate, simulator } from './harness'

// The app ends after KSeF's 202 and before the certificate is retrieved: the next start over the
// same data folder finds the enrollment, its status finds the serial, the sealed key is paired.

let clock: FakeClock
let sim: RunningSimulator
let folder: ReturnType<typeof tempFolder>
beforeEach(async () => {
  clock = new FakeClock()
  sim = await simulator(clock, { enrollmentDelayMs: 60_000 })
  folder = tempFolder('ksef-desk-enrollment-')
})
afterEach(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
  folder.remove()
})

it('resumes an enrollment sent before a restart and pairs the key waiting in the vault', async () => {
  const first = await folderApp(sim, clock, folder.path)
  const company = await addCompany(first)
  await logInWithTestCertificate(first, company.id)
  const { enrollment } = await first.call<EnrollmentResult>('certificates:enroll', {
    companyId: company.id,
    draft: { name: 'Po restarcie', kind: 'Authentication' },
    wait: false,
  })
  // KSeF took it (202) and is still deciding when the app ends.
  expect(enrollment.referenceNumber).toMatch(/-EH-/)
  expect(enrollment.status).toBeNull()
  const keyPem = await first.ctx.secrets.get(enrollmentKeySecret(company.id, enrollment.id))
  expect(keyPem).toMatch(/BEGIN PRIVATE KEY/)
  await first.close()

  clock.advance(60_000)
  const second = await folderApp(sim, clock, folder.path)
  try {
    const listing = await second.call<CertificateListing>('certificates:listing', {
      companyId: company.id,
    })
    expect(listing.rows.find((r) => r.id === enrollment.id)).toMatchObject({
      location: 'enrollment',
      enrollment: { referenceNumber: enrollment.referenceNumber, certificateId: null },
    })

    const status = await second.call<EnrollmentSummary>('certificates:enrollmentStatus', {
      companyId: company.id,
      enrollmentId: enrollment.id,
    })
    expect(status.status?.code).toBe(200)
    expect(status.serialNumber).toMatch(/^[0-9A-F]{16}$/)
    expect(second.changes()).toBeGreaterThan(0)

    const retrieved = await second.call<EnrollmentResult>('certificates:retrieve', {
      companyId: company.id,
      enrollmentId: enrollment.id,
    })
    const certificateId = retrieved.certificate?.id ?? ''
    expect(retrieved.certificate).toMatchObject({
      serialNumber: status.serialNumber,
      origin: 'enrolled',
      isDefault: true,
    })
    expect(await second.ctx.secrets.get(certificateKeySecret(company.id, certificateId))).toBe(
      keyPem,
    )
    expect(
      await second.ctx.secrets.get(enrollmentKeySecret(company.id, enrollment.id)),
    ).toBeUndefined()
    // The key was sealed all along: never in plaintext in the data folder.
    expect(filesContaining(folder.path, keyPem ?? '')).toEqual([])
    expect(filesContaining(folder.path, (keyPem ?? '').split('\n').slice(1, -2).join(''))).toEqual(
      [],
    )
  } finally {
    await second.close()
  }
})
