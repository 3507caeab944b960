import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuthState } from '../../../shared/domain/auth'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import type {
  CertificateLimits,
  CertificateListing,
  EnrollmentResult,
  EnrollmentSummary,
  PublicKeyCertificates,
} from '../../../shared/domain/ksef-certificates'
import { explainKsefCode } from '../../../shared/ksef/codes'
import { certificateKeySecret } from '../../../electron/vault/secret-store'
import { enrollmentKeySecret } from '../../../electron/vault/enrollment-repository'
import { readCertificate } from '../../../electron/crypto/certificates'
import type { RunningSimulator } from '../../ksef-sim'
import { FakeClock, logInWithTestCertificate, memoryApp, nip, otherNip, simulator } from './harness'

// The life of a KSeF certificate through the handlers, against the simulator: public keys,
// limits, enrollment to the stored default, the reconciled list, revocation and renewal.

let clock: FakeClock
let sim: RunningSimulator
beforeEach(async () => {
  clock = new FakeClock()
  sim = await simulator(clock)
})
afterEach(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})

const sealOf = (identifier: string, name = 'Spółka Testowa') => ({
  commonName: name,
  countryName: 'PL',
  organizationName: name,
  organizationIdentifier: `VATPL-${identifier}`,
})

describe('Pobierz certyfikaty klucza publicznego', () => {
  it('summarises the MF keys of the environment, cached until asked again', async () => {
    const app = await memoryApp(sim, clock)
    sim.clearRequests()
    const keys = await app.call<PublicKeyCertificates>('certificates:publicKeys', {
      environment: 'Test',
    })
    expect(keys.environment).toBe('Test')
    expect(keys.certificates.map((c) => c.usage).sort()).toEqual([
      ['KsefTokenEncryption'],
      ['SymmetricKeyEncryption'],
    ])
    for (const seeded of sim.seed.publicKeyCertificates) {
      const read = readCertificate(seeded.certificatePem)
      expect(keys.certificates).toContainEqual({
        usage: [seeded.usage],
        validFrom: read.validFrom,
        validTo: read.validTo,
        fingerprintSha256: read.fingerprintSha256,
        publicKeyId: seeded.publicKeyId,
        subject: read.subject,
      })
    }
    await app.call('certificates:publicKeys', { environment: 'Test' })
    expect(sim.requests).toHaveLength(1)
    await sim.seed.rotatePublicKeys('KsefTokenEncryption')
    const refreshed = await app.call<PublicKeyCertificates>('certificates:publicKeys', {
      environment: 'Test',
      refresh: true,
    })
    expect(sim.requests).toHaveLength(2)
    expect(refreshed.certificates.map((c) => c.publicKeyId)).toContain(
      sim.seed.publicKeyCertificates.find((k) => k.usage === 'KsefTokenEncryption')?.publicKeyId,
    )
  })
})

describe('the whole life of a KSeF certificate', () => {
  it('limits → enroll EC Authentication → status → retrieve → default → logs in; Offline RSA', async () => {
    const app = await memoryApp(sim, clock)
    const companyId = app.company.id
    const testCertificate = await logInWithTestCertificate(app, companyId)

    expect(await app.call<CertificateLimits>('certificates:limits', { companyId })).toEqual({
      canRequest: true,
      enrollment: { limit: 300, remaining: 300 },
      certificate: { limit: 100, remaining: 100 },
    })

    const sent = await app.call<EnrollmentResult>('certificates:enroll', {
      companyId,
      draft: { name: 'Uwierzytelnienie biura', kind: 'Authentication' },
      wait: false,
    })
    expect(sent.certificate).toBeNull()
    expect(sent.enrollment).toMatchObject({
      companyId,
      environment: 'Test',
      name: 'Uwierzytelnienie biura',
      kind: 'Authentication',
      keyType: 'EC',
      referenceNumber: expect.stringMatching(/-EH-/) as unknown,
      status: null,
      serialNumber: null,
      certificateId: null,
      makeDefault: true,
    })
    expect(await app.secrets.get(enrollmentKeySecret(companyId, sent.enrollment.id))).toMatch(
      /BEGIN PRIVATE KEY/,
    )
    expect(app.steps().map((p) => p.step)).toEqual([
      'limits',
      'enrollmentData',
      'generatingKey',
      'sending',
    ])

    const status = await app.call<EnrollmentSummary>('certificates:enrollmentStatus', {
      companyId,
      enrollmentId: sent.enrollment.id,
    })
    expect(status.status?.code).toBe(200)
    expect(status.serialNumber).toMatch(/^[0-9A-F]{16}$/)

    const changesBefore = app.changes()
    const retrieved = await app.call<EnrollmentResult>('certificates:retrieve', {
      companyId,
      enrollmentId: sent.enrollment.id,
    })
    expect(app.changes()).toBeGreaterThan(changesBefore)
    const enrolled = retrieved.certificate as CertificateSummary
    expect(enrolled).toMatchObject({
      name: 'Uwierzytelnienie biura',
      kind: 'Authentication',
      serialNumber: status.serialNumber,
      origin: 'enrolled',
      issuerKind: 'ksef',
      keyAlgorithm: 'EC P-256',
      subjectIdentifier: { type: 'Nip', value: nip },
      isDefault: true,
    })
    expect(retrieved.enrollment.certificateId).toBe(enrolled.id)
    // The key moved from the enrollment to the certificate.
    expect(
      await app.secrets.get(enrollmentKeySecret(companyId, sent.enrollment.id)),
    ).toBeUndefined()
    expect(await app.secrets.get(certificateKeySecret(companyId, enrolled.id))).toMatch(
      /BEGIN PRIVATE KEY/,
    )
    expect(app.ctx.credentials.certificate(companyId, testCertificate.id)?.isDefault).toBe(false)
    expect(app.steps().at(-1)).toMatchObject({ step: 'done', enrollmentId: sent.enrollment.id })
    // A second retrieve gives the same certificate and stores nothing more.
    expect(
      (
        await app.call<EnrollmentResult>('certificates:retrieve', {
          companyId,
          enrollmentId: sent.enrollment.id,
        })
      ).certificate?.id,
    ).toBe(enrolled.id)
    expect(app.ctx.credentials.certificates(companyId)).toHaveLength(2)

    await app.call('auth:logout', { companyId })
    sim.clearRequests()
    const state = await app.call<AuthState>('auth:loginWithCertificate', { companyId })
    expect(state.session?.method).toBe('certificate')
    const signed = sim.requests.find((r) => r.operation === 'POST /auth/xades-signature')
    expect(signed?.requestBody).toContain(
      readCertificate(await app.ctx.certificateFiles.read(enrolled.id))
        .der.toString('base64')
        .slice(0, 64),
    )
    const listing = await app.call<CertificateListing>('certificates:listing', {
      companyId,
      fromKsef: true,
    })
    expect(listing.rows.find((r) => r.id === enrolled.id)).toMatchObject({
      location: 'thisComputer',
      ksefStatus: 'Active',
      isDefault: true,
      lastUseDate: new Date(clock.now()).toISOString(),
    })

    const offline = await app.call<EnrollmentResult>('certificates:enroll', {
      companyId,
      draft: { name: 'Podpis linku offline', kind: 'Offline', keyType: 'RSA' },
    })
    expect(offline.enrollment.status?.code).toBe(200)
    expect(offline.certificate).toMatchObject({
      kind: 'Offline',
      keyAlgorithm: 'RSA 2048',
      origin: 'enrolled',
      isDefault: true,
    })
    expect(app.ctx.credentials.defaultCertificate(companyId, 'Authentication')?.id).toBe(
      enrolled.id,
    )
    expect(
      app
        .steps()
        .filter((p) => p.enrollmentId === offline.enrollment.id)
        .map((p) => p.step),
    ).toEqual([
      'limits',
      'enrollmentData',
      'generatingKey',
      'sending',
      'waiting',
      'retrieving',
      'done',
    ])
  })

  it('keeps a later "ważny od" and does not make a certificate the default when not asked', async () => {
    const app = await memoryApp(sim, clock)
    const companyId = app.company.id
    await logInWithTestCertificate(app, companyId)
    const from = new Date(clock.now() + 7 * 86_400_000).toISOString()
    const result = await app.call<EnrollmentResult>('certificates:enroll', {
      companyId,
      draft: {
        name: 'Od przyszłego tygodnia',
        kind: 'Authentication',
        validFrom: from,
        makeDefault: false,
      },
    })
    expect(result.enrollment.validFrom).toBe(from)
    expect(result.certificate).toMatchObject({ validFrom: from, isDefault: false })
  })
})

describe('a removed company', () => {
  it('takes its enrollments and their waiting keys with it', async () => {
    const slow = await simulator(clock, { enrollmentDelayMs: 60_000 })
    try {
      const app = await memoryApp(slow, clock)
      const companyId = app.company.id
      await logInWithTestCertificate(app, companyId)
      const { enrollment } = await app.call<EnrollmentResult>('certificates:enroll', {
        companyId,
        draft: { name: 'Niedokończony wniosek', kind: 'Authentication' },
        wait: false,
      })
      await app.call('companies:remove', { id: companyId })
      expect(app.settings.read().enrollments).toEqual([])
      expect(await app.secrets.get(enrollmentKeySecret(companyId, enrollment.id))).toBeUndefined()
    } finally {
      await slow.close()
    }
  })
})

describe('the list of the company, reconciled with KSeF', () => {
  it('shows a certificate enrolled elsewhere as only in KSeF, and enrollments waiting', async () => {
    const app = await memoryApp(sim, clock)
    const companyId = app.company.id
    const testCertificate = await logInWithTestCertificate(app, companyId)
    const elsewhere = await sim.seed.issueCertificate({
      subject: sealOf(nip),
      name: 'Certyfikat z innego programu',
      type: 'Offline',
    })

    const local = await app.call<CertificateListing>('certificates:listing', { companyId })
    expect(local.ksefCheckedAt).toBeNull()
    expect(local.rows.map((r) => [r.id, r.location])).toEqual([
      [testCertificate.id, 'thisComputer'],
    ])

    const listing = await app.call<CertificateListing>('certificates:listing', {
      companyId,
      fromKsef: true,
    })
    expect(listing.ksefCheckedAt).toBe(new Date(clock.now()).toISOString())
    expect(listing.rows).toContainEqual({
      id: `ksef:${elsewhere.serialNumber}`,
      location: 'ksefOnly',
      name: 'Certyfikat z innego programu',
      kind: 'Offline',
      serialNumber: elsewhere.serialNumber,
      validFrom: new Date(clock.now()).toISOString(),
      validTo: expect.stringMatching(/^2028-11-21T/) as unknown,
      ksefStatus: 'Active',
      lastUseDate: null,
      isDefault: false,
      certificate: null,
      enrollment: null,
    })
    // A self-signed certificate is not KSeF's: KSeF says nothing of it.
    expect(listing.rows.find((r) => r.id === testCertificate.id)).toMatchObject({
      location: 'thisComputer',
      ksefStatus: null,
    })
  })

  it('reads every page of KSeF’s list', async () => {
    const app = await memoryApp(sim, clock)
    const companyId = app.company.id
    await logInWithTestCertificate(app, companyId)
    for (let i = 0; i < 53; i++) {
      await sim.seed.issueCertificate({ subject: sealOf(nip), name: `Certyfikat ${i}` })
    }
    sim.clearRequests()
    const listing = await app.call<CertificateListing>('certificates:listing', {
      companyId,
      fromKsef: true,
    })
    expect(listing.rows.filter((r) => r.location === 'ksefOnly')).toHaveLength(53)
    expect(sim.requests.map((r) => r.query)).toEqual([
      expect.objectContaining({ pageSize: '50', pageOffset: '0' }),
      expect.objectContaining({ pageSize: '50', pageOffset: '1' }),
    ])
  })

  it('hands a default KSeF reports revoked on to one of the same subject only, and says so', async () => {
    const app = await memoryApp(sim, clock)
    const companyId = app.company.id
    await logInWithTestCertificate(app, companyId)
    const older = await importIssued(app, companyId, sealOf(nip), 'Starszy certyfikat')
    const foreign = await importIssued(app, companyId, sealOf(otherNip), 'Certyfikat innego NIP')
    const current = await importIssued(app, companyId, sealOf(nip), 'Obecny certyfikat')
    await app.call('certificates:setDefault', { companyId, certificateId: current.id })
    // The test certificate named the same NIP: it goes, so the only heir of the NIP is `older`.
    const testCertificate = app.ctx.credentials
      .certificates(companyId)
      .find((c) => c.origin === 'testCertificate')
    await app.call('certificates:remove', { companyId, certificateId: testCertificate?.id })
    sim.seed.revokeCertificate(current.serialNumber, 'KeyCompromise')

    const listing = await app.call<CertificateListing>('certificates:listing', {
      companyId,
      fromKsef: true,
    })
    expect(listing.notices).toEqual([
      {
        kind: 'defaultPassedOn',
        certificateKind: 'Authentication',
        fromCertificateId: current.id,
        fromName: 'Obecny certyfikat',
        toCertificateId: older.id,
        toName: 'Starszy certyfikat',
      },
    ])
    expect(listing.rows.find((r) => r.id === current.id)).toMatchObject({
      location: 'thisComputerUnusable',
      ksefStatus: 'Revoked',
      isDefault: false,
    })
    expect(app.ctx.credentials.certificate(companyId, current.id)?.ksefCheckedAt).toBe(
      listing.ksefCheckedAt,
    )
    expect(app.ctx.credentials.defaultCertificate(companyId, 'Authentication')?.id).toBe(older.id)
    expect(app.ctx.credentials.certificate(companyId, foreign.id)?.isDefault).toBe(false)

    // The last one of the NIP goes too: the foreign one never inherits; the default stays, flagged.
    sim.seed.revokeCertificate(older.serialNumber)
    const after = await app.call<CertificateListing>('certificates:listing', {
      companyId,
      fromKsef: true,
    })
    expect(after.notices).toEqual([
      {
        kind: 'defaultLost',
        certificateKind: 'Authentication',
        fromCertificateId: older.id,
        fromName: 'Starszy certyfikat',
        toCertificateId: null,
        toName: null,
      },
    ])
    expect(app.ctx.credentials.defaultCertificate(companyId, 'Authentication')?.id).toBe(older.id)
    // A later listing has nothing new to say.
    expect(
      (await app.call<CertificateListing>('certificates:listing', { companyId, fromKsef: true }))
        .notices,
    ).toEqual([])
  })

  it('needs a session to read KSeF’s list, not to show this computer’s', async () => {
    const app = await memoryApp(sim, clock)
    const companyId = app.company.id
    expect(await app.refused('certificates:listing', { companyId, fromKsef: true })).toMatchObject({
      code: 'AUTH_NOT_LOGGED_IN',
    })
    expect(await app.refused('certificates:limits', { companyId })).toMatchObject({
      code: 'AUTH_NOT_LOGGED_IN',
    })
    expect(
      (await app.call<CertificateListing>('certificates:listing', { companyId })).rows,
    ).toEqual([])
  })
})

describe('Unieważnij and Odnów', () => {
  it('revokes with a reason: Revoked here, the default passed on, and the certificate no longer logs in', async () => {
    const app = await memoryApp(sim, clock)
    const companyId = app.company.id
    const testCertificate = await logInWithTestCertificate(app, companyId)
    const { certificate } = await app.call<EnrollmentResult>('certificates:enroll', {
      companyId,
      draft: { name: 'Do unieważnienia', kind: 'Authentication' },
    })
    const enrolled = certificate as CertificateSummary
    const changes = app.changes()

    const listing = await app.call<CertificateListing>('certificates:revoke', {
      companyId,
      serialNumber: enrolled.serialNumber,
      reason: 'KeyCompromise',
    })
    expect(app.changes()).toBeGreaterThan(changes)
    const revoke = sim.requests.find((r) => r.operation?.endsWith('/revoke'))
    expect(JSON.parse(revoke?.requestBody ?? '{}')).toEqual({ revocationReason: 'KeyCompromise' })
    expect(listing.rows.find((r) => r.id === enrolled.id)).toMatchObject({
      location: 'thisComputerUnusable',
      ksefStatus: 'Revoked',
      isDefault: false,
    })
    expect(listing.notices).toEqual([
      expect.objectContaining({
        kind: 'defaultPassedOn',
        fromCertificateId: enrolled.id,
        toCertificateId: testCertificate.id,
      }),
    ])
    expect(app.ctx.credentials.defaultCertificate(companyId, 'Authentication')?.id).toBe(
      testCertificate.id,
    )

    // Made the default by hand, it is refused at login: by the app once it knows, else by KSeF.
    app.ctx.credentials.setDefaultCertificate(companyId, enrolled.id)
    const refusal = await app.refused('auth:loginWithCertificate', { companyId })
    if (refusal.code === 'KSEF_AUTH_FAILED') {
      expect(refusal.details).toMatchObject({ ksefCodeKind: 'authStatus', ksefCode: 460 })
      expect(explainKsefCode('authStatus', 460).en.title).not.toMatch(/KSeF code/)
    } else {
      expect(refusal.code).toBe('CERT_REVOKED')
    }
  })

  it('renews: same name and type, the default once retrieved, naming the one it succeeds', async () => {
    const app = await memoryApp(sim, clock)
    const companyId = app.company.id
    await logInWithTestCertificate(app, companyId)
    const first = (
      await app.call<EnrollmentResult>('certificates:enroll', {
        companyId,
        draft: { name: 'Pieczęć biura', kind: 'Offline', keyType: 'RSA', makeDefault: false },
      })
    ).certificate as CertificateSummary

    const renewal = await app.call<EnrollmentResult>('certificates:renew', {
      companyId,
      certificateId: first.id,
    })
    expect(renewal.enrollment).toMatchObject({
      name: 'Pieczęć biura',
      kind: 'Offline',
      keyType: 'RSA',
      renews: first.id,
      makeDefault: true,
    })
    expect(renewal.certificate).toMatchObject({
      name: 'Pieczęć biura',
      kind: 'Offline',
      isDefault: true,
    })
    expect(renewal.certificate?.serialNumber).not.toBe(first.serialNumber)

    // The offer that follows: revoke the old one as Superseded.
    const listing = await app.call<CertificateListing>('certificates:revoke', {
      companyId,
      serialNumber: first.serialNumber,
      reason: 'Superseded',
    })
    expect(listing.rows.find((r) => r.id === first.id)?.ksefStatus).toBe('Revoked')
    expect(listing.notices).toEqual([])
    expect(listing.rows.find((r) => r.id === renewal.certificate?.id)?.isDefault).toBe(true)
  })

  it('renews only what KSeF issued', async () => {
    const app = await memoryApp(sim, clock)
    const companyId = app.company.id
    const testCertificate = await logInWithTestCertificate(app, companyId)
    sim.clearRequests()
    expect(
      await app.refused('certificates:renew', { companyId, certificateId: testCertificate.id }),
    ).toMatchObject({ code: 'CERT_RENEW_NOT_KSEF' })
    expect(sim.requests).toEqual([])
  })
})

async function importIssued(
  app: Awaited<ReturnType<typeof memoryApp>>,
  companyId: string,
  subject: ReturnType<typeof sealOf>,
  name: string,
): Promise<CertificateSummary> {
  const issued = await sim.seed.issueCertificate({ subject, name })
  const stored = await app.call<CertificateSummary>('certificates:import', {
    companyId,
    files: {
      certificate: { name: 'c.crt', base64: Buffer.from(issued.certificatePem).toString('base64') },
      privateKey: { name: 'c.key', base64: Buffer.from(issued.privateKeyPem).toString('base64') },
    },
    password: '',
    allowOtherSubject: true,
  })
  // Imported under its CN; named here as KSeF names it, so the assertions read plainly.
  const document = app.settings.read()
  app.settings.write({
    ...document,
    certificates: document.certificates.map((c) => (c.id === stored.id ? { ...c, name } : c)),
  })
  // Each a moment later than the one before, so "newest" has one answer.
  clock.advance(1000)
  return { ...stored, name }
}
