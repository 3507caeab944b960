import { describe, expect, it } from 'vitest'
import { emptySettings, salvageSettings } from '../../../electron/vault/settings-document'

const at = '2026-11-21T09:00:00.000Z'
const identity = {
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
  validTo: at,
  fingerprintSha256: 'AB'.repeat(32),
  keyAlgorithm: 'EC P-256',
  addedAt: at,
  ksefStatus: null,
}
const assignment = {
  identityId: identity.id,
  companyId: '00000000-0000-4000-8000-000000000001',
  assignedAt: at,
}

describe('the identities slice of the settings file', () => {
  it('keeps every readable identity and assignment, and quarantines the others alone', () => {
    const salvaged = salvageSettings(
      {
        schemaVersion: 1,
        identities: [identity, { ...identity, id: 'not-a-uuid' }],
        identityAssignments: [assignment, { ...assignment, companyId: 7 }],
        identitiesMigrated: true,
      },
      at,
    )
    if (!salvaged.readable) throw new Error(salvaged.problem)
    expect(salvaged.document.identities).toEqual([identity])
    expect(salvaged.document.identityAssignments).toEqual([assignment])
    expect(salvaged.document.identitiesMigrated).toBe(true)
    expect(salvaged.quarantined.map((q) => [q.section, q.reason])).toEqual([
      ['identities', 'id: Invalid UUID'],
      ['identityAssignments', 'companyId: Invalid input: expected string, received number'],
    ])
  })

  it('a file of an earlier version has no identities and is still to be migrated; a new one is not', () => {
    const salvaged = salvageSettings({ schemaVersion: 1, companies: [] }, at)
    if (!salvaged.readable) throw new Error(salvaged.problem)
    expect(salvaged.document).toMatchObject({
      identities: [],
      identityAssignments: [],
      identitiesMigrated: false,
    })
    expect(emptySettings().identitiesMigrated).toBe(true)
  })
})
