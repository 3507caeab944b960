import { X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSimulator } from '../../ksef-sim'
import type { RunningSimulator } from '../../ksef-sim'
import type { KeyAndCertificate } from '../../support/external-tools'
import { Workspace, opensslCsr, runTool, selfSignedCertificate } from '../../support/external-tools'
import type { Session } from './flows'
import {
  NIP,
  awaitAuthStatus,
  expectNoViolations,
  redeemSession,
  submitKsefToken,
  submitSignature,
} from './flows'
import type { SimReply } from './sim-http'
import { call, exceptionCode, exceptionDetails, field, text } from './sim-http'

let offset = 0
let sim: RunningSimulator
let ws: Workspace
let signer: KeyAndCertificate
let session: Session
let subjectArg: string

const DAY = 24 * 3600_000

beforeAll(async () => {
  sim = await startSimulator({
    authStatusDelayMs: 0,
    enrollmentDelayMs: 1000,
    revocationDelayMs: 60_000,
    clock: { now: () => Date.now() + offset },
    limits: false,
  })
  ws = await Workspace.create()
  // A TEST-style self-signed certificate with the old "NIP-" prefix, which KSeF normalises.
  signer = await selfSignedCertificate(
    ws,
    `/GN=Jan/SN=Kowalski/serialNumber=NIP-${NIP}/CN=Jan Kowalski/C=PL`,
  )
  session = await redeemSession(sim, await submitSignature(sim, ws, signer, { nip: NIP }))
  const data = await call(sim, 'GET', '/certificates/enrollments/data', {
    bearer: session.accessToken,
  })
  subjectArg = opensslSubject(data.body as Record<string, string>)
})

afterAll(async () => {
  expectNoViolations(sim)
  await sim.close()
  await ws.dispose()
})

/** The CSR subject the way a careful client builds it: exactly the enrollment data. */
function opensslSubject(data: Record<string, string>): string {
  const parts: [string, string | undefined][] = [
    ['CN', data.commonName],
    ['SN', data.surname],
    ['GN', data.givenName],
    ['O', data.organizationName],
    ['organizationIdentifier', data.organizationIdentifier],
    ['C', data.countryName],
    ['serialNumber', data.serialNumber],
  ]
  return parts
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `/${key}=${value ?? ''}`)
    .join('')
}

async function enroll(
  csrBase64: string,
  type = 'Authentication',
  name = 'Certyfikat testowy',
  bearer = session.accessToken,
): Promise<SimReply> {
  return call(sim, 'POST', '/certificates/enrollments', {
    bearer,
    json: { certificateName: name, certificateType: type, csr: csrBase64 },
  })
}

async function awaitEnrollment(reply: SimReply): Promise<unknown> {
  expect(reply.status, reply.text).toBe(202)
  const reference = text(reply.body, 'referenceNumber')
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const status = await call(sim, 'GET', `/certificates/enrollments/${reference}`, {
      bearer: session.accessToken,
    })
    expect(status.status).toBe(200)
    if (field(status.body, 'status', 'code') !== 100) return status.body
    offset += 1000
  }
  throw new Error('enrollment stayed at 100')
}

async function retrieve(serial: string): Promise<{ pem: string; body: unknown }> {
  const reply = await call(sim, 'POST', '/certificates/retrieve', {
    bearer: session.accessToken,
    json: { certificateSerialNumbers: [serial] },
  })
  expect(reply.status).toBe(200)
  const der = Buffer.from(text(reply.body, 'certificates', 0, 'certificate'), 'base64')
  return { pem: new X509Certificate(der).toString(), body: field(reply.body, 'certificates', 0) }
}

describe('limits and enrollment data', () => {
  test('GET /certificates/limits for a NIP subject: 300 enrollments, 100 certificates', async () => {
    const reply = await call(sim, 'GET', '/certificates/limits', { bearer: session.accessToken })
    expect(reply.body).toEqual({
      canRequest: true,
      enrollment: { limit: 300, remaining: 300 },
      certificate: { limit: 100, remaining: 100 },
    })
  })

  test('GET /certificates/enrollments/data copies the signing certificate, NIP- normalised to TINPL-', async () => {
    const reply = await call(sim, 'GET', '/certificates/enrollments/data', {
      bearer: session.accessToken,
    })
    expect(reply.body).toEqual({
      commonName: 'Jan Kowalski',
      countryName: 'PL',
      givenName: 'Jan',
      surname: 'Kowalski',
      serialNumber: `TINPL-${NIP}`,
    })
  })

  test('a KSeF-token session gets no enrollment data (25001) and cannot enroll (25002)', async () => {
    const { token } = sim.seed.createToken({
      context: { type: 'Nip', value: NIP },
      permissions: ['InvoiceRead'],
    })
    const tokenSession = await redeemSession(
      sim,
      await submitKsefToken(sim, ws, token, { type: 'Nip', value: NIP }),
    )
    const data = await call(sim, 'GET', '/certificates/enrollments/data', {
      bearer: tokenSession.accessToken,
    })
    expect(exceptionCode(data)).toBe(25001)
    const csr = await opensslCsr(ws, subjectArg)
    expect(
      exceptionCode(
        await enroll(csr.csrBase64, 'Authentication', 'Z tokena', tokenSession.accessToken),
      ),
    ).toBe(25002)
    const limits = await call(sim, 'GET', '/certificates/limits', {
      bearer: tokenSession.accessToken,
    })
    expect(field(limits.body, 'canRequest')).toBe(false)
    const revoke = await call(sim, 'POST', '/certificates/0123456789ABCDEF/revoke', {
      bearer: tokenSession.accessToken,
      json: {},
    })
    expect(revoke.status).toBe(403)
    expect(field(revoke.body, 'reasonCode')).toBe('auth-method-not-allowed')
  })
})

describe('enrollment → issued certificate (CSRs by openssl req)', () => {
  test('EC P-256 Authentication: 100, then 200 with a 16-hex serial; openssl verifies it against the CA', async () => {
    const csr = await opensslCsr(ws, subjectArg, { key: 'ec' })
    const reply = await enroll(csr.csrBase64, 'Authentication', 'Logowanie EC')
    expect(text(reply.body, 'referenceNumber')).toMatch(/^\d{8}-EH-/)
    const first = await call(
      sim,
      'GET',
      `/certificates/enrollments/${text(reply.body, 'referenceNumber')}`,
      { bearer: session.accessToken },
    )
    expect(field(first.body, 'status')).toEqual({
      code: 100,
      description: 'Wniosek przyjęty do realizacji',
    })
    const done = await awaitEnrollment(reply)
    expect(field(done, 'status', 'code')).toBe(200)
    const serial = text(done, 'certificateSerialNumber')
    expect(serial).toMatch(/^[0-9A-F]{16}$/)

    const { pem, body } = await retrieve(serial)
    expect(body).toMatchObject({
      certificateName: 'Logowanie EC',
      certificateSerialNumber: serial,
      certificateType: 'Authentication',
    })
    const certPath = await ws.write('issued.pem', pem)
    const caPath = await ws.write('ca.pem', sim.seed.caCertificatePem)
    // The simulator's clock runs ahead here, so verify at its time, not the wall clock's.
    const atTime = String(Math.ceil((Date.now() + offset) / 1000) + 1)
    const verified = await runTool('openssl', [
      'verify',
      '-attime',
      atTime,
      '-CAfile',
      caPath,
      certPath,
    ])
    expect(verified.stdout.toString()).toContain(': OK')
    const info = (
      await runTool('openssl', ['x509', '-in', certPath, '-noout', '-text', '-nameopt', 'RFC2253'])
    ).stdout.toString()
    expect(info).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/)
    expect(info).toContain(
      'Issuer: C=PL,O=Ministry of Finance,OU=National Revenue Administration,CN=TEST CCK KSeF',
    )
    const certificate = new X509Certificate(pem)
    expect(certificate.serialNumber.toUpperCase().padStart(16, '0')).toBe(serial)
    expect(certificate.subject.split('\n').sort()).toEqual(
      ['CN=Jan Kowalski', 'SN=Kowalski', 'GN=Jan', 'C=PL', `serialNumber=TINPL-${NIP}`].sort(),
    )
    const years =
      (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / (365 * DAY)
    expect(years).toBeGreaterThan(1.99)
    expect(years).toBeLessThan(2.01)

    // The KSeF certificate then logs in by itself, as an InternalCertificate.
    const init = await submitSignature(
      sim,
      ws,
      { keyPath: csr.keyPath, certificatePem: pem, keyType: 'ec' },
      { nip: NIP },
    )
    const status = await awaitAuthStatus(sim, init)
    expect(field(status, 'authenticationMethod')).toBe('InternalCertificate')
    expect(field(status, 'status', 'code')).toBe(200)
  })

  test('RSA 2048 with RSA-PSS CSR signature: accepted; Offline type: nonRepudiation, and it cannot log in (460)', async () => {
    const csr = await opensslCsr(ws, subjectArg, {
      key: 'rsa',
      extra: ['-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'],
    })
    const done = await awaitEnrollment(
      await enroll(csr.csrBase64, 'Offline', 'Podpis linkow offline'),
    )
    const serial = text(done, 'certificateSerialNumber')
    const { pem } = await retrieve(serial)
    const info = (
      await runTool('openssl', ['x509', '-noout', '-ext', 'keyUsage'], pem)
    ).stdout.toString()
    expect(info).toMatch(/critical\s+Non Repudiation\s*$/)
    const init = await submitSignature(
      sim,
      ws,
      { keyPath: csr.keyPath, certificatePem: pem, keyType: 'rsa' },
      { nip: NIP },
    )
    expect(field(await awaitAuthStatus(sim, init), 'status', 'details')).toEqual([
      'Niepoprawny certyfikat',
    ])
  })

  test('polls racing each other get one and the same certificate', async () => {
    const reply = await enroll(
      (await opensslCsr(ws, subjectArg)).csrBase64,
      'Authentication',
      'Wyscig',
    )
    offset += 1000
    const path = `/certificates/enrollments/${text(reply.body, 'referenceNumber')}`
    const polls = await Promise.all(
      Array.from({ length: 5 }, () => call(sim, 'GET', path, { bearer: session.accessToken })),
    )
    const serials = new Set(polls.map((poll) => text(poll.body, 'certificateSerialNumber')))
    expect(serials.size).toBe(1)
    const query = await call(sim, 'POST', '/certificates/query', {
      bearer: session.accessToken,
      json: { name: 'Wyscig' },
    })
    expect(field(query.body, 'certificates')).toHaveLength(1)
  })

  test('a public key certified once is refused the second time: status 400 in the enrollment', async () => {
    const first = await opensslCsr(ws, subjectArg, { key: 'ec' })
    expect(field(await awaitEnrollment(await enroll(first.csrBase64)), 'status', 'code')).toBe(200)
    const again = await opensslCsr(ws, subjectArg, { keyPath: first.keyPath })
    expect(field(await awaitEnrollment(await enroll(again.csrBase64)), 'status')).toEqual({
      code: 400,
      description: 'Wniosek odrzucony',
      details: ['Klucz publiczny został już certyfikowany przez inny podmiot.'],
    })
  })
})

describe('enrollment refused with its official code', () => {
  test('subject differing from the enrollment data (other CN, extra O): 25003', async () => {
    const otherName = await opensslCsr(ws, subjectArg.replace('CN=Jan Kowalski', 'CN=Jan Nowak'))
    expect(exceptionCode(await enroll(otherName.csrBase64))).toBe(25003)
    const extra = await opensslCsr(ws, `${subjectArg}/O=Firma`)
    expect(exceptionCode(await enroll(extra.csrBase64))).toBe(25003)
  })

  test('RSA 1024 or EC P-384: 25010; SHA-224 signature: 25011', async () => {
    const rsa1024 = await opensslCsr(ws, subjectArg, { key: 'rsa1024' })
    expect(exceptionCode(await enroll(rsa1024.csrBase64))).toBe(25010)
    const p384 = await opensslCsr(ws, subjectArg, { key: 'p384' })
    expect(exceptionCode(await enroll(p384.csrBase64))).toBe(25010)
    const sha224 = await opensslCsr(ws, subjectArg, { key: 'rsa', extra: ['-sha224'] })
    expect(exceptionCode(await enroll(sha224.csrBase64))).toBe(25011)
  })

  test('not a CSR, or a broken CSR signature: 25004', async () => {
    expect(exceptionCode(await enroll(Buffer.from('not a csr').toString('base64')))).toBe(25004)
    const csr = Buffer.from((await opensslCsr(ws, subjectArg)).csrBase64, 'base64')
    csr[csr.length - 5] = (csr[csr.length - 5] ?? 0) ^ 0xff
    const reply = await enroll(csr.toString('base64'))
    expect(exceptionCode(reply)).toBe(25004)
    expect(exceptionDetails(reply)).toEqual(['Podpis CSR jest nieprawidłowy.'])
  })

  test('certificate name with a dot or under 5 characters: 21405', async () => {
    const csr = await opensslCsr(ws, subjectArg)
    expect(exceptionCode(await enroll(csr.csrBase64, 'Authentication', 'Cert.1'))).toBe(21405)
    expect(exceptionCode(await enroll(csr.csrBase64, 'Authentication', 'abc'))).toBe(21405)
    expect(exceptionCode(await enroll(csr.csrBase64, 'Signing', 'Poprawna nazwa'))).toBe(21405)
  })

  test('limits reached: 25006 for enrollments, 25007 for active certificates', async () => {
    const pesel = '92071512345'
    sim.seed.linkPerson({ nip: NIP, pesel })
    const person = await selfSignedCertificate(
      ws,
      `/GN=Ola/SN=Lis/serialNumber=PNOPL-${pesel}/CN=Ola Lis/C=PL`,
    )
    const own = await redeemSession(sim, await submitSignature(sim, ws, person, { nip: NIP }))
    const subject = '/CN=Ola Lis/SN=Lis/GN=Ola/C=PL/serialNumber=PNOPL-' + pesel
    const limits = await call(sim, 'GET', '/certificates/limits', { bearer: own.accessToken })
    expect(field(limits.body, 'enrollment')).toEqual({ limit: 12, remaining: 12 })

    sim.seed.setSubjectLimits({ type: 'Pesel', value: pesel }, { enrollment: 1 })
    expect(
      (
        await enroll(
          (await opensslCsr(ws, subject)).csrBase64,
          'Authentication',
          'Pierwszy',
          own.accessToken,
        )
      ).status,
    ).toBe(202)
    expect(
      exceptionCode(
        await enroll(
          (await opensslCsr(ws, subject)).csrBase64,
          'Authentication',
          'Drugi',
          own.accessToken,
        ),
      ),
    ).toBe(25006)

    sim.seed.setSubjectLimits({ type: 'Pesel', value: pesel }, { enrollment: 10, certificate: 1 })
    await sim.seed.issueCertificate({
      subject: {
        commonName: 'Ola Lis',
        countryName: 'PL',
        givenName: 'Ola',
        surname: 'Lis',
        serialNumber: `PNOPL-${pesel}`,
      },
    })
    expect(
      exceptionCode(
        await enroll(
          (await opensslCsr(ws, subject)).csrBase64,
          'Authentication',
          'Trzeci',
          own.accessToken,
        ),
      ),
    ).toBe(25007)
  })

  test('unknown enrollment: 25005; status kept 30 days, then 410', async () => {
    const unknown = await call(
      sim,
      'GET',
      '/certificates/enrollments/20250101-EH-0000000000-0000000000-00',
      { bearer: session.accessToken },
    )
    expect(exceptionCode(unknown)).toBe(25005)
    const reply = await enroll((await opensslCsr(ws, subjectArg)).csrBase64)
    await awaitEnrollment(reply)
    offset += 31 * DAY
    try {
      const refreshed = await call(sim, 'POST', '/auth/token/refresh', {
        bearer: session.refreshToken,
      })
      expect(refreshed.status).toBe(401) // the refresh token itself is gone after 7 days
      const fresh = await redeemSession(sim, await submitSignature(sim, ws, signer, { nip: NIP }))
      const gone = await call(
        sim,
        'GET',
        `/certificates/enrollments/${text(reply.body, 'referenceNumber')}`,
        { bearer: fresh.accessToken },
      )
      expect(gone.status).toBe(410)
      expect(field(gone.body, 'title')).toBe('Gone')
      session = fresh
    } finally {
      offset -= 31 * DAY
    }
  })
})

describe('revocation and queries', () => {
  test('revoke (KeyCompromise): Blocked, then Revoked; cannot log in (460); revoking again: 25009; unknown: 25008', async () => {
    const csr = await opensslCsr(ws, subjectArg)
    const serial = text(
      await awaitEnrollment(await enroll(csr.csrBase64, 'Authentication', 'Do odwolania')),
      'certificateSerialNumber',
    )
    const { pem } = await retrieve(serial)
    const revoked = await call(sim, 'POST', `/certificates/${serial}/revoke`, {
      bearer: session.accessToken,
      json: { revocationReason: 'KeyCompromise' },
    })
    expect(revoked.status).toBe(204)
    const query = () =>
      call(sim, 'POST', '/certificates/query', {
        bearer: session.accessToken,
        json: { certificateSerialNumber: serial },
      })
    expect(field((await query()).body, 'certificates', 0, 'status')).toBe('Blocked')
    const suspended = await submitSignature(
      sim,
      ws,
      { keyPath: csr.keyPath, certificatePem: pem, keyType: 'ec' },
      { nip: NIP },
    )
    expect(field(await awaitAuthStatus(sim, suspended), 'status', 'details')).toEqual([
      'Certyfikat zawieszony',
    ])
    offset += 60_000
    expect(field((await query()).body, 'certificates', 0, 'status')).toBe('Revoked')
    const init = await submitSignature(
      sim,
      ws,
      { keyPath: csr.keyPath, certificatePem: pem, keyType: 'ec' },
      { nip: NIP },
    )
    expect(field(await awaitAuthStatus(sim, init), 'status', 'details')).toEqual([
      'Certyfikat odwołany',
    ])
    const again = await call(sim, 'POST', `/certificates/${serial}/revoke`, {
      bearer: session.accessToken,
    })
    expect(exceptionCode(again)).toBe(25009)
    const unknown = await call(sim, 'POST', '/certificates/0123456789ABCDEF/revoke', {
      bearer: session.accessToken,
      json: {},
    })
    expect(exceptionCode(unknown)).toBe(25008)
    const badReason = await call(sim, 'POST', `/certificates/${serial}/revoke`, {
      bearer: session.accessToken,
      json: { revocationReason: 'Boredom' },
    })
    expect(exceptionCode(badReason)).toBe(21405)
  })

  test('POST /certificates/query: filters by type, status, name and expiry; offset paging with hasMore', async () => {
    for (let i = 0; i < 11; i += 1) {
      await sim.seed.issueCertificate({
        subject: {
          commonName: 'Jan Kowalski',
          countryName: 'PL',
          givenName: 'Jan',
          surname: 'Kowalski',
          serialNumber: `TINPL-${NIP}`,
        },
        type: 'Offline',
        name: `Seria offline ${i}`,
      })
    }
    const page0 = await call(sim, 'POST', '/certificates/query', {
      bearer: session.accessToken,
      query: { pageSize: 10, pageOffset: 0 },
      json: { type: 'Offline', status: 'Active', name: 'seria OFFLINE' },
    })
    expect(field(page0.body, 'certificates')).toHaveLength(10)
    expect(field(page0.body, 'hasMore')).toBe(true)
    const items = field(page0.body, 'certificates') as {
      type: string
      subjectIdentifier: unknown
      requestDate: string
    }[]
    expect(items.every((item) => item.type === 'Offline')).toBe(true)
    expect(items[0]?.subjectIdentifier).toEqual({ type: 'Nip', value: NIP })
    const page1 = await call(sim, 'POST', '/certificates/query', {
      bearer: session.accessToken,
      query: { pageSize: 10, pageOffset: 1 },
      json: { type: 'Offline', status: 'Active', name: 'seria OFFLINE' },
    })
    expect(field(page1.body, 'certificates')).toHaveLength(1)
    expect(field(page1.body, 'hasMore')).toBe(false)
    const far = await call(sim, 'POST', '/certificates/query', {
      bearer: session.accessToken,
      json: { expiresAfter: new Date(Date.now() + 5 * 365 * DAY).toISOString() },
    })
    expect(field(far.body, 'certificates')).toEqual([])
    const tooBig = await call(sim, 'POST', '/certificates/query', {
      bearer: session.accessToken,
      query: { pageSize: 51 },
    })
    expect(exceptionCode(tooBig)).toBe(21405)
  })

  test('PUT /testdata/certificates/{serial} shortens validity: Expired, and login then fails with 460', async () => {
    const files = await sim.seed.issueCertificate({
      subject: {
        commonName: 'Jan Kowalski',
        countryName: 'PL',
        givenName: 'Jan',
        surname: 'Kowalski',
        serialNumber: `TINPL-${NIP}`,
      },
    })
    const yesterday = new Date(Date.now() - DAY).toISOString()
    const shorten = await call(sim, 'PUT', `/testdata/certificates/${files.serialNumber}`, {
      bearer: session.accessToken,
      json: { validTo: yesterday },
    })
    expect(shorten.status).toBe(200)
    const query = await call(sim, 'POST', '/certificates/query', {
      bearer: session.accessToken,
      json: { certificateSerialNumber: files.serialNumber },
    })
    expect(field(query.body, 'certificates', 0, 'status')).toBe('Expired')
    const keyPath = await ws.write('expired.key', files.privateKeyPem)
    const init = await submitSignature(
      sim,
      ws,
      { keyPath, certificatePem: files.certificatePem, keyType: 'ec' },
      { nip: NIP },
    )
    expect(field(await awaitAuthStatus(sim, init), 'status', 'details')).toEqual([
      'Nieważny certyfikat',
    ])
  })
})
