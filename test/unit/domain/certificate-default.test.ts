import { describe, expect, it } from 'vitest'
import { defaultHeir } from '../../../shared/domain/certificate-default'
import type { CertificateSummary } from '../../../shared/domain/credentials'

const companyId = '6f1c2b8e-1b1a-4c1e-9a55-0b6c1f6d2a11'

function certificate(id: string, overrides: Partial<CertificateSummary> = {}): CertificateSummary {
  return {
    id: `00000000-0000-4000-8000-00000000000${id}`,
    companyId,
    name: `Certyfikat ${id}`,
    kind: 'Authentication',
    serialNumber: `0${id}`,
    subject: 'CN=Spółka, 2.5.4.97=VATPL-5265877635',
    subjectIdentifier: { type: 'Nip', value: '5265877635' },
    issuer: 'CN=TEST CCK KSeF',
    issuerKind: 'ksef',
    environment: 'Test',
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2028-01-01T00:00:00.000Z',
    fingerprintSha256: id,
    keyAlgorithm: 'EC P-256',
    origin: 'enrolled',
    addedAt: `2026-11-0${id}T08:00:00.000Z`,
    isDefault: false,
    ksefStatus: null,
    ksefCheckedAt: null,
    ...overrides,
  }
}

describe('defaultHeir', () => {
  const leaving = certificate('1', { isDefault: true })

  it('is the newest other certificate of the same kind and identifier', () => {
    const older = certificate('2')
    const newer = certificate('3')
    expect(defaultHeir([leaving, older, newer], leaving)).toBe(newer)
  })

  it('is nobody when the certificate leaving was not the default', () => {
    expect(defaultHeir([certificate('2')], { ...leaving, isDefault: false })).toBeUndefined()
  })

  it('skips another kind, another company, what KSeF revoked, blocked or expired', () => {
    const candidates = [
      certificate('2', { kind: 'Offline' }),
      certificate('3', { companyId: '7f1c2b8e-1b1a-4c1e-9a55-0b6c1f6d2a11' }),
      certificate('4', { ksefStatus: 'Revoked' }),
      certificate('5', { ksefStatus: 'Blocked' }),
      certificate('6', { ksefStatus: 'Expired' }),
    ]
    expect(defaultHeir(candidates, leaving)).toBeUndefined()
    const active = certificate('7', { ksefStatus: 'Active' })
    expect(defaultHeir([...candidates, active], leaving)).toBe(active)
  })

  it('never hands the default to a certificate issued for another identifier', () => {
    const other = certificate('2', { subjectIdentifier: { type: 'Nip', value: '7740001454' } })
    const pesel = certificate('3', { subjectIdentifier: { type: 'Pesel', value: '5265877635' } })
    expect(defaultHeir([other, pesel], leaving)).toBeUndefined()
  })
})
