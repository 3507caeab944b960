// A data folder written by the version before Tożsamości (test/fixtures/identities-migration,
// made by write-fixture.ts through that version's handlers): the office's certificate imported
// for three companies with the "other subject has permissions" consent — Alfa's and Gamma's
// default, Beta's beside its own default. Opened by this version, it becomes one identity
// assigned to the three, its key still opens, and each company keeps what logged it in.
import { cpSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import { identityKeySecret } from '../../../electron/identities/identity-repository'
import { openNodeServices } from '../../../electron/node-services'
import { settingsFilePath } from '../../../electron/vault/conf-settings-store'
import { certificateKeySecret } from '../../../electron/vault/secret-store'
import type { AuthState } from '../../../shared/domain/auth'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import type { IdentityRow } from '../../../shared/domain/identities'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { tempFolder } from '../../support/temp-folder'

const fixture = join(__dirname, '../../fixtures/identities-migration/data')
const passphrase = 'Hasło folderu CLI 2026!'
const quick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20)))

interface Written {
  companies: { id: string; name: string; identifier: { value: string } }[]
  certificates: CertificateSummary[]
}
const written = JSON.parse(readFileSync(join(fixture, 'settings.json'), 'utf8')) as Written
const byName = (name: string) => {
  const company = written.companies.find((c) => c.name === name)
  if (!company) throw new Error(name)
  return company
}
const alfa = byName('Alfa Sp. z o.o.')
const beta = byName('Beta S.A.')
const gamma = byName('Gamma Sp. j.')
const office = (companyId: string) => {
  const found = written.certificates.find(
    (c) => c.companyId === companyId && c.name === 'Biuro Rachunkowe Rachmistrz',
  )
  if (!found) throw new Error(companyId)
  return found
}
const betaOwn = written.certificates.find((c) => c.companyId === beta.id && c.name === beta.name)

let sim: RunningSimulator
let folder: { path: string; remove(): void }
beforeEach(async () => {
  sim = await startSimulator({ authStatusDelayMs: 50, limits: false })
  folder = tempFolder('ksef-desk-identities-migration-')
  cpSync(fixture, folder.path, { recursive: true })
})
afterEach(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
  folder.remove()
})

async function open() {
  const services = await openNodeServices({
    dataFolder: folder.path,
    passphrase,
    ksefApiUrl: sim.url,
    sleep: quick,
  })
  const dispatch = createDispatch(handlers, services.ctx)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
    return envelope.value as T
  }
  return { ...services, dispatch, call }
}

describe('a data folder of the version before Tożsamości', () => {
  it('becomes one identity assigned to the three companies; each keeps what logged it in', async () => {
    const officeNip = office(alfa.id).subjectIdentifier?.value ?? ''
    sim.seed.grantPermission({
      context: { type: 'Nip', value: alfa.identifier.value },
      subject: { type: 'Nip', value: officeNip },
      permissions: ['InvoiceRead', 'InvoiceWrite'],
    })
    sim.seed.grantPermission({
      context: { type: 'Nip', value: beta.identifier.value },
      subject: { type: 'Nip', value: officeNip },
      permissions: ['InvoiceRead'],
    })
    const app = await open()
    try {
      const [identity, ...others] = await app.call<IdentityRow[]>('identities:list', undefined)
      expect(others).toEqual([])
      const migrated = office(alfa.id)
      expect(identity).toEqual({
        id: migrated.id,
        name: 'Biuro Rachunkowe Rachmistrz',
        kind: 'Authentication',
        serialNumber: migrated.serialNumber,
        subject: migrated.subject,
        subjectIdentifier: { type: 'Nip', value: officeNip },
        issuer: migrated.issuer,
        issuerKind: 'selfSigned',
        environments: ['Test'],
        validFrom: migrated.validFrom,
        validTo: migrated.validTo,
        fingerprintSha256: migrated.fingerprintSha256,
        keyAlgorithm: migrated.keyAlgorithm,
        addedAt: migrated.addedAt,
        ksefStatus: null,
        companyIds: [alfa.id, beta.id, gamma.id],
      })
      expect(await app.call('certificates:list', { companyId: alfa.id })).toEqual([])
      expect(await app.call('certificates:list', { companyId: gamma.id })).toEqual([])
      expect(await app.call('certificates:list', { companyId: beta.id })).toEqual([betaOwn])

      // The key moved under the identity; the companies' copies and the duplicate files are gone.
      expect(await app.ctx.secrets.get(identityKeySecret(migrated.id))).toMatch(/PRIVATE KEY/)
      for (const company of [alfa, beta, gamma]) {
        expect(
          await app.ctx.secrets.get(certificateKeySecret(company.id, office(company.id).id)),
        ).toBeUndefined()
      }
      expect(readdirSync(join(folder.path, 'certificates')).sort()).toEqual(
        [`${migrated.id}.pem`, `${betaOwn?.id ?? ''}.pem`].sort(),
      )

      expect(await app.call('identities:forCompany', { companyId: alfa.id })).toMatchObject({
        loginCertificate: { kind: 'identity', identityId: migrated.id },
      })
      expect(await app.call('identities:forCompany', { companyId: beta.id })).toMatchObject({
        loginCertificate: { kind: 'certificate', certificateId: betaOwn?.id },
      })

      // Alfa logs in with the identity in its own context (granted); Beta with its own default.
      const alfaState = await app.call<AuthState>('auth:loginWithCertificate', {
        companyId: alfa.id,
      })
      expect(alfaState.session).toMatchObject({ method: 'certificate', credentialId: migrated.id })
      const betaState = await app.call<AuthState>('auth:loginWithCertificate', {
        companyId: beta.id,
      })
      expect(betaState.session).toMatchObject({ credentialId: betaOwn?.id })
      // Gamma granted the office nothing: KSeF answers 415, which the app explains.
      expect(
        await app.dispatch('auth:loginWithCertificate', { companyId: gamma.id }),
      ).toMatchObject({
        ok: false,
        error: {
          code: 'KSEF_AUTH_FAILED',
          details: { ksefCodeKind: 'authStatus', ksefCode: 415 },
        },
      })
    } finally {
      await app.close()
    }

    // Moved once: the file says so, and the next start changes nothing.
    const after = readFileSync(settingsFilePath(folder.path), 'utf8')
    expect(JSON.parse(after)).toMatchObject({ identitiesMigrated: true })
    const again = await open()
    await again.close()
    expect(readFileSync(settingsFilePath(folder.path), 'utf8')).toBe(after)
  })
})
