// Tożsamości through the contract, against the simulator: an office's certificate stored once,
// assigned to companies, logging each in its own context (415 where the company granted nothing),
// removed with the count asked, renewed with the companies following; every refusal stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { createTestCertificate } from '../../../electron/crypto/test-certificates'
import { handlers } from '../../../electron/handlers'
import type { AuthState } from '../../../shared/domain/auth'
import type { Company } from '../../../shared/domain/company'
import type { Environment } from '../../../shared/domain/environment'
import type { IdentityRow } from '../../../shared/domain/identities'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { nthNip } from '../../support/company-seed'
import { memoryContext } from '../../support/memory-context'

const quick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20)))
const officeNip = nthNip(700)

// One simulator for the file: each test uses companies (contexts) of its own.
let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator({ authStatusDelayMs: 50, limits: false })
})
afterAll(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
})

async function officeFiles(
  options: { nip?: string; usage?: 'Authentication' | 'Offline'; name?: string } = {},
) {
  const made = await createTestCertificate(
    {
      kind: 'seal',
      organizationName: options.name ?? 'Biuro Rachunkowe Rachmistrz',
      nip: options.nip ?? officeNip,
    },
    { usage: options.usage ?? 'Authentication' },
  )
  return identityFiles(
    made.certificatePem,
    made.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  )
}

/** A certificate and its key as Tożsamości → Dodaj takes them. */
function identityFiles(certificatePem: string, privateKeyPem: string) {
  const base64 = (text: string) => Buffer.from(text).toString('base64')
  return {
    certificate: { name: 'biuro.crt', base64: base64(certificatePem) },
    privateKey: { name: 'biuro.key', base64: base64(privateKeyPem) },
  }
}

async function app() {
  const harness = await memoryContext({ ksefApiUrl: sim.url, sleep: quick })
  harness.clock.advance(Date.now() - harness.clock.now())
  const dispatch = createDispatch(handlers, harness.ctx)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
    return envelope.value as T
  }
  const company = (n: number, environment: Environment = 'Test') =>
    call<Company>('companies:add', {
      name: `Klient ${n}`,
      identifier: { type: 'Nip', value: nthNip(n) },
      environment,
    })
  const grant = (c: Company) =>
    sim.seed.grantPermission({
      context: { type: 'Nip', value: c.identifier.value },
      subject: { type: 'Nip', value: officeNip },
      permissions: ['InvoiceRead'],
    })
  return { ...harness, dispatch, call, company, grant }
}

describe('Tożsamości', () => {
  it('one identity logs in every granted company in its context; an ungranted one gets 415', async () => {
    const { call, dispatch, company, grant, ctx } = await app()
    const [a, b, c] = [await company(1), await company(2), await company(3)]
    grant(a)
    grant(b)
    const identity = await call<IdentityRow>('identities:import', {
      files: await officeFiles(),
      password: '',
    })
    expect(identity).toMatchObject({
      name: 'Biuro Rachunkowe Rachmistrz',
      kind: 'Authentication',
      subjectIdentifier: { type: 'Nip', value: officeNip },
      issuerKind: 'selfSigned',
      environments: ['Test'],
      companyIds: [],
    })
    const assigned = await call<IdentityRow>('identities:assign', {
      identityId: identity.id,
      companyIds: [a.id, b.id, c.id],
    })
    expect(assigned.companyIds).toEqual([a.id, b.id, c.id])
    expect(await call('identities:forCompany', { companyId: a.id })).toEqual({
      loginCertificate: { kind: 'identity', identityId: identity.id, name: identity.name },
      identity: assigned,
    })

    for (const granted of [a, b]) {
      const state = await call<AuthState>('auth:loginWithCertificate', { companyId: granted.id })
      expect(state.session).toMatchObject({ method: 'certificate', credentialId: identity.id })
    }
    expect(await dispatch('auth:loginWithCertificate', { companyId: c.id })).toMatchObject({
      ok: false,
      error: { code: 'KSEF_AUTH_FAILED', details: { ksefCodeKind: 'authStatus', ksefCode: 415 } },
    })
    expect(ctx.login.state(c.id).session).toBeNull()
  })

  it("a company's own default certificate logs it in before its identity", async () => {
    const { call, company, grant } = await app()
    const own = await company(4)
    grant(own)
    const certificate = await call<{ id: string; name: string }>('certificates:createTest', {
      companyId: own.id,
    })
    const identity = await call<IdentityRow>('identities:import', {
      files: await officeFiles(),
      password: '',
    })
    await call('identities:assign', { identityId: identity.id, companyIds: [own.id] })
    expect(await call('identities:forCompany', { companyId: own.id })).toMatchObject({
      loginCertificate: { kind: 'certificate', certificateId: certificate.id },
      identity: { id: identity.id },
    })
    const state = await call<AuthState>('auth:loginWithCertificate', { companyId: own.id })
    expect(state.session?.credentialId).toBe(certificate.id)
    // Without its own certificate, the identity takes over.
    await call('certificates:remove', { companyId: own.id, certificateId: certificate.id })
    expect(await call('identities:forCompany', { companyId: own.id })).toMatchObject({
      loginCertificate: { kind: 'identity', identityId: identity.id },
    })
  })

  it('Pobierz certyfikaty in a session of the identity records KSeF’s status of it: revoked, it logs in no more', async () => {
    const { call, dispatch, company, grant } = await app()
    const client = await company(9)
    grant(client)
    // The office's own KSeF certificate: KSeF lists it in a session the office signed.
    const name = 'Biuro Rachunkowe Rachmistrz'
    const issued = await sim.seed.issueCertificate({
      subject: {
        commonName: name,
        countryName: 'PL',
        organizationName: name,
        organizationIdentifier: `VATPL-${officeNip}`,
      },
      name: 'Certyfikat biura',
    })
    const identity = await call<IdentityRow>('identities:import', {
      files: identityFiles(issued.certificatePem, issued.privateKeyPem),
      password: '',
    })
    await call('identities:assign', { identityId: identity.id, companyIds: [client.id] })
    await call('auth:loginWithCertificate', { companyId: client.id })
    const statusOf = async () =>
      (await call<IdentityRow[]>('identities:list', undefined)).find((i) => i.id === identity.id)
        ?.ksefStatus
    await call('certificates:listing', { companyId: client.id, fromKsef: true })
    expect(await statusOf()).toBe('Active')

    sim.seed.revokeCertificate(issued.serialNumber)
    await call('certificates:listing', { companyId: client.id, fromKsef: true })
    expect(await statusOf()).toBe('Revoked')
    await call('auth:logout', { companyId: client.id })
    expect(await dispatch('auth:loginWithCertificate', { companyId: client.id })).toMatchObject({
      ok: false,
      error: { code: 'CERT_REVOKED' },
    })
  })

  it('removal asks with the count; afterwards those companies have no login credential', async () => {
    const { call, dispatch, company, ctx, secrets } = await app()
    const [a, b] = [await company(5), await company(6)]
    const identity = await call<IdentityRow>('identities:import', {
      files: await officeFiles(),
      password: '',
    })
    await call('identities:assign', { identityId: identity.id, companyIds: [a.id, b.id] })
    const before = ctx.identities.list()
    const requests = sim.requests.length

    expect(await dispatch('identities:remove', { identityId: identity.id })).toEqual({
      ok: false,
      error: {
        code: 'IDENTITY_IN_USE',
        message:
          '2 companies log in with this identity; confirm the removal to leave them without it.',
        details: { companyCount: 2, identityName: 'Biuro Rachunkowe Rachmistrz' },
      },
    })
    expect(ctx.identities.list()).toEqual(before)

    expect(await call('identities:remove', { identityId: identity.id, force: true })).toEqual({
      identityId: identity.id,
      companyIds: [a.id, b.id],
    })
    expect(await call('identities:list', undefined)).toEqual([])
    expect(await secrets.get(`identity/${identity.id}/key`)).toBeUndefined()
    expect(await call('identities:forCompany', { companyId: a.id })).toEqual({
      loginCertificate: { kind: 'none' },
      identity: null,
    })
    expect(await dispatch('auth:loginWithCertificate', { companyId: b.id })).toMatchObject({
      ok: false,
      error: {
        code: 'CERT_NO_DEFAULT',
        message:
          'No Authentication certificate is stored for this company and no identity is assigned to it: load a certificate on the Certyfikaty tab or assign an identity.',
      },
    })
    expect(sim.requests.length).toBe(requests)
  })

  it("a removed company's assignment goes with it", async () => {
    const { call, company, settings } = await app()
    const [a, b] = [await company(7), await company(8)]
    const identity = await call<IdentityRow>('identities:import', {
      files: await officeFiles(),
      password: '',
    })
    await call('identities:assign', { identityId: identity.id, companyIds: [a.id, b.id] })
    await call('companies:remove', { id: a.id })
    expect(settings.read().identityAssignments.map((each) => each.companyId)).toEqual([b.id])
  })

  it('Odnów: the renewed certificate takes the place of the old one in every company', async () => {
    const { call, dispatch, company, grant, secrets } = await app()
    const [a, b] = [await company(7), await company(8)]
    grant(a)
    const old = await call<IdentityRow>('identities:import', {
      files: await officeFiles(),
      password: '',
    })
    await call('identities:assign', { identityId: old.id, companyIds: [a.id, b.id] })

    expect(
      await dispatch('identities:renew', {
        identityId: old.id,
        files: await officeFiles({ nip: nthNip(701) }),
        password: '',
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'IDENTITY_RENEWAL_OTHER_SUBJECT',
        details: { identityName: 'Biuro Rachunkowe Rachmistrz' },
      },
    })
    expect((await call<IdentityRow[]>('identities:list', undefined)).map((i) => i.id)).toEqual([
      old.id,
    ])

    const renewed = await call<IdentityRow>('identities:renew', {
      identityId: old.id,
      files: await officeFiles(),
      password: '',
    })
    expect(renewed.id).not.toBe(old.id)
    expect(renewed.fingerprintSha256).not.toBe(old.fingerprintSha256)
    expect(renewed.companyIds).toEqual([a.id, b.id])
    expect(await call('identities:list', undefined)).toEqual([renewed])
    expect(await secrets.get(`identity/${old.id}/key`)).toBeUndefined()
    const state = await call<AuthState>('auth:loginWithCertificate', { companyId: a.id })
    expect(state.session?.credentialId).toBe(renewed.id)
  })

  it('refuses what cannot be an identity or an assignment, and stores nothing', async () => {
    const { call, dispatch, company, ctx, settings } = await app()
    const test = await company(9)
    const production = await company(10, 'Production')
    const nothing = settings.read()
    const refusal = async (channel: string, input: unknown, code: string, message: string) => {
      const envelope = await dispatch(channel, input)
      expect(envelope).toMatchObject({ ok: false, error: { code, message } })
    }

    await refusal(
      'identities:import',
      { files: await officeFiles({ usage: 'Offline' }), password: '' },
      'IDENTITY_NOT_AUTHENTICATION',
      'This is an Offline certificate: it signs KOD II links only and logs no one in, so it cannot be an identity.',
    )
    const mismatched = await officeFiles()
    mismatched.privateKey = (await officeFiles()).privateKey
    const mismatch = await dispatch('identities:import', { files: mismatched, password: '' })
    expect(mismatch).toMatchObject({ ok: false, error: { code: 'KEY_CERT_MISMATCH' } })
    await refusal(
      'identities:import',
      { files: { certificate: mismatched.certificate }, password: '' },
      'CERT_FILES_MISSING',
      'Give the certificate file together with its private key file, or a .p12/.pfx file.',
    )
    expect(settings.read()).toEqual(nothing)

    const files = await officeFiles()
    const identity = await call<IdentityRow>('identities:import', { files, password: '' })
    const stored = settings.read()
    await refusal(
      'identities:import',
      { files, password: '' },
      'IDENTITY_DUPLICATE',
      'This certificate is already stored as an identity.',
    )
    await refusal(
      'identities:assign',
      { identityId: identity.id, companyIds: [test.id, production.id] },
      'IDENTITY_WRONG_ENVIRONMENT',
      'The identity Biuro Rachunkowe Rachmistrz works in Test; Klient 10 logs in to Production.',
    )
    await refusal(
      'identities:assign',
      { identityId: identity.id, companyIds: [] },
      'IDENTITY_NO_COMPANIES',
      'Choose at least one company to assign the identity to.',
    )
    await refusal(
      'identities:assign',
      { identityId: '00000000-0000-4000-8000-000000000999', companyIds: [test.id] },
      'IDENTITY_NOT_FOUND',
      'No such identity is stored.',
    )
    await refusal(
      'identities:assign',
      { identityId: identity.id, companyIds: ['00000000-0000-4000-8000-000000000998'] },
      'COMPANY_NOT_FOUND',
      'No such company.',
    )
    expect(settings.read()).toEqual(stored)
    expect(ctx.identities.list()).toEqual([{ ...identity, companyIds: [] }])
  })
})
