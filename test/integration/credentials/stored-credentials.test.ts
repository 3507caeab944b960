import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import type { Company } from '../../../shared/domain/company'
import type { CertificateSummary, TokenSummary } from '../../../shared/domain/credentials'
import type { Environment } from '../../../shared/domain/environment'
import { memoryContext } from '../../support/memory-context'

const token = (nip = '5265877635', reference = '20251010-EC-1DCE3E3000-12ECB5B36E-45') =>
  `${reference}|nip-${nip}|919f704466624ce29cd5ac7b65ded5e7cccc112eee314f2aaa76e02cd16df7b9`

async function setup(environment: Environment = 'Test') {
  const harness = await memoryContext()
  const dispatch = createDispatch(handlers, harness.ctx)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
    return envelope.value as T
  }
  const company = await call<Company>('companies:add', {
    name: 'Spółka Testowa S.A.',
    identifier: { type: 'Nip', value: '5265877635' },
    environment,
  })
  return { ...harness, dispatch, call, company }
}

describe('Utwórz certyfikat testowy', () => {
  it('creates a self-signed seal certificate for the company NIP and makes it the default', async () => {
    const { call, company, secrets, ctx } = await setup()
    const created = await call<CertificateSummary>('certificates:createTest', {
      companyId: company.id,
    })
    expect(created).toMatchObject({
      kind: 'Authentication',
      issuerKind: 'selfSigned',
      origin: 'testCertificate',
      environment: 'Test',
      subjectIdentifier: { type: 'Nip', value: '5265877635' },
      name: 'Spółka Testowa S.A.',
      keyAlgorithm: 'EC P-256',
      isDefault: true,
    })
    expect(created.subject).toContain('organizationIdentifier=VATPL-5265877635')
    expect(await secrets.get(`company/${company.id}/certificate/${created.id}/key`)).toMatch(
      /^-----BEGIN PRIVATE KEY-----/,
    )
    expect(await ctx.certificateFiles.read(created.id)).toMatch(/^-----BEGIN CERTIFICATE-----/)
  })

  it.each(['Demo', 'Production'] as const)('is refused for a %s company', async (environment) => {
    const { dispatch, company, ctx } = await setup(environment)
    expect(await dispatch('certificates:createTest', { companyId: company.id })).toMatchObject({
      ok: false,
      error: { code: 'CERT_TEST_ONLY_ON_TEST', details: { companyEnvironment: environment } },
    })
    expect(ctx.credentials.certificates(company.id)).toEqual([])
  })
})

describe('stored certificates', () => {
  it('moves the default within a kind and removes a certificate with its key and file', async () => {
    const { call, company, secrets, ctx } = await setup()
    const first = await call<CertificateSummary>('certificates:createTest', {
      companyId: company.id,
    })
    const second = await call<CertificateSummary>('certificates:createTest', {
      companyId: company.id,
    })
    expect(second.isDefault).toBe(false)

    const list = await call<CertificateSummary[]>('certificates:setDefault', {
      companyId: company.id,
      certificateId: second.id,
    })
    expect(list.map((c) => [c.id, c.isDefault])).toEqual([
      [first.id, false],
      [second.id, true],
    ])

    const remaining = await call<CertificateSummary[]>('certificates:remove', {
      companyId: company.id,
      certificateId: second.id,
    })
    // The default went: the one left takes its place, so logging in keeps working.
    expect(remaining.map((c) => [c.id, c.isDefault])).toEqual([[first.id, true]])
    expect(await secrets.get(`company/${company.id}/certificate/${second.id}/key`)).toBeUndefined()
    await expect(ctx.certificateFiles.read(second.id)).rejects.toMatchObject({
      code: 'CERT_NOT_FOUND',
    })
  })

  it('keeps the environment and identifier of a company that has credentials', async () => {
    const { call, dispatch, company } = await setup()
    await call('certificates:createTest', { companyId: company.id })
    expect(
      await dispatch('companies:update', {
        id: company.id,
        name: company.name,
        identifier: company.identifier,
        environment: 'Production',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'COMPANY_HAS_CREDENTIALS', details: { field: 'environment' } },
    })
    expect(
      await dispatch('companies:update', {
        id: company.id,
        name: 'Nowa nazwa',
        identifier: company.identifier,
        environment: 'Test',
      }),
    ).toMatchObject({ ok: true, value: { name: 'Nowa nazwa' } })
  })

  it('removing the company removes its certificates, keys and tokens', async () => {
    const { call, company, secrets, ctx } = await setup()
    const certificate = await call<CertificateSummary>('certificates:createTest', {
      companyId: company.id,
    })
    await call('tokens:add', { companyId: company.id, token: token() })
    await call('companies:remove', { id: company.id })
    expect(ctx.credentials.certificates(company.id)).toEqual([])
    expect(ctx.credentials.tokens(company.id)).toEqual([])
    expect(await secrets.deleteAll('')).toBe(0)
    await expect(ctx.certificateFiles.read(certificate.id)).rejects.toMatchObject({
      code: 'CERT_NOT_FOUND',
    })
  })
})

describe('Wklej token', () => {
  it('stores the token sealed and shows it masked', async () => {
    const { call, company, secrets } = await setup()
    const stored = await call<TokenSummary>('tokens:add', {
      companyId: company.id,
      token: `  ${token()}\n`,
      description: 'Z aplikacji MF',
    })
    expect(stored).toMatchObject({
      masked: '20251010-EC-…f7b9',
      referenceNumber: '20251010-EC-1DCE3E3000-12ECB5B36E-45',
      context: { type: 'Nip', value: '5265877635' },
      description: 'Z aplikacji MF',
      environment: 'Test',
      isDefault: true,
    })
    expect(JSON.stringify(stored)).not.toContain('919f704466624ce2')
    expect(await secrets.get(`company/${company.id}/token/${stored.id}`)).toBe(token())
  })

  it.each([
    ['not a token', 'TOKEN_FORMAT'],
    ['20251010-EC-1DCE3E3000-12ECB5B36E-45|nip-5265877635', 'TOKEN_FORMAT'],
    [token().replace('-EC-', '-AU-'), 'TOKEN_FORMAT'],
    [token('7740001454'), 'TOKEN_OTHER_CONTEXT'],
    [
      token().replace('nip-', 'internalId-').replace('5265877635', '5265877635-00001'),
      'TOKEN_OTHER_CONTEXT',
    ],
  ])('refuses %j with %s and stores nothing', async (text, code) => {
    const { dispatch, company, ctx, secrets } = await setup()
    expect(await dispatch('tokens:add', { companyId: company.id, token: text })).toMatchObject({
      ok: false,
      error: { code },
    })
    expect(ctx.credentials.tokens(company.id)).toEqual([])
    expect(await secrets.deleteAll('')).toBe(0)
  })

  it('refuses the same token twice; moves the default; removes one', async () => {
    const { call, dispatch, company, secrets } = await setup()
    const first = await call<TokenSummary>('tokens:add', { companyId: company.id, token: token() })
    expect(await dispatch('tokens:add', { companyId: company.id, token: token() })).toMatchObject({
      ok: false,
      error: { code: 'TOKEN_DUPLICATE' },
    })
    const second = await call<TokenSummary>('tokens:add', {
      companyId: company.id,
      token: token('5265877635', '20251011-EC-2DD3AFF000-A6B7F19A95-11'),
      makeDefault: true,
    })
    expect(
      (await call<TokenSummary[]>('tokens:list', { companyId: company.id })).map((t) => [
        t.id,
        t.isDefault,
      ]),
    ).toEqual([
      [first.id, false],
      [second.id, true],
    ])
    await call('tokens:setDefault', { companyId: company.id, tokenId: first.id })
    const remaining = await call<TokenSummary[]>('tokens:remove', {
      companyId: company.id,
      tokenId: second.id,
    })
    expect(remaining.map((t) => [t.id, t.isDefault])).toEqual([[first.id, true]])
    expect(await secrets.get(`company/${company.id}/token/${second.id}`)).toBeUndefined()
  })
  it('hands the default to the newest other token when the default is removed', async () => {
    const { call, company } = await setup()
    const older = await call<TokenSummary>('tokens:add', { companyId: company.id, token: token() })
    const newer = await call<TokenSummary>('tokens:add', {
      companyId: company.id,
      token: token('5265877635', '20251011-EC-2DD3AFF000-A6B7F19A95-11'),
    })
    const remaining = await call<TokenSummary[]>('tokens:remove', {
      companyId: company.id,
      tokenId: older.id,
    })
    expect(remaining.map((t) => [t.id, t.isDefault])).toEqual([[newer.id, true]])
  })
})
