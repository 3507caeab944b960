import { X509Certificate } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FolderFileSaver } from '../../../electron/files/folder-file-saver'
import { openNodeServices } from '../../../electron/node-services'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import type { CertificateExportResult } from '../../../shared/domain/ksef-certificates'
import { generateExportPassword } from '../../../shared/validation/export-password'
import type { RunningSimulator } from '../../ksef-sim'
import { FakeClock, RecordingEvents, memoryContext } from '../../support/memory-context'
import { filesContaining, tempFolder } from '../../support/temp-folder'
import { mustRun, run } from '../../support/tools'
import { addCompany, appOver, logInWithTestCertificate, nip, noWait, simulator } from './harness'

// Eksportuj, end to end: the files main writes through the file-saving port, checked by openssl,
// imported again into a fresh data folder and used to log in to the simulator.

let clock: FakeClock
let sim: RunningSimulator
let folder: ReturnType<typeof tempFolder>
beforeEach(async () => {
  // openssl and the simulator's CA stamp certificates by this clock; the app reads them by it too.
  clock = new FakeClock(Date.now())
  sim = await simulator(clock)
  folder = tempFolder('ksef-desk-export-')
})
afterEach(async () => {
  expect(sim.contractViolations).toEqual([])
  await sim.close()
  folder.remove()
})

const sealSubject = {
  commonName: 'Spółka Testowa',
  countryName: 'PL',
  organizationName: 'Spółka Testowa',
  organizationIdentifier: `VATPL-${nip}`,
}

/** The app with a Test company, saving exports into `out` (created by the first export). */
async function app(out = join(folder.path, 'out')) {
  const harness = await memoryContext({
    ksefApiUrl: sim.url,
    clock,
    sleep: noWait,
    fileSaver: new FolderFileSaver(out),
  })
  const driven = appOver(harness.ctx, harness.events)
  const company = await addCompany(driven)
  return { ...driven, ...harness, company, out }
}

type App = Awaited<ReturnType<typeof app>>

/** A KSeF certificate issued by the simulator's CA, stored here with its key (certificates:import). */
async function storedKsefCertificate(
  target: App,
  keyType: 'EC' | 'RSA' = 'EC',
  type: 'Authentication' | 'Offline' = 'Authentication',
) {
  const issued = await sim.seed.issueCertificate({
    subject: sealSubject,
    keyType,
    type,
    name: 'Pieczęć: biuro/księgowość',
  })
  const file = (name: string, text: string) => ({
    name,
    base64: Buffer.from(text).toString('base64'),
  })
  const stored = await target.call<CertificateSummary>('certificates:import', {
    companyId: target.company.id,
    files: {
      certificate: file('cert.pem', issued.certificatePem),
      privateKey: file('key.pem', issued.privateKeyPem),
    },
    password: '',
    makeDefault: true,
  })
  return { issued, stored }
}

const openssl = (...args: string[]) => mustRun('openssl', args)
const publicKeyOfCertificate = (path: string) => openssl('x509', '-in', path, '-pubkey', '-noout')
const derOf = (pem: string) => new X509Certificate(pem).raw

describe('certificates:export as .crt + .key', () => {
  it.each(['EC', 'RSA'] as const)(
    'writes a %s pair: openssl opens the key with the password, and it is the certificate’s key',
    async (keyType) => {
      const target = await app()
      const { issued, stored } = await storedKsefCertificate(target, keyType)
      const password = generateExportPassword()
      const result = await target.call<CertificateExportResult>('certificates:export', {
        companyId: target.company.id,
        certificateId: stored.id,
        format: 'pem',
        password,
      })
      const stem = `Spółka_Testowa_${stored.serialNumber}`
      expect(result).toEqual({
        certificateOnly: false,
        files: [
          { name: `${stem}.crt`, saved: true, location: join(target.out, `${stem}.crt`) },
          { name: `${stem}.key`, saved: true, location: join(target.out, `${stem}.key`) },
        ],
      })
      const crt = join(target.out, `${stem}.crt`)
      const key = join(target.out, `${stem}.key`)
      expect(derOf(readFileSync(crt, 'utf8'))).toEqual(derOf(issued.certificatePem))
      expect(statSync(key).mode & 0o777).toBe(0o600)

      expect(openssl('asn1parse', '-in', key)).toMatch(
        /PBES2[\s\S]*PBKDF2[\s\S]*hmacWithSHA256[\s\S]*aes-256-cbc/,
      )
      const keyPublic = openssl('pkey', '-in', key, '-passin', `pass:${password}`, '-pubout')
      expect(keyPublic).toBe(publicKeyOfCertificate(crt))
      expect(
        run('openssl', ['pkey', '-in', key, '-passin', 'pass:Inne-Haslo-2026!!', '-noout']).status,
      ).not.toBe(0)
    },
  )

  it('never overwrites: a second export into the same folder is refused and the first stays', async () => {
    const target = await app()
    const { stored } = await storedKsefCertificate(target)
    const input = {
      companyId: target.company.id,
      certificateId: stored.id,
      format: 'pem',
      password: generateExportPassword(),
    }
    const first = await target.call<CertificateExportResult>('certificates:export', input)
    const before = first.files.map((f) => readFileSync(f.location ?? ''))
    const refused = await target.refused('certificates:export', {
      ...input,
      password: generateExportPassword(),
    })
    expect(refused).toMatchObject({
      code: 'FILE_EXISTS',
      details: { name: first.files[0]?.name, folder: target.out },
    })
    expect(first.files.map((f) => readFileSync(f.location ?? ''))).toEqual(before)
    expect(readdirSync(target.out)).toHaveLength(2)
  })
})

describe('certificates:export as .p12', () => {
  it('writes one .p12 that openssl 3 opens with the password: PBES2 AES-256, SHA-256 MAC', async () => {
    const target = await app()
    const { issued, stored } = await storedKsefCertificate(target, 'RSA')
    const password = generateExportPassword()
    const result = await target.call<CertificateExportResult>('certificates:export', {
      companyId: target.company.id,
      certificateId: stored.id,
      format: 'p12',
      password,
    })
    expect(result.certificateOnly).toBe(false)
    expect(result.files.map((f) => f.name)).toEqual([`Spółka_Testowa_${stored.serialNumber}.p12`])
    const p12 = result.files[0]?.location ?? ''
    expect(statSync(p12).mode & 0o777).toBe(0o600)

    const info = run('openssl', [
      'pkcs12',
      '-in',
      p12,
      '-passin',
      `pass:${password}`,
      '-info',
      '-noout',
    ])
    expect(info.status).toBe(0)
    expect(info.stderr).toMatch(/MAC: sha256/)
    expect(info.stderr).toMatch(/PBES2, PBKDF2, AES-256-CBC/)
    const dumped = openssl('pkcs12', '-in', p12, '-passin', `pass:${password}`, '-nodes')
    expect(derOf(dumped)).toEqual(derOf(issued.certificatePem))
    const keyPublic = mustRun('openssl', ['pkey', '-pubout'], { input: Buffer.from(dumped) })
    expect(keyPublic).toBe(
      mustRun('openssl', ['x509', '-pubkey', '-noout'], { input: Buffer.from(dumped) }),
    )
    expect(
      run('openssl', ['pkcs12', '-in', p12, '-passin', 'pass:Zle-Haslo-2026!!', '-nodes']).status,
    ).not.toBe(0)
  })
})

describe('an exported pair on another computer', () => {
  it.each(['pem', 'p12'] as const)(
    'imports into a fresh data folder (%s) and logs in to the simulator',
    async (format) => {
      const target = await app()
      const { stored } = await storedKsefCertificate(target)
      const password = generateExportPassword()
      const result = await target.call<CertificateExportResult>('certificates:export', {
        companyId: target.company.id,
        certificateId: stored.id,
        format,
        password,
      })
      const bytes = (index: number) => {
        const saved = result.files[index]
        return {
          name: saved?.name ?? '',
          base64: readFileSync(saved?.location ?? '').toString('base64'),
        }
      }

      const dataFolder = join(folder.path, 'fresh-data')
      const events = new RecordingEvents()
      const fresh = await openNodeServices({
        dataFolder,
        passphrase: 'another computer',
        clock,
        events,
        ksefApiUrl: sim.url,
        sleep: noWait,
      })
      try {
        const other = appOver(fresh.ctx, events)
        const company = await addCompany(other)
        const imported = await other.call<CertificateSummary>('certificates:import', {
          companyId: company.id,
          files:
            format === 'pem'
              ? { certificate: bytes(0), privateKey: bytes(1) }
              : { pkcs12: bytes(0) },
          password,
          makeDefault: true,
        })
        expect(imported).toMatchObject({
          serialNumber: stored.serialNumber,
          fingerprintSha256: stored.fingerprintSha256,
          issuerKind: 'ksef',
          isDefault: true,
        })
        const state = await other.call<{ session: { method: string } | null }>(
          'auth:loginWithCertificate',
          { companyId: company.id },
        )
        expect(state.session).toMatchObject({ method: 'certificate' })
      } finally {
        await fresh.close()
      }
      expect(filesContaining(dataFolder, password)).toEqual([])
    },
  )
})

describe('a password that breaks an MF rule', () => {
  it.each([
    [
      'too short',
      'Krotkie-1A',
      'EXPORT_PASSWORD_LENGTH',
      'The password must have 15–32 characters.',
    ],
    [
      'too long',
      `Aa1!${'x'.repeat(29)}`,
      'EXPORT_PASSWORD_LENGTH',
      'The password must have 15–32 characters.',
    ],
    [
      'no upper-case letter',
      'haslo-do-eksportu-1',
      'EXPORT_PASSWORD_UPPER',
      'The password must have at least one upper-case letter (A–Z).',
    ],
    [
      'no lower-case letter',
      'HASLO-DO-EKSPORTU-1',
      'EXPORT_PASSWORD_LOWER',
      'The password must have at least one lower-case letter (a–z).',
    ],
    [
      'no digit',
      'Haslo-do-eksportu!',
      'EXPORT_PASSWORD_DIGIT',
      'The password must have at least one digit.',
    ],
    [
      'no special character',
      'HasloDoEksportu2026',
      'EXPORT_PASSWORD_SPECIAL',
      'The password must have at least one of !@#$%^&*()-_+=',
    ],
    [
      'a Polish letter',
      'Hasło-do-eksportu-1',
      'EXPORT_PASSWORD_CHARACTERS',
      'The password may hold only letters A–Z and a–z, digits and !@#$%^&*()-_+=: no Polish letters, no spaces, no other characters.',
    ],
    [
      'a space',
      'Haslo do eksportu-1',
      'EXPORT_PASSWORD_CHARACTERS',
      'The password may hold only letters A–Z and a–z, digits and !@#$%^&*()-_+=: no Polish letters, no spaces, no other characters.',
    ],
  ])(
    'is refused when %s, with its own code and message, and nothing is written',
    async (_what, password, code, message) => {
      const target = await app()
      const { stored } = await storedKsefCertificate(target)
      for (const format of ['pem', 'p12'] as const) {
        expect(
          await target.refused('certificates:export', {
            companyId: target.company.id,
            certificateId: stored.id,
            format,
            password,
          }),
        ).toMatchObject({ code, message })
      }
      expect(existsSync(target.out)).toBe(false)
    },
  )
})

describe('a certificate with no key here', () => {
  it('exports the .crt only when the stored certificate’s key is gone (no password needed)', async () => {
    const target = await app()
    const { issued, stored } = await storedKsefCertificate(target)
    await target.secrets.delete(`company/${target.company.id}/certificate/${stored.id}/key`)
    const result = await target.call<CertificateExportResult>('certificates:export', {
      companyId: target.company.id,
      certificateId: stored.id,
      format: 'p12',
      password: '',
    })
    expect(result).toMatchObject({
      certificateOnly: true,
      files: [{ name: `Spółka_Testowa_${stored.serialNumber}.crt`, saved: true }],
    })
    expect(readdirSync(target.out)).toHaveLength(1)
    expect(derOf(readFileSync(result.files[0]?.location ?? '', 'utf8'))).toEqual(
      derOf(issued.certificatePem),
    )
  })

  it('reads a certificate only KSeF has (ksef:SERIAL) from KSeF and exports its .crt', async () => {
    const target = await app()
    const issued = await sim.seed.issueCertificate({
      subject: sealSubject,
      name: 'Wydany gdzie indziej',
    })
    const serial = new X509Certificate(issued.certificatePem).serialNumber.toUpperCase()
    const input = {
      companyId: target.company.id,
      certificateId: `ksef:${serial}`,
      format: 'pem',
      password: '',
    }
    expect(await target.refused('certificates:export', input)).toMatchObject({
      code: 'AUTH_NOT_LOGGED_IN',
    })
    expect(existsSync(target.out)).toBe(false)

    await logInWithTestCertificate(target, target.company.id)
    const result = await target.call<CertificateExportResult>('certificates:export', input)
    expect(result).toMatchObject({
      certificateOnly: true,
      files: [{ name: `Wydany_gdzie_indziej_${serial}.crt`, saved: true }],
    })
    expect(derOf(readFileSync(result.files[0]?.location ?? '', 'utf8'))).toEqual(
      derOf(issued.certificatePem),
    )

    expect(
      await target.refused('certificates:export', {
        ...input,
        certificateId: 'ksef:00AB00AB00AB00AB',
      }),
    ).toMatchObject({ code: 'CERT_NOT_IN_KSEF', details: { serialNumber: '00AB00AB00AB00AB' } })
  })

  it('refuses a certificate that is not stored', async () => {
    const target = await app()
    expect(
      await target.refused('certificates:export', {
        companyId: target.company.id,
        certificateId: '00000000-0000-4000-8000-000000000000',
        format: 'pem',
        password: generateExportPassword(),
      }),
    ).toMatchObject({ code: 'CERT_NOT_FOUND' })
    expect(existsSync(target.out)).toBe(false)
  })
})
