import { describe, expect, it } from 'vitest'
import { certificateActions } from '../../../shared/domain/certificate-actions'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import type { CertificateRow, EnrollmentSummary } from '../../../shared/domain/ksef-certificates'

const companyId = '6f1c2b8e-1b1a-4c1e-9a55-0b6c1f6d2a11'
const id = '00000000-0000-4000-8000-000000000001'

const stored = (overrides: Partial<CertificateSummary> = {}): CertificateSummary => ({
  id,
  companyId,
  name: 'Certyfikat',
  kind: 'Authentication',
  serialNumber: '01AB',
  subject: 'CN=Spółka',
  subjectIdentifier: { type: 'Nip', value: '5265877635' },
  issuer: 'CN=TEST CCK KSeF',
  issuerKind: 'ksef',
  environment: 'Test',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2028-01-01T00:00:00.000Z',
  fingerprintSha256: 'ab',
  keyAlgorithm: 'EC P-256',
  origin: 'enrolled',
  addedAt: '2026-11-01T08:00:00.000Z',
  isDefault: true,
  ksefStatus: null,
  ksefCheckedAt: null,
  ...overrides,
})

const enrollment = (overrides: Partial<EnrollmentSummary> = {}): EnrollmentSummary => ({
  id,
  companyId,
  environment: 'Test',
  name: 'Wniosek',
  kind: 'Authentication',
  keyType: 'EC',
  validFrom: null,
  createdAt: '2026-11-01T08:00:00.000Z',
  referenceNumber: '20261101-CE-0000000000-0000000000-01',
  status: { code: 100, description: 'Wniosek przyjęty do realizacji', details: [] },
  serialNumber: null,
  certificateId: null,
  renews: null,
  makeDefault: true,
  ...overrides,
})

const row = (overrides: Partial<CertificateRow>): CertificateRow => ({
  id,
  location: 'thisComputer',
  name: 'Certyfikat',
  kind: 'Authentication',
  serialNumber: '01AB',
  validFrom: null,
  validTo: null,
  ksefStatus: null,
  lastUseDate: null,
  isDefault: false,
  certificate: null,
  enrollment: null,
  ...overrides,
})

describe('certificateActions', () => {
  it('offers Sprawdź status while KSeF decides, Pobierz certyfikat once there is a serial, and to forget a refused one', () => {
    expect(certificateActions(row({ location: 'enrollment', enrollment: enrollment() }))).toEqual([
      'checkStatus',
    ])
    const issued = enrollment({
      status: { code: 200, description: 'ok', details: [] },
      serialNumber: '01AB',
    })
    expect(certificateActions(row({ location: 'enrollment', enrollment: issued }))).toEqual([
      'retrieve',
    ])
    const refused = enrollment({ status: { code: 400, description: 'no', details: [] } })
    expect(certificateActions(row({ location: 'enrollment', enrollment: refused }))).toEqual([
      'forget',
    ])
  })

  it('a KSeF Authentication certificate here: default, export, renew, revoke, remove', () => {
    expect(certificateActions(row({ certificate: stored(), ksefStatus: 'Active' }))).toEqual([
      'makeDefault',
      'export',
      'renew',
      'revoke',
      'remove',
    ])
  })

  it('an Offline one is checked; a self-signed one is neither renewed nor revoked', () => {
    expect(certificateActions(row({ certificate: stored({ kind: 'Offline' }) }))).toContain(
      'offlineCheck',
    )
    expect(certificateActions(row({ certificate: stored({ issuerKind: 'selfSigned' }) }))).toEqual([
      'makeDefault',
      'export',
      'remove',
    ])
  })

  it('only in KSeF: its .crt, revoke while active; revoked here: export and remove only', () => {
    expect(certificateActions(row({ location: 'ksefOnly', ksefStatus: 'Active' }))).toEqual([
      'export',
      'revoke',
    ])
    expect(certificateActions(row({ location: 'ksefOnly', ksefStatus: 'Revoked' }))).toEqual([
      'export',
    ])
    expect(
      certificateActions(
        row({ location: 'thisComputerUnusable', ksefStatus: 'Revoked', certificate: stored() }),
      ),
    ).toEqual(['export', 'remove'])
  })
})
