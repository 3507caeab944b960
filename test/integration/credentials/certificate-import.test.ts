import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import type { Company } from '../../../shared/domain/company'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import type { Environment } from '../../../shared/domain/environment'
import { ShiftableClock, memoryContext } from '../../support/memory-context'
import {
  OpensslCredentials,
  ksefIssuerSubject,
  personSubject,
  sealSubject,
  type IssuedFiles,
} from '../../support/openssl-credentials'
import { tempFolder } from '../../support/temp-folder'
import { mustRun } from '../../support/tools'

const nip = '5265877635'
const password = 'Haslo-do-klucza-2026!'
const folder = tempFolder('ksef-desk-import-')
const tool = new OpensslCredentials(folder.path)
let testCa: IssuedFiles
let productionCa: IssuedFiles

beforeAll(() => {
  testCa = tool.certificateAuthority(ksefIssuerSubject('test'))
  productionCa = tool.certificateAuthority(ksefIssuerSubject('production'))
})
afterAll(() => folder.remove())

const file = (name: string) => ({ name, base64: tool.read(name).toString('base64') })

async function companyIn(environment: Environment, identifier = nip) {
  // openssl issues the certificates now, by this machine's clock: the app's clock starts there too.
  const harness = await memoryContext({ clock: new ShiftableClock() })
  const dispatch = createDispatch(handlers, harness.ctx)
  const added = await dispatch('companies:add', {
    name: 'Firma Testowa',
    identifier: { type: 'Nip', value: identifier },
    environment,
  })
  if (!added.ok) throw new Error(added.error.message)
  const company = added.value as Company
  const importFiles = (files: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    dispatch('certificates:import', { companyId: company.id, files, password, ...extra })
  /** Nothing was stored: no summary, no key, no file. */
  const assertNothingStored = async () => {
    expect(harness.ctx.credentials.certificates(company.id)).toEqual([])
    expect(await harness.secrets.deleteAll('')).toBe(0)
  }
  return { ...harness, dispatch, company, importFiles, assertNothingStored }
}

describe('certificates:import', () => {
  it.each(['ec', 'rsa'] as const)(
    'stores a KSeF %s certificate with its encrypted key',
    async (keyType) => {
      const { importFiles, company, ctx, secrets } = await companyIn('Test')
      const issued = tool.issue(testCa, { subject: sealSubject(nip), keyType })
      const envelope = await importFiles({
        certificate: file(issued.certificate),
        privateKey: file(tool.encryptKey(issued.key, password)),
      })
      expect(envelope.ok).toBe(true)
      const stored = (envelope as { value: CertificateSummary }).value
      expect(stored).toMatchObject({
        companyId: company.id,
        name: 'Firma Testowa',
        kind: 'Authentication',
        issuerKind: 'ksef',
        environment: 'Test',
        subjectIdentifier: { type: 'Nip', value: nip },
        keyAlgorithm: keyType === 'ec' ? 'EC P-256' : 'RSA 2048',
        serialNumber: expect.stringMatching(/^[0-9A-F]{16}$/) as unknown,
        origin: 'imported',
        isDefault: true,
      })
      expect(await ctx.certificateFiles.read(stored.id)).toContain('-----BEGIN CERTIFICATE-----')
      expect(await secrets.get(`company/${company.id}/certificate/${stored.id}/key`)).toContain(
        'PRIVATE KEY',
      )
    },
  )

  it('stores a .p12 and a DER certificate with a plain key', async () => {
    const { importFiles, ctx, company } = await companyIn('Test')
    const first = tool.issue(testCa, { subject: sealSubject(nip) })
    const second = tool.issue(testCa, { subject: personSubject('12345678901', 'PNOPL') })
    expect((await importFiles({ pkcs12: file(tool.pkcs12(first, password)) })).ok).toBe(true)
    expect(
      (
        await importFiles(
          { certificate: file(tool.der(second.certificate)), privateKey: file(second.key) },
          { makeDefault: true },
        )
      ).ok,
    ).toBe(true)
    const list = ctx.credentials.certificates(company.id)
    expect(list.map((c) => [c.subjectIdentifier?.type, c.isDefault])).toEqual([
      ['Nip', false],
      ['Pesel', true],
    ])
  })

  it('keeps an Offline certificate as Offline, not as the login default', async () => {
    const { importFiles, ctx, company } = await companyIn('Test')
    const offline = tool.issue(testCa, { subject: sealSubject(nip), usage: 'Offline' })
    expect(
      await importFiles({ certificate: file(offline.certificate), privateKey: file(offline.key) }),
    ).toMatchObject({
      ok: true,
      value: { kind: 'Offline', isDefault: true },
    })
    expect(ctx.credentials.defaultCertificate(company.id, 'Authentication')).toBeUndefined()
  })

  it.each([
    [
      'a wrong key password',
      () => {
        const issued = tool.issue(testCa, { subject: sealSubject(nip) })
        return {
          certificate: file(issued.certificate),
          privateKey: file(tool.encryptKey(issued.key, 'Inne-haslo-12345!')),
        }
      },
      'KEY_WRONG_PASSWORD',
    ],
    [
      'the key of another certificate',
      () => {
        const one = tool.issue(testCa, { subject: sealSubject(nip) })
        const other = tool.issue(testCa, { subject: sealSubject(nip) })
        return { certificate: file(one.certificate), privateKey: file(other.key) }
      },
      'KEY_CERT_MISMATCH',
    ],
    [
      'a .p12 with a wrong password',
      () => ({
        pkcs12: file(
          tool.pkcs12(tool.issue(testCa, { subject: sealSubject(nip) }), 'Zupelnie-inne-haslo-1!'),
        ),
      }),
      'PKCS12_WRONG_PASSWORD',
    ],
    [
      'no key at all',
      () => ({ certificate: file(tool.issue(testCa, { subject: sealSubject(nip) }).certificate) }),
      'CERT_FILES_MISSING',
    ],
    [
      'a key file given as the certificate',
      () => {
        const issued = tool.issue(testCa, { subject: sealSubject(nip) })
        return { certificate: file(issued.key), privateKey: file(issued.key) }
      },
      'CERT_UNREADABLE',
    ],
    [
      'a certificate naming another NIP',
      () => {
        const issued = tool.issue(testCa, { subject: sealSubject('7740001454') })
        return { certificate: file(issued.certificate), privateKey: file(issued.key) }
      },
      'CERT_SUBJECT_OTHER_NIP',
    ],
  ])('refuses %s with its own code and stores nothing', async (_what, files, code) => {
    const { importFiles, assertNothingStored } = await companyIn('Test')
    expect(await importFiles(files())).toMatchObject({ ok: false, error: { code } })
    await assertNothingStored()
  })

  it('stores another subject’s certificate once the user confirms it has permissions here', async () => {
    const { importFiles } = await companyIn('Test')
    const issued = tool.issue(testCa, { subject: personSubject('7740001454') })
    const files = { certificate: file(issued.certificate), privateKey: file(issued.key) }
    expect(await importFiles(files)).toMatchObject({
      ok: false,
      error: {
        code: 'CERT_SUBJECT_OTHER_NIP',
        details: { certificateNip: '7740001454', companyNip: nip },
      },
    })
    expect(await importFiles(files, { allowOtherSubject: true })).toMatchObject({ ok: true })
  })

  it('refuses a Test/Demo KSeF certificate for a production company, and the reverse', async () => {
    const production = await companyIn('Production')
    const demoIssued = tool.issue(testCa, { subject: sealSubject(nip) })
    expect(
      await production.importFiles({
        certificate: file(demoIssued.certificate),
        privateKey: file(demoIssued.key),
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'CERT_WRONG_ENVIRONMENT',
        details: { certificateEnvironments: 'Test/Demo', companyEnvironment: 'Production' },
      },
    })
    await production.assertNothingStored()

    const demo = await companyIn('Demo')
    const prodIssued = tool.issue(productionCa, { subject: sealSubject(nip) })
    expect(
      await demo.importFiles({
        certificate: file(prodIssued.certificate),
        privateKey: file(prodIssued.key),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CERT_WRONG_ENVIRONMENT', details: { certificateEnvironments: 'Production' } },
    })
    expect(
      await production.importFiles({
        certificate: file(prodIssued.certificate),
        privateKey: file(prodIssued.key),
      }),
    ).toMatchObject({
      ok: true,
      value: { environment: 'Production' },
    })
  })

  it('accepts a self-signed certificate on Test only', async () => {
    const selfSigned = tool.selfSigned({ subject: sealSubject(nip) })
    const files = { certificate: file(selfSigned.certificate), privateKey: file(selfSigned.key) }
    const demo = await companyIn('Demo')
    expect(await demo.importFiles(files)).toMatchObject({
      ok: false,
      error: { code: 'CERT_SELF_SIGNED_NOT_TEST' },
    })
    await demo.assertNothingStored()
    expect(await (await companyIn('Test')).importFiles(files)).toMatchObject({
      ok: true,
      value: { issuerKind: 'selfSigned' },
    })
  })

  it('refuses an expired certificate and one not valid yet', async () => {
    const { importFiles, clock, assertNothingStored } = await companyIn('Test')
    const issued = tool.issue(testCa, { subject: sealSubject(nip), days: 30 })
    const files = { certificate: file(issued.certificate), privateKey: file(issued.key) }
    clock.advance(31 * 24 * 3_600_000)
    expect(await importFiles(files)).toMatchObject({ ok: false, error: { code: 'CERT_EXPIRED' } })
    clock.advance(-62 * 24 * 3_600_000)
    expect(await importFiles(files)).toMatchObject({
      ok: false,
      error: { code: 'CERT_NOT_YET_VALID' },
    })
    await assertNothingStored()
  })

  it('refuses the same certificate twice', async () => {
    const { importFiles, ctx, company } = await companyIn('Test')
    const issued = tool.issue(testCa, { subject: sealSubject(nip) })
    const files = { certificate: file(issued.certificate), privateKey: file(issued.key) }
    expect((await importFiles(files)).ok).toBe(true)
    expect(await importFiles(files)).toMatchObject({ ok: false, error: { code: 'CERT_DUPLICATE' } })
    expect(ctx.credentials.certificates(company.id)).toHaveLength(1)
  })
})

describe('certificates:import checks what KSeF checks at login', () => {
  const selfSignedFiles = (subject: string) => {
    const made = tool.selfSigned({ subject })
    return { certificate: file(made.certificate), privateKey: file(made.key) }
  }

  it.each([
    ['givenName', '/C=PL/SN=Kowalski/serialNumber=TINPL-5265877635/CN=Jan Kowalski', 'person'],
    ['surname', '/C=PL/GN=Jan/serialNumber=TINPL-5265877635/CN=Jan Kowalski', 'person'],
    ['commonName', '/C=PL/GN=Jan/SN=Kowalski/serialNumber=TINPL-5265877635', 'person'],
    ['countryName', '/GN=Jan/SN=Kowalski/serialNumber=TINPL-5265877635/CN=Jan Kowalski', 'person'],
    ['organizationName', `/C=PL/organizationIdentifier=VATPL-${nip}/CN=Firma Testowa`, 'seal'],
    ['commonName', `/C=PL/O=Firma Testowa/organizationIdentifier=VATPL-${nip}`, 'seal'],
  ])(
    'refuses a self-signed certificate without %s (%s), naming it, and stores nothing',
    async (attribute, subject, subjectKind) => {
      const { importFiles, assertNothingStored } = await companyIn('Test')
      expect(await importFiles(selfSignedFiles(subject))).toMatchObject({
        ok: false,
        error: {
          code: 'CERT_SUBJECT_ATTRIBUTE_MISSING',
          message: expect.stringContaining(`subject attribute ${attribute} `) as unknown,
          details: { attribute, subjectKind },
        },
      })
      await assertNothingStored()
    },
  )

  it.each([
    [
      'givenName',
      `/C=PL/O=Firma Testowa/GN=Jan/organizationIdentifier=VATPL-${nip}/CN=Firma`,
      'seal',
    ],
    [
      'surname',
      `/C=PL/O=Firma Testowa/SN=Kowalski/organizationIdentifier=VATPL-${nip}/CN=Firma`,
      'seal',
    ],
    [
      'organizationName',
      `/C=PL/O=Firma Testowa/GN=Jan/SN=Kowalski/serialNumber=TINPL-${nip}/CN=Jan Kowalski`,
      'person',
    ],
  ])(
    'refuses a self-signed certificate carrying %s (%s), which KSeF does not allow',
    async (attribute, subject, subjectKind) => {
      const { importFiles, assertNothingStored } = await companyIn('Test')
      expect(await importFiles(selfSignedFiles(subject))).toMatchObject({
        ok: false,
        error: { code: 'CERT_SUBJECT_ATTRIBUTE_FORBIDDEN', details: { attribute, subjectKind } },
      })
      await assertNothingStored()
    },
  )

  it.each([
    [
      'organizationIdentifier',
      `/C=PL/O=Firma/organizationIdentifier=VATPL-${nip}9999/CN=Firma`,
      'VATPL-<NIP, 10 digits>',
    ],
    [
      'organizationIdentifier',
      `/C=PL/O=Firma/organizationIdentifier=VATPL-PL${nip}/CN=Firma`,
      'VATPL-<NIP, 10 digits>',
    ],
    [
      'serialNumber',
      `/C=PL/GN=Jan/SN=Kowalski/serialNumber=TINPL-${nip}1/CN=Jan`,
      'TINPL-<NIP, 10 digits>',
    ],
    [
      'serialNumber',
      '/C=PL/GN=Jan/SN=Kowalski/serialNumber=PNOPL-9001011234/CN=Jan',
      'PNOPL-<PESEL, 11 digits>',
    ],
  ])(
    'matches the identifier exactly: %s in %s is refused, not read as a NIP',
    async (attribute, subject, expected) => {
      const { importFiles, assertNothingStored } = await companyIn('Test')
      for (const files of [
        selfSignedFiles(subject),
        (() => {
          const issued = tool.issue(testCa, { subject })
          return { certificate: file(issued.certificate), privateKey: file(issued.key) }
        })(),
      ]) {
        expect(await importFiles(files, { allowOtherSubject: true })).toMatchObject({
          ok: false,
          error: { code: 'CERT_SUBJECT_IDENTIFIER_FORMAT', details: { attribute, expected } },
        })
      }
      await assertNothingStored()
    },
  )

  it('refuses a key KSeF does not accept (RSA under 2048 bits)', async () => {
    const { importFiles, assertNothingStored } = await companyIn('Test')
    mustRun(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:1024',
        '-nodes',
        '-keyout',
        'weak.key',
        '-out',
        'weak.crt',
        '-subj',
        sealSubject(nip),
        '-days',
        '30',
        '-addext',
        'keyUsage=critical,digitalSignature',
      ],
      { cwd: folder.path },
    )
    expect(
      await importFiles({ certificate: file('weak.crt'), privateKey: file('weak.key') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'KEY_TOO_WEAK', details: { algorithm: 'RSA 1024' } },
    })
    await assertNothingStored()
  })

  it('stores a self-signed person and seal that meet the rules, and reads the older NIP- prefix', async () => {
    const { importFiles } = await companyIn('Test')
    expect(await importFiles(selfSignedFiles(personSubject(nip)))).toMatchObject({
      ok: true,
      value: { subjectIdentifier: { type: 'Nip', value: nip }, issuerKind: 'selfSigned' },
    })
    expect(await importFiles(selfSignedFiles(sealSubject(nip)))).toMatchObject({ ok: true })
    const legacy = tool.issue(testCa, {
      subject: `/C=PL/GN=Jan/SN=Kowalski/serialNumber=NIP-${nip}/CN=Jan Kowalski`,
    })
    expect(
      await importFiles({ certificate: file(legacy.certificate), privateKey: file(legacy.key) }),
    ).toMatchObject({ ok: true, value: { subjectIdentifier: { type: 'Nip', value: nip } } })
  })
})
