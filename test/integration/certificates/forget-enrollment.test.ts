import { afterEach, describe, expect, it } from 'vitest'
import { enrollmentKeySecret } from '../../../electron/vault/enrollment-repository'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import type { CertificateListing, EnrollmentResult } from '../../../shared/domain/ksef-certificates'
import type { RunningSimulator, SimulatorOptions } from '../../ksef-sim'
import { FakeClock, logInWithTestCertificate, memoryApp, simulator } from './harness'

// Usuń wniosek (certificates:forgetEnrollment): a refused, gone or retrieved enrollment leaves
// the list with any key left for it; one KSeF may still answer for keeps its key. And Domyślny
// refuses a certificate KSeF reports revoked.

const DAY = 86_400_000
let sim: RunningSimulator | undefined
afterEach(async () => {
  expect(sim?.contractViolations).toEqual([])
  await sim?.close()
  sim = undefined
})

async function loggedIn(options: Omit<SimulatorOptions, 'clock'> = {}) {
  const clock = new FakeClock()
  sim = await simulator(clock, options)
  const app = await memoryApp(sim, clock)
  const companyId = app.company.id
  await logInWithTestCertificate(app, companyId)
  const enroll = (wait: boolean, makeDefault = false) =>
    app.call<EnrollmentResult>('certificates:enroll', {
      companyId,
      draft: { name: 'Uwierzytelnienie biura', kind: 'Authentication', makeDefault },
      wait,
    })
  const forget = (enrollmentId: string) =>
    app.call<CertificateListing>('certificates:forgetEnrollment', { companyId, enrollmentId })
  const keyOf = (enrollmentId: string) =>
    app.secrets.get(enrollmentKeySecret(companyId, enrollmentId))
  const snapshot = () => {
    const { certificates, enrollments } = app.settings.read()
    return { certificates, enrollments }
  }
  return { ...app, sim, clock, companyId, enroll, forget, keyOf, snapshot }
}

describe('Usuń wniosek', () => {
  it('a refused enrollment leaves the list', async () => {
    const app = await loggedIn()
    app.sim.seed.endNextEnrollment(400)
    await app.refused('certificates:enroll', {
      companyId: app.companyId,
      draft: { name: 'Uwierzytelnienie biura', kind: 'Authentication' },
    })
    const [refused] = app.settings.read().enrollments
    const id = refused?.id ?? ''
    const changes = app.changes()
    const listing = await app.forget(id)
    expect(listing.rows.map((r) => r.location)).toEqual(['thisComputer'])
    expect(app.settings.read().enrollments).toEqual([])
    expect(await app.keyOf(id)).toBeUndefined()
    expect(app.changes()).toBe(changes + 1)
  })

  it('one KSeF no longer keeps (410) leaves the list with the key left for it', async () => {
    const app = await loggedIn({ enrollmentDelayMs: 60_000, refreshTokenLifetimeMs: 60 * DAY })
    const { enrollment } = await app.enroll(false)
    app.clock.advance(31 * DAY)
    await app.refused('certificates:enrollmentStatus', {
      companyId: app.companyId,
      enrollmentId: enrollment.id,
    })
    expect(await app.keyOf(enrollment.id)).toMatch(/PRIVATE KEY/)
    const listing = await app.forget(enrollment.id)
    expect(listing.rows.find((r) => r.id === enrollment.id)).toBeUndefined()
    expect(app.settings.read().enrollments).toEqual([])
    expect(await app.keyOf(enrollment.id)).toBeUndefined()
  })

  it('one never sent (the app ended before KSeF gave a reference number) goes with its key', async () => {
    const app = await loggedIn({ enrollmentDelayMs: 60_000 })
    const { enrollment } = await app.enroll(false)
    const document = app.settings.read()
    app.settings.write({
      ...document,
      enrollments: document.enrollments.map((e) => ({ ...e, referenceNumber: null })),
    })
    await app.forget(enrollment.id)
    expect(app.settings.read().enrollments).toEqual([])
    expect(await app.keyOf(enrollment.id)).toBeUndefined()
  })

  it('a retrieved one goes, its certificate stays', async () => {
    const app = await loggedIn()
    const { enrollment, certificate } = await app.enroll(true)
    const listing = await app.forget(enrollment.id)
    expect(app.settings.read().enrollments).toEqual([])
    expect(listing.rows.find((r) => r.id === certificate?.id)).toMatchObject({
      location: 'thisComputer',
      enrollment: null,
    })
  })

  it('one KSeF is still deciding is refused: its key is needed to pair the certificate', async () => {
    const app = await loggedIn({ enrollmentDelayMs: 60_000 })
    const { enrollment } = await app.enroll(false)
    const before = app.snapshot()
    expect(
      await app.refused('certificates:forgetEnrollment', {
        companyId: app.companyId,
        enrollmentId: enrollment.id,
      }),
    ).toEqual({
      code: 'CERT_ENROLLMENT_UNFINISHED',
      message:
        'KSeF is still deciding on this certificate request, and its private key, kept on this computer, is needed to pair the certificate: it cannot be removed. Check its status: once KSeF refuses it or no longer keeps it, it can be removed.',
      details: { statusCode: null, serialNumber: null },
    })
    expect(app.snapshot()).toEqual(before)
    expect(await app.keyOf(enrollment.id)).toMatch(/PRIVATE KEY/)
  })

  it('one issued but not retrieved is refused: retrieve it first', async () => {
    const app = await loggedIn({ enrollmentDelayMs: 60_000 })
    const { enrollment } = await app.enroll(false)
    app.clock.advance(60_000)
    await app.call('certificates:enrollmentStatus', {
      companyId: app.companyId,
      enrollmentId: enrollment.id,
    })
    const before = app.snapshot()
    expect(
      await app.refused('certificates:forgetEnrollment', {
        companyId: app.companyId,
        enrollmentId: enrollment.id,
      }),
    ).toMatchObject({
      code: 'CERT_ENROLLMENT_UNFINISHED',
      message:
        'KSeF issued this certificate and it waits for Pobierz certyfikat: its private key, kept on this computer, is needed to pair it, so the request cannot be removed. Retrieve the certificate first.',
      details: { statusCode: 200 },
    })
    expect(app.snapshot()).toEqual(before)
    expect(await app.keyOf(enrollment.id)).toMatch(/PRIVATE KEY/)
  })

  it('an unknown enrollment', async () => {
    const app = await loggedIn()
    expect(
      await app.refused('certificates:forgetEnrollment', {
        companyId: app.companyId,
        enrollmentId: '00000000-0000-4000-8000-000000000000',
      }),
    ).toMatchObject({ code: 'CERT_ENROLLMENT_NOT_FOUND' })
  })
})

describe('Domyślny', () => {
  it('refuses a certificate KSeF reports revoked, and the default stays', async () => {
    const app = await loggedIn()
    const { certificate } = await app.enroll(true)
    const revoked = certificate as CertificateSummary
    const before = app.ctx.credentials.defaultCertificate(app.companyId, 'Authentication')
    expect(before?.id).not.toBe(revoked.id)
    app.sim.seed.revokeCertificate(revoked.serialNumber)
    await app.call('certificates:listing', { companyId: app.companyId, fromKsef: true })
    const snapshot = app.snapshot()
    expect(
      await app.refused('certificates:setDefault', {
        companyId: app.companyId,
        certificateId: revoked.id,
      }),
    ).toEqual({
      code: 'CERT_REVOKED',
      message:
        'KSeF reports this certificate as Revoked: it cannot be used, so it cannot be the default. Request a new certificate or choose another default.',
      details: { ksefStatus: 'Revoked' },
    })
    expect(app.snapshot()).toEqual(snapshot)
  })
})
