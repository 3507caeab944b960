import { describe, expect, it } from 'vitest'
import type { Company } from '../../../shared/domain/company'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import {
  identityIdentifier,
  loginCertificateOf,
  nipsOfText,
  selectCompanies,
  type Identity,
} from '../../../shared/domain/identities'
import { seededCompanies } from '../../support/company-seed'

const companyId = '00000000-0000-4000-8000-000000000001'
const at = '2026-11-01T08:00:00.000Z'
const now = Date.parse('2026-12-03T10:00:00.000Z')

const identity: Identity = {
  id: '00000000-0000-4000-8000-0000000000aa',
  name: 'Biuro Rachunkowe',
  kind: 'Authentication',
  serialNumber: '0123456789ABCDEF',
  subject: 'CN=Biuro Rachunkowe',
  subjectIdentifier: { type: 'Nip', value: '5265877635' },
  issuer: 'CN=Biuro Rachunkowe',
  issuerKind: 'selfSigned',
  environments: ['Test'],
  validFrom: at,
  validTo: '2028-11-01T08:00:00.000Z',
  fingerprintSha256: 'AB'.repeat(32),
  keyAlgorithm: 'EC P-256',
  addedAt: at,
  ksefStatus: null,
}

const own = (changes: Partial<CertificateSummary> = {}): CertificateSummary => ({
  id: '00000000-0000-4000-8000-0000000000c1',
  companyId,
  name: 'Własny',
  kind: 'Authentication',
  serialNumber: '00',
  subject: 'CN=Własny',
  subjectIdentifier: null,
  issuer: 'CN=Własny',
  issuerKind: 'selfSigned',
  environment: 'Test',
  validFrom: at,
  validTo: '2027-11-01T08:00:00.000Z',
  fingerprintSha256: 'CD'.repeat(32),
  keyAlgorithm: 'EC P-256',
  origin: 'testCertificate',
  addedAt: at,
  isDefault: true,
  ksefStatus: null,
  ksefCheckedAt: null,
  ...changes,
})

describe('what logs a company in (loginCertificateOf)', () => {
  it("the company's own default Authentication certificate comes first", () => {
    expect(loginCertificateOf(companyId, [own()], identity, now)).toEqual({
      kind: 'certificate',
      certificateId: own().id,
      name: 'Własny',
    })
  })

  it('the identity, when the company has no default of its own or KSeF barred it', () => {
    const identityChoice = { kind: 'identity', identityId: identity.id, name: identity.name }
    expect(loginCertificateOf(companyId, [], identity, now)).toEqual(identityChoice)
    expect(loginCertificateOf(companyId, [own({ isDefault: false })], identity, now)).toEqual(
      identityChoice,
    )
    expect(loginCertificateOf(companyId, [own({ kind: 'Offline' })], identity, now)).toEqual(
      identityChoice,
    )
    expect(loginCertificateOf(companyId, [own({ ksefStatus: 'Revoked' })], identity, now)).toEqual(
      identityChoice,
    )
    // Past its validity, or before it, the own default does not log in: the identity does.
    const past = own({ validTo: '2026-12-01T00:00:00.000Z' })
    expect(loginCertificateOf(companyId, [past], identity, now)).toEqual(identityChoice)
    const early = own({ validFrom: '2026-12-04T00:00:00.000Z' })
    expect(loginCertificateOf(companyId, [early], identity, now)).toEqual(identityChoice)
    // Another company's default is not this one's.
    expect(loginCertificateOf(companyId, [own({ companyId: identity.id })], identity, now)).toEqual(
      identityChoice,
    )
  })

  it('a barred own default without an identity stays (the login says why); else nothing', () => {
    expect(loginCertificateOf(companyId, [own({ ksefStatus: 'Expired' })], undefined, now)).toEqual(
      {
        kind: 'certificate',
        certificateId: own().id,
        name: 'Własny',
      },
    )
    const past = own({ validTo: '2026-12-01T00:00:00.000Z' })
    expect(loginCertificateOf(companyId, [past], undefined, now)).toMatchObject({
      kind: 'certificate',
    })
    expect(loginCertificateOf(companyId, [], undefined, now)).toEqual({ kind: 'none' })
  })
})

describe('choosing companies for an assignment', () => {
  const companies: Company[] = seededCompanies(6) // Test, Demo, Production in turn
  const nip = (i: number) => companies[i]?.identifier.value ?? ''

  it('all: every company of the environments the identity works in', () => {
    expect(selectCompanies({ all: true }, companies, ['Test', 'Demo'])).toEqual({
      companies: [companies[0], companies[1], companies[3], companies[4]],
      unknownNips: [],
      otherEnvironment: [],
    })
  })

  it('a NIP list: the companies named, NIPs naming none, companies of another environment', () => {
    const dashed = `${nip(0).slice(0, 3)}-${nip(0).slice(3)}`
    expect(selectCompanies({ nips: [dashed, nip(2), '1111111111'] }, companies, ['Test'])).toEqual({
      companies: [companies[0]],
      unknownNips: ['1111111111'],
      otherEnvironment: [companies[2]],
    })
  })

  it('reads NIPs as an office pastes them', () => {
    expect(nipsOfText(' 526-587-76-35,7740001454;\n1200000229  \t')).toEqual([
      '5265877635',
      '7740001454',
      '1200000229',
    ])
    expect(nipsOfText(' , ;\n')).toEqual([])
  })
})

describe('the identifier an identity is shown with', () => {
  it('its NIP or PESEL, or its fingerprint when the subject names neither', () => {
    expect(identityIdentifier(identity)).toEqual({ type: 'Nip', value: '5265877635' })
    expect(identityIdentifier({ ...identity, subjectIdentifier: null })).toEqual({
      type: 'Fingerprint',
      value: identity.fingerprintSha256,
    })
  })
})
