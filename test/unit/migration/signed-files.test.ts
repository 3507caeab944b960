// The signed files of a batch matched to their companies before anything goes to KSeF: by the
// challenge the app wrote for each company, with every reason a file is set aside, exactly.
import { describe, expect, it } from 'vitest'
import { buildAuthTokenRequest } from '../../../electron/crypto/auth-token-request'
import { createTestCertificate } from '../../../electron/crypto/test-certificates'
import { migrationCertificateName } from '../../../electron/migration/certificate-name'
import { matchSignedFiles } from '../../../electron/migration/signed-files'
import type { StoredChallenge } from '../../../electron/vault/auth-repository'
import type { Company } from '../../../shared/domain/company'
import { nthNip, seededCompanies } from '../../support/company-seed'

const now = Date.parse('2026-12-03T08:00:00Z')
const clock = { now: () => now }
const [a, b] = seededCompanies(2) as [Company, Company]
const challenge = (n: number) => `20261203-CR-${String(n).padStart(10, '0')}-AAAAAAAAAA-0${n}`
const known: StoredChallenge[] = [
  {
    companyId: a.id,
    challenge: challenge(1),
    issuedAt: new Date(now - 60_000).toISOString(),
    expiresAt: new Date(now + 9 * 60_000).toISOString(),
  },
  {
    companyId: b.id,
    challenge: challenge(2),
    issuedAt: new Date(now - 11 * 60_000).toISOString(),
    expiresAt: new Date(now - 60_000).toISOString(),
  },
]
const deps = {
  companies: { list: () => [a, b] },
  auth: { findChallenge: (c: string) => known.find((k) => k.challenge === c) },
  clock,
}
const signature =
  '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature>'

function file(name: string, n: number, nip: string, signed = true) {
  const xml = buildAuthTokenRequest({
    challenge: challenge(n),
    context: { type: 'Nip', value: nip },
  })
  const text = signed ? xml.replace('</AuthTokenRequest>', `${signature}</AuthTokenRequest>`) : xml
  return { name, base64: Buffer.from(text, 'utf8').toString('base64') }
}

const nipOf = (company: Company) => company.identifier.value

describe('matchSignedFiles', () => {
  it('matches a file by its challenge; an unsigned one takes no place, a second one is left out', () => {
    const { matched, rejected } = matchSignedFiles(deps, [
      file('a-unsigned.xml', 1, nipOf(a), false),
      file('a.xml', 1, nipOf(a)),
      file('a-again.xml', 1, nipOf(a)),
    ])
    expect(matched.map((m) => [m.company.id, m.file.name])).toEqual([[a.id, 'a.xml']])
    expect(rejected.map((r) => [r.fileName, r.company?.companyId, r.error])).toEqual([
      [
        'a-unsigned.xml',
        a.id,
        {
          code: 'AUTH_REQUEST_NOT_SIGNED',
          message:
            'The file is an AuthTokenRequest but carries no signature: sign it first, then load the signed file.',
        },
      ],
      [
        'a-again.xml',
        a.id,
        {
          code: 'MIGRATION_FILE_DUPLICATE',
          message: `A signed request of ${a.name} was loaded already (a.xml); this one was left out.`,
          details: { companyName: a.name, takenFile: 'a.xml' },
        },
      ],
    ])
  })

  it('sets aside each file that cannot be run, with its company where it names one', () => {
    const { matched, rejected } = matchSignedFiles(deps, [
      file('b.xml', 2, nipOf(b)),
      file('a-as-b.xml', 1, nipOf(b)),
      file('b-old.xml', 3, nipOf(b)),
      file('none.xml', 4, nthNip(77)),
      { name: 'not.xml', base64: Buffer.from('<Faktura/>').toString('base64') },
    ])
    expect(matched).toEqual([])
    expect(
      rejected.map(({ company, ...file }) => ({ ...file, companyId: company?.companyId ?? null })),
    ).toEqual([
      {
        fileName: 'b.xml',
        companyId: b.id,
        expired: true,
        error: {
          code: 'AUTH_REQUEST_CHALLENGE_EXPIRED',
          message:
            'The challenge of this request is older than 10 minutes: download a new request and sign it again.',
          details: { expiredAt: known[1]?.expiresAt },
        },
      },
      {
        fileName: 'a-as-b.xml',
        companyId: a.id,
        expired: false,
        error: {
          code: 'AUTH_REQUEST_OTHER_COMPANY',
          message: `The signed request is for Nip ${nipOf(b)}, not for this company.`,
          details: { requestContext: `Nip ${nipOf(b)}` },
        },
      },
      {
        fileName: 'b-old.xml',
        companyId: b.id,
        expired: false,
        error: {
          code: 'MIGRATION_FILE_UNKNOWN_CHALLENGE',
          message: `This is not the latest request written for ${b.name}: it was used already or a newer one replaced it. Sign the latest request, or write a new one.`,
          details: { companyName: b.name },
        },
      },
      {
        fileName: 'none.xml',
        companyId: null,
        expired: false,
        error: {
          code: 'MIGRATION_FILE_NO_COMPANY',
          message: `The signed request is for Nip ${nthNip(77)}, which no company on the list has.`,
          details: { requestContext: `Nip ${nthNip(77)}` },
        },
      },
      {
        fileName: 'not.xml',
        companyId: null,
        expired: false,
        error: {
          code: 'XML_UNREADABLE',
          message: 'The file is not a KSeF AuthTokenRequest document.',
        },
      },
    ])
  })
})

describe('matchSignedFiles, against KSeF’s limit of certificates per signer', () => {
  it('sends no more files of one PESEL than the 6 KSeF certificates it may hold; a seal’s own NIP is its own', async () => {
    const companies = seededCompanies(8)
    const batchChallenge = (n: number) =>
      `20261203-CR-${String(n).padStart(10, '0')}-BBBBBBBBBB-1${n}`
    const challenges: StoredChallenge[] = companies.map((company, n) => ({
      companyId: company.id,
      challenge: batchChallenge(n),
      issuedAt: new Date(now - 60_000).toISOString(),
      expiresAt: new Date(now + 9 * 60_000).toISOString(),
    }))
    const limited = {
      ...deps,
      companies: { list: () => companies },
      auth: { findChallenge: (c: string) => challenges.find((k) => k.challenge === c) },
    }
    const base64Der = async (subject: Parameters<typeof createTestCertificate>[0]) =>
      (await createTestCertificate(subject)).certificate.toString('base64')
    const person = await base64Der({
      kind: 'person',
      givenName: 'Anna',
      surname: 'Księgowa',
      identifier: { type: 'Pesel', value: '85010112345' },
    })
    const seal = await base64Der({
      kind: 'seal',
      organizationName: 'Klient 7',
      nip: nipOf(companies[7] as Company),
    })
    const signedBy = (certificate: string, n: number) => {
      const company = companies[n] as Company
      const xml = buildAuthTokenRequest({
        challenge: batchChallenge(n),
        context: { type: 'Nip', value: nipOf(company) },
      })
      const keyInfo = `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>`
      const signed = xml.replace(
        '</AuthTokenRequest>',
        `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/>${keyInfo}</ds:Signature></AuthTokenRequest>`,
      )
      return { name: `${nipOf(company)}.xml`, base64: Buffer.from(signed).toString('base64') }
    }
    const files = [...[0, 1, 2, 3, 4, 5, 6].map((n) => signedBy(person, n)), signedBy(seal, 7)]

    const { matched, rejected } = matchSignedFiles(limited, files)

    expect(matched.map((m) => m.company.id)).toEqual(
      [0, 1, 2, 3, 4, 5, 7].map((n) => companies[n]?.id),
    )
    const seventh = companies[6] as Company
    expect(rejected).toEqual([
      {
        fileName: `${nipOf(seventh)}.xml`,
        company: expect.objectContaining({ companyId: seventh.id }) as unknown,
        expired: false,
        error: {
          code: 'MIGRATION_SIGNER_LIMIT',
          message: `PESEL 85010112345 signed 7 of these requests, and KSeF lets one subject hold at most 6 active KSeF certificates: ${seventh.name} was not moved. Sign its request with the company's own seal or another person's signature, or assign it an identity (Tożsamości).`,
          details: {
            companyName: seventh.name,
            signerType: 'Pesel',
            signer: '85010112345',
            count: 7,
            limit: 6,
          },
        },
      },
    ])
  })
})

describe('migrationCertificateName', () => {
  it('takes the company name as KSeF takes it, within the 50 characters of the MF web app', () => {
    const named = (name: string) =>
      migrationCertificateName({ name, identifier: { type: 'Nip', value: '5265877635' } })
    expect(named('Biuro "Rachmistrz" Sp. z o.o.')).toBe('Biuro Rachmistrz Sp z o o')
    expect(named(`Przedsiębiorstwo ${'Wielobranżowe '.repeat(4)}`)).toBe(
      'Przedsiębiorstwo Wielobranżowe Wielobranżowe Wielo',
    )
    expect(named('A.B.')).toBe('Certyfikat 5265877635')
  })
})
