// The restore worked out before anything is written: ids that must not land on what is here, the
// references between the backup's records carried over to the new ids.
import { describe, expect, it } from 'vitest'
import type { BackupContents } from '../../../electron/backup/backup-contents'
import { planRestore } from '../../../electron/backup/restore-plan'
import { emptySettings } from '../../../electron/vault/settings-document'
import type { EnrollmentSummary } from '../../../shared/domain/ksef-certificates'
import { nthNip } from '../../support/company-seed'
import { seededSettings } from '../../support/data-folder-seed'

const seeded = seededSettings({ companies: 2 })
const [first, second] = seeded.companies
const certificate = seeded.certificates.find((c) => c.companyId === first?.id)
const token = seeded.tokens.find((t) => t.companyId === first?.id)
if (!first || !second || !certificate || !token) throw new Error('the seed changed')

const enrollment: EnrollmentSummary = {
  id: 'e0000000-0000-4000-8000-000000000001',
  companyId: first.id,
  environment: first.environment,
  name: 'Odnowiony',
  kind: 'Authentication',
  keyType: 'EC',
  validFrom: null,
  createdAt: '2026-11-20T09:00:00.000Z',
  referenceNumber: '20261120-CE-0000000001-01',
  status: null,
  serialNumber: null,
  certificateId: null,
  renews: certificate.id,
  makeDefault: true,
}

const contents: BackupContents = {
  kind: 'ksef-desk-backup',
  createdAt: '2026-11-21T09:00:00.000Z',
  appVersion: '0.0.0-test',
  preferences: seeded.preferences,
  companies: [first, second],
  certificates: [certificate],
  tokens: [token],
  enrollments: [enrollment],
  identities: [],
  identityAssignments: [],
  certificateFiles: { [certificate.id]: 'PEM' },
  certificateKeys: { [certificate.id]: 'KEY' },
  tokenSecrets: { [token.id]: 'TOKEN' },
  identityKeys: {},
  enrollmentKeys: { [enrollment.id]: 'ENROLLMENT KEY' },
}

describe('planRestore', () => {
  it('gives a company whose id is taken here a new one, and every credential a new id with its references', () => {
    // Another company here has the backup's first company's id (the same UUID, another NIP).
    const other = { ...first, identifier: { type: 'Nip' as const, value: nthNip(99) } }
    const document = { ...emptySettings(), companies: [other] }
    let n = 0
    const newId = () => `f0000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`
    const plan = planRestore(document, contents, {}, newId, '2026-12-03T08:00:00.000Z')

    const restoredFirst = plan.document.companies.find((c) => c.name === first.name && c !== other)
    expect(plan.document.companies).toHaveLength(3)
    expect(restoredFirst?.id).not.toBe(first.id)
    expect(plan.result.added).toEqual([restoredFirst?.id, second.id])
    const [restoredCertificate] = plan.document.certificates
    expect(restoredCertificate).toMatchObject({
      companyId: restoredFirst?.id,
      serialNumber: certificate.serialNumber,
    })
    expect(plan.document.enrollments).toMatchObject([
      { companyId: restoredFirst?.id, renews: restoredCertificate?.id, certificateId: null },
    ])
    const [restoredEnrollment] = plan.document.enrollments
    const [restoredToken] = plan.document.tokens
    expect(plan.filesToWrite).toEqual({ [restoredCertificate?.id ?? '']: 'PEM' })
    expect(plan.secretsToSet).toEqual({
      [`company/${restoredFirst?.id}/certificate/${restoredCertificate?.id}/key`]: 'KEY',
      [`company/${restoredFirst?.id}/token/${restoredToken?.id}`]: 'TOKEN',
      [`company/${restoredFirst?.id}/enrollment/${restoredEnrollment?.id}/key`]: 'ENROLLMENT KEY',
    })
    expect(plan.secretsToDelete).toEqual([])
    expect(plan.filesToRemove).toEqual([])
    // Sessions are this computer's: none come in.
    expect(plan.document.auth).toEqual(document.auth)
  })

  it('replacing a company takes away what it held here: its records now, its files and secrets after', () => {
    const here = { ...first, name: 'Tutaj' }
    const document = {
      ...emptySettings(),
      companies: [here],
      certificates: [{ ...certificate, id: 'c0000000-0000-4000-8000-000000000009' }],
      tokens: [{ ...token, id: 't0000000-0000-4000-8000-000000000009' }],
    }
    let n = 0
    const newId = () => `f0000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`
    const key = `Nip:${first.identifier.value}:${first.environment}`
    const plan = planRestore(
      document,
      contents,
      { [key]: 'replace' },
      newId,
      '2026-12-03T08:00:00.000Z',
    )
    expect(plan.result.replaced).toEqual([here.id])
    expect(plan.document.companies[0]).toMatchObject({ id: here.id, name: first.name })
    expect(plan.document.certificates.map((c) => c.id)).toEqual([plan.document.certificates[0]?.id])
    expect(plan.document.certificates[0]?.id).not.toBe('c0000000-0000-4000-8000-000000000009')
    expect(plan.filesToRemove).toEqual(['c0000000-0000-4000-8000-000000000009'])
    expect(plan.secretsToDelete).toEqual([
      `company/${here.id}/certificate/c0000000-0000-4000-8000-000000000009/key`,
      `company/${here.id}/token/t0000000-0000-4000-8000-000000000009`,
    ])
  })
})
