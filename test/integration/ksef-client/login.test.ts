// Whole flows through the client against the simulator: login by certificate (our XAdES, checked
// by the simulator's own verifier) and by KSeF token, refresh, sessions, logout, and the KSeF
// certificate and token life cycles the app builds on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCertificate } from '../../../electron/crypto/certificates'
import { createCsr } from '../../../electron/crypto/csr'
import { assertKeyMatchesCertificate, readPrivateKey } from '../../../electron/crypto/keys'
import { createTestCertificate } from '../../../electron/crypto/test-certificates'
import { createKsefClient, ksefBaseUrl, type KsefClient } from '../../../electron/ksef/client'
import type { KsefError } from '../../../electron/ksef/errors'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { redeemLogin } from '../../support/ksef-login'

const NIP = '5265877635'
const OTHER_NIP = '7762811692'
const context = { type: 'Nip' as const, value: NIP }
const fast = { delay: () => Promise.resolve(), intervalMs: 10 }
let sim: RunningSimulator
let client: KsefClient

beforeAll(async () => {
  sim = await startSimulator({
    authStatusDelayMs: 0,
    enrollmentDelayMs: 0,
    tokenActivationDelayMs: 0,
    revocationDelayMs: 0,
  })
  client = createKsefClient({ baseUrl: sim.url, delay: () => Promise.resolve() })
})
afterAll(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})

async function failure(promise: Promise<unknown>): Promise<KsefError> {
  try {
    await promise
  } catch (error) {
    return error as KsefError
  }
  throw new Error('expected a failure')
}

const person = (nip = NIP, keyType: 'ec' | 'rsa' = 'ec') =>
  createTestCertificate(
    {
      kind: 'person',
      givenName: 'Jan',
      surname: 'Kowalski',
      identifier: { type: 'Nip', value: nip },
    },
    { keyType },
  )

describe('login by certificate', () => {
  it.each(['ec', 'rsa'] as const)(
    'logs in with a self-signed %s certificate, refreshes, lists sessions and logs out',
    async (keyType) => {
      const { certificate, privateKey } = await person(NIP, keyType)
      const login = await redeemLogin(
        client,
        client.auth.initiateCertificateAuthentication({ context, certificate, privateKey }),
        fast,
      )
      expect(login.status.status.code).toBe(200)
      expect(login.tokens.accessToken.token).toMatch(/\S/)
      expect(
        sim.requests.filter((r) => r.path === '/v2/auth/xades-signature').at(-1)?.requestHeaders[
          'content-type'
        ],
      ).toBe('application/xml; charset=utf-8')

      const refreshed = await client.auth.refreshAccessToken(login.tokens.refreshToken.token)
      expect(refreshed.accessToken.token).toMatch(/\S/)
      const sessions = await client.sessions.listAuthenticationSessions(refreshed.accessToken.token)
      expect(
        sessions.items.some((s) => s.referenceNumber === login.referenceNumber && s.isCurrent),
      ).toBe(true)

      await client.sessions.revokeCurrentSession(login.tokens.accessToken.token)
      // A revoked refresh token gets 400 21301, not 401 (ksef-api#336).
      expect(
        await failure(client.auth.refreshAccessToken(login.tokens.refreshToken.token)),
      ).toMatchObject({ code: 'KSEF_ERROR', ksef: { kind: 'exception', code: 21301 } })
    },
  )

  it('logs in by fingerprint once the fingerprint holds permissions', async () => {
    const { certificate, privateKey } = await createTestCertificate({
      kind: 'seal',
      organizationName: 'Bez NIP',
      nip: OTHER_NIP,
    })
    const fingerprint = readCertificate(certificate).fingerprintSha256
    sim.seed.grantPermission({
      context,
      subject: { type: 'Fingerprint', value: fingerprint },
      permissions: ['InvoiceRead'],
    })
    const login = await redeemLogin(
      client,
      client.auth.initiateCertificateAuthentication({
        context,
        certificate,
        privateKey,
        subjectIdentifierType: 'certificateFingerprint',
      }),
      fast,
    )
    expect(login.status.status.code).toBe(200)
  })

  it('reports status 415 when the certificate holds no permission in the context', async () => {
    const { certificate, privateKey } = await person(OTHER_NIP)
    const error = await failure(
      redeemLogin(
        client,
        client.auth.initiateCertificateAuthentication({ context, certificate, privateKey }),
        fast,
      ),
    )
    expect(error).toMatchObject({
      code: 'KSEF_AUTH_FAILED',
      ksef: { kind: 'authStatus', code: 415 },
    })
  })

  it('is refused with 21115 on production for a self-signed certificate', async () => {
    const prod = await startSimulator({ mode: 'prod', authStatusDelayMs: 0 })
    try {
      const { certificate, privateKey } = await person()
      const prodClient = createKsefClient({ baseUrl: prod.url, delay: () => Promise.resolve() })
      const error = await failure(
        redeemLogin(
          prodClient,
          prodClient.auth.initiateCertificateAuthentication({ context, certificate, privateKey }),
          fast,
        ),
      )
      expect(error.ksef).toEqual(
        expect.objectContaining({ code: expect.any(Number) as unknown as number }),
      )
      expect([21115, 460]).toContain(error.ksef?.code)
    } finally {
      await prod.close()
    }
  })
})

describe('login by KSeF token', () => {
  it('logs in with an active token', async () => {
    const { token } = sim.seed.createToken({
      context,
      permissions: ['InvoiceRead', 'InvoiceWrite'],
    })
    const login = await redeemLogin(
      client,
      client.auth.initiateTokenAuthentication({ context, token }),
      fast,
    )
    expect(login.status.status.code).toBe(200)
    expect(login.status.authenticationMethodInfo.category).toBe('Token')
    const submitted = sim.requests.filter((r) => r.path === '/v2/auth/ksef-token').at(-1)
    expect(submitted?.requestBody).not.toContain(token)
    const body = JSON.parse(submitted?.requestBody ?? '{}') as { publicKeyId?: unknown }
    expect(typeof body.publicKeyId).toBe('string')
  })

  it('reloads the MF keys once when KSeF retired the cached one (21470)', async () => {
    const { token } = sim.seed.createToken({ context, permissions: ['InvoiceRead'] })
    const cached = await client.security.getPublicKeyCertificates()
    await sim.seed.rotatePublicKeys('KsefTokenEncryption')
    sim.clearRequests()
    const login = await redeemLogin(
      client,
      client.auth.initiateTokenAuthentication({ context, token, publicKeys: cached }),
      fast,
    )
    expect(login.status.status.code).toBe(200)
    expect(
      sim.requests
        .map((r) => `${r.method} ${r.path} ${r.status}`)
        .filter((l) => !l.includes('/auth/20')),
    ).toEqual([
      'POST /v2/auth/challenge 200',
      'POST /v2/auth/ksef-token 400',
      'GET /v2/security/public-key-certificates 200',
      'POST /v2/auth/challenge 200',
      'POST /v2/auth/ksef-token 202',
      'POST /v2/auth/token/redeem 200',
    ])
  })

  it('reports status 450 for a revoked token', async () => {
    const { token, referenceNumber } = sim.seed.createToken({
      context,
      permissions: ['InvoiceRead'],
    })
    sim.seed.revokeToken(referenceNumber)
    const error = await failure(
      redeemLogin(client, client.auth.initiateTokenAuthentication({ context, token }), fast),
    )
    expect(error).toMatchObject({
      code: 'KSEF_AUTH_FAILED',
      ksef: { kind: 'authStatus', code: 450 },
    })
  })
})

describe('KSeF certificates and tokens through the client', () => {
  it('enrolls a certificate from a CSR of the enrollment data, retrieves it, and revokes it', async () => {
    const { certificate, privateKey } = await person(NIP, 'ec')
    const login = await redeemLogin(
      client,
      client.auth.initiateCertificateAuthentication({ context, certificate, privateKey }),
      fast,
    )
    const access = login.tokens.accessToken.token

    const limits = await client.certificates.getCertificateLimits(access)
    expect(limits.canRequest).toBe(true)
    const data = await client.certificates.getEnrollmentData(access)
    const request = await createCsr(data)
    const enrollment = await client.certificates.enrollCertificate(access, {
      certificateName: 'Certyfikat testowy ąę',
      certificateType: 'Authentication',
      csr: request.csrBase64,
    })
    let status = await client.certificates.getEnrollmentStatus(access, enrollment.referenceNumber)
    for (let i = 0; status.status.code === 100 && i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      status = await client.certificates.getEnrollmentStatus(access, enrollment.referenceNumber)
    }
    expect(status.status.code).toBe(200)
    const serial = status.certificateSerialNumber ?? ''
    const retrieved = await client.certificates.retrieveCertificates(access, [serial])
    const issued = readCertificate(retrieved.certificates[0]?.certificate ?? '')
    expect(issued.serialNumber).toBe(serial)
    expect(issued.usage).toBe('Authentication')
    assertKeyMatchesCertificate(request.privateKey, issued.der)

    // The new KSeF certificate logs in too.
    const again = await redeemLogin(
      client,
      client.auth.initiateCertificateAuthentication({
        context,
        certificate: issued.der,
        privateKey: request.privateKey,
      }),
      fast,
    )
    expect(again.status.status.code).toBe(200)

    const listed = await client.certificates.queryCertificates(access, {
      certificateSerialNumber: serial,
    })
    expect(listed.certificates.map((c) => c.certificateSerialNumber)).toEqual([serial])
    await client.certificates.revokeCertificate(access, serial, 'Superseded')
    expect(await failure(client.certificates.revokeCertificate(access, serial))).toMatchObject({
      code: 'KSEF_ERROR',
      ksef: { kind: 'exception', code: 25009 },
    })
  })

  it('refuses a certificate name KSeF would refuse, without calling it', async () => {
    sim.clearRequests()
    await expect(
      client.certificates.enrollCertificate('jwt', {
        certificateName: 'cert.v2',
        certificateType: 'Offline',
        csr: 'eA==',
      }),
    ).rejects.toMatchObject({ code: 'CERTIFICATE_NAME_RULES' })
    expect(sim.requests).toHaveLength(0)
  })

  it('generates a token, sees it active, lists it and revokes it', async () => {
    const { certificate, privateKey } = await person()
    const login = await redeemLogin(
      client,
      client.auth.initiateCertificateAuthentication({ context, certificate, privateKey }),
      fast,
    )
    const access = login.tokens.accessToken.token
    const generated = await client.tokens.generateToken(access, {
      permissions: ['InvoiceRead'],
      description: 'Token z testu klienta',
    })
    expect(generated.token).toMatch(/\S/)
    let token = await client.tokens.getToken(access, generated.referenceNumber)
    for (let i = 0; token.status === 'Pending' && i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      token = await client.tokens.getToken(access, generated.referenceNumber)
    }
    expect(token.status).toBe('Active')
    const list = await client.tokens.listTokens(access, { status: ['Active'] })
    expect(list.tokens.map((t) => t.referenceNumber)).toContain(generated.referenceNumber)

    const tokenLogin = await redeemLogin(
      client,
      client.auth.initiateTokenAuthentication({ context, token: generated.token }),
      fast,
    )
    expect(tokenLogin.status.status.code).toBe(200)
    await client.tokens.revokeToken(access, generated.referenceNumber)
    expect(['Revoking', 'Revoked']).toContain(
      (await client.tokens.getToken(access, generated.referenceNumber)).status,
    )
  })

  it('reads a key as the CSR flow stores it', async () => {
    const request = await createCsr({ commonName: 'A', countryName: 'PL' })
    const pem = request.privateKey.export({ format: 'pem', type: 'pkcs8' })
    expect((await readPrivateKey(pem)).algorithm).toEqual({ type: 'ec', curve: 'P-256' })
  })
})

describe('base URLs', () => {
  it('uses the environment default unless a custom URL is set', () => {
    expect(ksefBaseUrl('Test')).toBe('https://api-test.ksef.mf.gov.pl/v2')
    expect(ksefBaseUrl('Demo')).toBe('https://api-demo.ksef.mf.gov.pl/v2')
    expect(ksefBaseUrl('Production')).toBe('https://api.ksef.mf.gov.pl/v2')
    expect(ksefBaseUrl('Production', `${sim.url}/`)).toBe(sim.url)
    expect(createKsefClient({ environment: 'Test', customUrl: sim.url }).baseUrl).toBe(sim.url)
  })
})
