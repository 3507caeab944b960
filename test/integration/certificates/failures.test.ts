import { afterEach, describe, expect, it } from 'vitest'
import { createCsr } from '../../../electron/crypto/csr'
import { createKsefClient } from '../../../electron/ksef/client'
import { enrollmentKeySecret } from '../../../electron/vault/enrollment-repository'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import type {
  CertificateListing,
  EnrollmentResult,
  EnrollmentSummary,
} from '../../../shared/domain/ksef-certificates'
import { explainKsefCode } from '../../../shared/ksef/codes'
import type { RunningSimulator, SimulatorOptions } from '../../ksef-sim'
import { FakeClock, logInWithTestCertificate, memoryApp, nip, otherNip, simulator } from './harness'

// Each way a certificate action is refused: the exact code (and the message the UI shows), and
// nothing stored or changed — on this computer or in KSeF.

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
  sim.clearRequests()
  const snapshot = () => {
    const { certificates, enrollments } = app.settings.read()
    return { certificates, enrollments }
  }
  return { ...app, sim, clock, companyId, snapshot }
}

const draft = (name = 'Uwierzytelnienie biura') => ({ name, kind: 'Authentication' as const })

const certificateCalls = (s: RunningSimulator) =>
  s.requests.filter((r) => r.path.startsWith('/v2/certificates')).map((r) => r.operation)

describe('Wniosek o certyfikat refused before anything is sent', () => {
  it.each([
    [
      'too short',
      'Abcd',
      'CERT_NAME_TOO_SHORT',
      'The certificate name has 4 characters; KSeF wants at least 5.',
    ],
    [
      'too long',
      'a'.repeat(101),
      'CERT_NAME_TOO_LONG',
      'The certificate name has 101 characters; KSeF takes at most 100 (the MF web app 50).',
    ],
    [
      'with a dot',
      'Biuro Sp. z o.o.',
      'CERT_NAME_CHARACTERS',
      'A certificate name may not hold a dot (.): only letters (Polish too), digits, spaces, - and _.',
    ],
    [
      'with a slash and a dot',
      'Biuro/1.0',
      'CERT_NAME_CHARACTERS',
      'A certificate name may not hold "/", a dot (.): only letters (Polish too), digits, spaces, - and _.',
    ],
  ])('a name %s', async (_, name, code, message) => {
    const app = await loggedIn()
    const before = app.snapshot()
    expect(
      await app.refused('certificates:enroll', { companyId: app.companyId, draft: draft(name) }),
    ).toMatchObject({ code, message })
    expect(app.sim.requests).toEqual([])
    expect(app.snapshot()).toEqual(before)
  })

  it('with no session', async () => {
    const clock = new FakeClock()
    sim = await simulator(clock)
    const app = await memoryApp(sim, clock)
    sim.clearRequests()
    expect(
      await app.refused('certificates:enroll', { companyId: app.company.id, draft: draft() }),
    ).toMatchObject({ code: 'AUTH_NOT_LOGGED_IN' })
    expect(sim.requests).toEqual([])
    expect(app.settings.read().enrollments).toEqual([])
  })

  it('with a token session: said before sending; KSeF answers 25002 when sent anyway', async () => {
    const clock = new FakeClock()
    sim = await simulator(clock)
    const app = await memoryApp(sim, clock)
    const companyId = app.company.id
    const { token } = sim.seed.createToken({
      context: { type: 'Nip', value: nip },
      permissions: ['CredentialsManage'],
    })
    await app.call('tokens:add', { companyId, token })
    await app.call('auth:loginWithToken', { companyId })
    sim.clearRequests()
    const refusal = await app.refused('certificates:enroll', { companyId, draft: draft() })
    expect(refusal).toMatchObject({
      code: 'CERT_ENROLL_NEEDS_SIGNATURE',
      details: { loginMethod: 'token' },
    })
    expect(sim.requests).toEqual([])
    expect(app.settings.read().enrollments).toEqual([])
    expect(
      await app.refused('certificates:revoke', { companyId, serialNumber: '0123456789ABCDEF' }),
    ).toMatchObject({ code: 'CERT_REVOKE_NEEDS_SIGNATURE' })
    expect(sim.requests).toEqual([])

    // Sent anyway (a client that does not ask first), KSeF itself refuses the token session.
    const session = sim.seed.openSession({ context: { type: 'Nip', value: nip }, via: 'token' })
    const request = await createCsr({ commonName: 'Spółka Testowa', countryName: 'PL' })
    const sent = createKsefClient({ baseUrl: sim.url }).certificates.enrollCertificate(
      session.accessToken,
      {
        certificateName: 'Uwierzytelnienie biura',
        certificateType: 'Authentication',
        csr: request.csrBase64,
      },
    )
    await expect(sent).rejects.toMatchObject({
      code: 'KSEF_ERROR',
      details: { ksefCodeKind: 'exception', ksefCode: 25002 },
    })
    expect(explainKsefCode('exception', 25002).en.fix).toMatch(/certificate or a signed/)
  })

  it.each([
    [{ enrollment: 0 }, 'CERT_ENROLLMENT_LIMIT_REACHED', /used all 0 certificate enrollments/],
    [{ certificate: 0 }, 'CERT_ACTIVE_LIMIT_REACHED', /holds the 0 active certificates/],
  ])('with the limits used up (%o)', async (limits, code, message) => {
    const app = await loggedIn()
    app.sim.seed.setSubjectLimits({ type: 'Nip', value: nip }, limits)
    const before = app.snapshot()
    const refusal = await app.refused('certificates:enroll', {
      companyId: app.companyId,
      draft: draft(),
    })
    expect(refusal.code).toBe(code)
    expect(refusal.message).toMatch(message)
    expect(certificateCalls(app.sim)).toEqual(['GET /certificates/limits'])
    expect(app.snapshot()).toEqual(before)
    expect(app.steps().map((p) => p.step)).toEqual(['limits', 'failed'])
  })
})

describe('an enrollment KSeF ends without a certificate', () => {
  it.each([
    [400, ['Klucz publiczny został już certyfikowany przez inny podmiot.']],
    [550, []],
  ])(
    'status %i: explained, its key deleted, the record keeps the status',
    async (status, details) => {
      const app = await loggedIn()
      app.sim.seed.endNextEnrollment(status as 400 | 550)
      const refusal = await app.refused('certificates:enroll', {
        companyId: app.companyId,
        draft: draft(),
      })
      expect(refusal).toMatchObject({
        code: 'CERT_ENROLLMENT_REJECTED',
        details: { ksefCodeKind: 'enrollmentStatus', ksefCode: status, ksefDetails: details },
      })
      expect(explainKsefCode('enrollmentStatus', status).pl.fix.length).toBeGreaterThan(5)
      const [enrollment] = app.settings.read().enrollments
      expect(enrollment).toMatchObject({ status: { code: status }, certificateId: null })
      expect(
        await app.secrets.get(enrollmentKeySecret(app.companyId, enrollment?.id ?? '')),
      ).toBeUndefined()
      expect(app.settings.read().certificates).toHaveLength(1)
      expect(app.steps().at(-1)).toMatchObject({ step: 'failed', statusCode: status })

      // Asked again, the record says the same and nothing is retrieved.
      const id = enrollment?.id ?? ''
      expect(
        (
          await app.call<EnrollmentSummary>('certificates:enrollmentStatus', {
            companyId: app.companyId,
            enrollmentId: id,
          })
        ).status?.code,
      ).toBe(status)
      expect(
        await app.refused('certificates:retrieve', { companyId: app.companyId, enrollmentId: id }),
      ).toMatchObject({ code: 'CERT_ENROLLMENT_REJECTED' })
      const listing = await app.call<CertificateListing>('certificates:listing', {
        companyId: app.companyId,
      })
      expect(listing.rows.find((r) => r.id === id)).toMatchObject({ location: 'enrollment' })
    },
  )

  it('status 410: KSeF no longer keeps it; the record learns so, and nothing else changes', async () => {
    const app = await loggedIn({ enrollmentDelayMs: 60_000, refreshTokenLifetimeMs: 60 * DAY })
    const { enrollment } = await app.call<EnrollmentResult>('certificates:enroll', {
      companyId: app.companyId,
      draft: draft(),
      wait: false,
    })
    app.clock.advance(31 * DAY)
    const before = app.snapshot()
    expect(
      await app.refused('certificates:enrollmentStatus', {
        companyId: app.companyId,
        enrollmentId: enrollment.id,
      }),
    ).toMatchObject({
      code: 'CERT_ENROLLMENT_GONE',
      details: { httpStatus: 410, ksefCodeKind: 'http', ksefCode: 410 },
    })
    expect(explainKsefCode('http', 410).en.explanation).toMatch(/enrollments 30 days/)
    // Marked gone, so it can be removed (certificates:forgetEnrollment); its key stays till then.
    const goneAt = new Date(app.clock.now()).toISOString()
    expect(app.snapshot()).toEqual({
      ...before,
      enrollments: before.enrollments.map((e) => ({ ...e, goneAt })),
    })
    expect(await app.secrets.get(enrollmentKeySecret(app.companyId, enrollment.id))).toMatch(
      /PRIVATE KEY/,
    )
  })

  it('retrieve before a serial number exists', async () => {
    const app = await loggedIn({ enrollmentDelayMs: 60_000 })
    const { enrollment } = await app.call<EnrollmentResult>('certificates:enroll', {
      companyId: app.companyId,
      draft: draft(),
      wait: false,
    })
    const refusal = await app.refused('certificates:retrieve', {
      companyId: app.companyId,
      enrollmentId: enrollment.id,
    })
    expect(refusal).toMatchObject({
      code: 'CERT_ENROLLMENT_PENDING',
      message:
        'KSeF has not issued this certificate yet: there is no serial number to retrieve. Check its status in a moment.',
      details: { statusCode: 100 },
    })
    expect(certificateCalls(app.sim)).not.toContain('POST /certificates/retrieve')
    expect(app.settings.read().certificates).toHaveLength(1)
    expect(await app.secrets.get(enrollmentKeySecret(app.companyId, enrollment.id))).toMatch(
      /PRIVATE KEY/,
    )
  })

  it('not decided within the wait: returned pending, its key kept for Sprawdź status', async () => {
    const app = await loggedIn({ enrollmentDelayMs: 60 * 60_000 })
    const result = await app.call<EnrollmentResult>('certificates:enroll', {
      companyId: app.companyId,
      draft: draft(),
    })
    expect(result.certificate).toBeNull()
    expect(result.enrollment).toMatchObject({ status: { code: 100 }, serialNumber: null })
    expect(await app.secrets.get(enrollmentKeySecret(app.companyId, result.enrollment.id))).toMatch(
      /PRIVATE KEY/,
    )
    expect(app.steps().at(-1)).toMatchObject({ step: 'waiting', statusCode: 100 })
  })

  it('checked twice at once: the second is told the first is under way', async () => {
    const app = await loggedIn({ enrollmentDelayMs: 60_000 })
    const { enrollment } = await app.call<EnrollmentResult>('certificates:enroll', {
      companyId: app.companyId,
      draft: draft(),
      wait: false,
    })
    const input = { companyId: app.companyId, enrollmentId: enrollment.id }
    const [first, second] = await Promise.allSettled([
      app.call('certificates:enrollmentStatus', input),
      app.refused('certificates:retrieve', input),
    ])
    expect(first.status).toBe('fulfilled')
    expect(second).toMatchObject({ value: { code: 'CERT_ENROLLMENT_IN_PROGRESS' } })
  })

  it('an unknown enrollment', async () => {
    const app = await loggedIn()
    expect(
      await app.refused('certificates:retrieve', {
        companyId: app.companyId,
        enrollmentId: '00000000-0000-4000-8000-000000000000',
      }),
    ).toMatchObject({ code: 'CERT_ENROLLMENT_NOT_FOUND' })
  })
})

describe('429 while polling', () => {
  it('waits as KSeF asks and shows the wait, then carries on', async () => {
    const app = await loggedIn()
    app.sim.faults.rateLimitNext(2, 3, /^GET \/certificates\/enrollments\/.+-EH-/)
    const result = await app.call<EnrollmentResult>('certificates:enroll', {
      companyId: app.companyId,
      draft: draft(),
    })
    expect(result.certificate).not.toBeNull()
    const waits = app.steps().filter((p) => p.step === 'rateLimited')
    expect(waits).toEqual([
      {
        companyId: app.companyId,
        enrollmentId: result.enrollment.id,
        step: 'rateLimited',
        waitSeconds: 3,
      },
      {
        companyId: app.companyId,
        enrollmentId: result.enrollment.id,
        step: 'rateLimited',
        waitSeconds: 3,
      },
    ])
    expect(app.sim.requests.filter((r) => r.status === 429)).toHaveLength(2)
  })
})

describe('Unieważnij refused', () => {
  it('twice: KSeF’s 25009, explained, and nothing changes', async () => {
    const app = await loggedIn()
    const { certificate } = await app.call<EnrollmentResult>('certificates:enroll', {
      companyId: app.companyId,
      draft: draft(),
    })
    const serialNumber = (certificate as CertificateSummary).serialNumber
    await app.call('certificates:revoke', { companyId: app.companyId, serialNumber })
    const before = app.snapshot()
    expect(
      await app.refused('certificates:revoke', { companyId: app.companyId, serialNumber }),
    ).toMatchObject({ code: 'KSEF_ERROR', details: { ksefCodeKind: 'exception', ksefCode: 25009 } })
    expect(explainKsefCode('exception', 25009).en.explanation).toMatch(/already revoked/)
    expect(app.snapshot()).toEqual(before)
  })

  it('of another subject’s certificate: stored here, said so; not stored, KSeF’s 25008 explained', async () => {
    const app = await loggedIn()
    const foreign = await app.sim.seed.issueCertificate({
      subject: {
        commonName: 'Inna Spółka',
        countryName: 'PL',
        organizationName: 'Inna Spółka',
        organizationIdentifier: `VATPL-${otherNip}`,
      },
    })
    const stored = await app.call<CertificateSummary>('certificates:import', {
      companyId: app.companyId,
      files: {
        certificate: {
          name: 'c.crt',
          base64: Buffer.from(foreign.certificatePem).toString('base64'),
        },
        privateKey: {
          name: 'c.key',
          base64: Buffer.from(foreign.privateKeyPem).toString('base64'),
        },
      },
      password: '',
      allowOtherSubject: true,
    })
    const before = app.snapshot()
    expect(
      await app.refused('certificates:revoke', {
        companyId: app.companyId,
        serialNumber: stored.serialNumber,
      }),
    ).toMatchObject({
      code: 'CERT_REVOKE_OTHER_SUBJECT',
      message: `Certificate ${stored.serialNumber} was issued to Nip ${otherNip}, not to the subject logged in: only its owner can revoke it.`,
      details: { ksefCode: 25008 },
    })
    expect(app.snapshot()).toEqual(before)

    const elsewhere = await app.sim.seed.issueCertificate({
      subject: {
        commonName: 'Ktoś Inny',
        countryName: 'PL',
        organizationName: 'Ktoś Inny',
        organizationIdentifier: `VATPL-${otherNip}`,
      },
    })
    expect(
      await app.refused('certificates:revoke', {
        companyId: app.companyId,
        serialNumber: elsewhere.serialNumber,
      }),
    ).toMatchObject({ code: 'KSEF_ERROR', details: { ksefCode: 25008 } })
    expect(explainKsefCode('exception', 25008).en.explanation).toMatch(/another subject/)
    expect(app.snapshot()).toEqual(before)
  })
})
