// ksef-desk's KSeF certificate commands against the simulator in a process of its own (the CLI runs
// in the test's process, through runCli): public keys, limits, enrollment with and without waiting,
// status, retrieve, KSeF's list, revocation, export checked by openssl, the Offline check with its QR
// code read by zbarimg. Each refusal with its exact code, exit status, and nothing changed.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActiveSession } from '../../../shared/domain/auth'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import type {
  CertificateLimits,
  CertificateListing,
  EnrollmentResult,
  EnrollmentSummary,
  PublicKeyCertificates,
} from '../../../shared/domain/ksef-certificates'
import { filesContaining } from '../../support/temp-folder'
import { mustRun, run } from '../../support/tools'
import { expectNothingChanged, expectRefusal, inProcessCli, type InProcessCli } from './in-process'
import {
  mintToken,
  parseJson,
  passphrase,
  startSimulatorProcess,
  type SimulatorProcess,
} from './simulator-process'

const exportPassword = 'Eksport-Haslo-2026'
let sim: SimulatorProcess
const folders: InProcessCli[] = []
const secrets: string[] = [passphrase, exportPassword]

beforeAll(async () => {
  sim = await startSimulatorProcess(['--status-delay', '0', '--limits', 'off'])
})
afterAll(async () => {
  expect(await sim.stop()).not.toMatch(/contract violation/)
  for (const folder of folders) {
    for (const { stdout, stderr } of folder.runs) {
      for (const secret of secrets) expect(stdout + stderr).not.toContain(secret)
    }
    for (const secret of secrets) expect(filesContaining(folder.dataDir, secret)).toEqual([])
    folder.remove()
  }
})

/** A data folder with the company, a test certificate as its default, logged in with it. */
async function loggedIn(nip: string): Promise<InProcessCli> {
  const folder = inProcessCli(sim.url)
  folders.push(folder)
  const { cli } = folder
  expect(
    (await cli(['companies', 'add', '--nip', nip, '--name', `Spółka ${nip}`, '--env', 'test']))
      .status,
  ).toBe(0)
  expect((await cli(['certificates', 'test', '--company', nip, '--default'])).status).toBe(0)
  expect((await cli(['login', '--company', nip, '--method', 'certificate'])).status).toBe(0)
  return folder
}

async function enrolled(
  folder: InProcessCli,
  nip: string,
  name: string,
  ...more: string[]
): Promise<CertificateSummary> {
  const result = parseJson<EnrollmentResult>(
    await folder.cli([
      'certificates',
      'enroll',
      '--company',
      nip,
      '--name',
      name,
      '--type',
      'authentication',
      ...more,
      '--json',
    ]),
  )
  if (!result.certificate) throw new Error(`not retrieved: ${JSON.stringify(result.enrollment)}`)
  return result.certificate
}

const listing = async (folder: InProcessCli, nip: string, ...more: string[]) =>
  parseJson<CertificateListing>(
    await folder.cli(['certificates', ...more, '--company', nip, '--json']),
  )

describe('ksef-desk certificates against the simulator', () => {
  it('public-keys: the MF keys of an environment, no company or session needed', async () => {
    const folder = inProcessCli(sim.url)
    folders.push(folder)
    const text = await folder.cli(['public-keys', '--env', 'test'])
    expect(text.status).toBe(0)
    expect(text.stdout).toMatch(/^MF public keys of Test, fetched at \S+Z:\n\n/)
    expect(text.stdout).toMatch(/^ {2}Usage: +KsefTokenEncryption$/m)
    expect(text.stdout).toMatch(/^ {2}Usage: +SymmetricKeyEncryption$/m)
    const keys = parseJson<PublicKeyCertificates>(
      await folder.cli(['public-keys', '--env', 'test', '--refresh', '--json']),
    )
    expect(keys.environment).toBe('Test')
    expect(
      keys.certificates
        .map((c) => c.usage)
        .flat()
        .sort(),
    ).toEqual(['KsefTokenEncryption', 'SymmetricKeyEncryption'])
    expectRefusal(await folder.cli(['public-keys']), 'CLI_USAGE', '--env is required.', 2)
    expectRefusal(
      await folder.cli(['public-keys', '--env', 'staging']),
      'CLI_USAGE',
      '--env must be one of test, demo, prod, not "staging".',
      2,
    )
  })

  it('limits, then enroll Authentication (EC): waits, retrieves, default; logs in with it', async () => {
    const nip = '2222222216'
    const folder = await loggedIn(nip)
    const { cli } = folder
    const limits = await cli(['certificates', 'limits', '--company', nip])
    expect(limits.stdout).toMatch(/^ {2}May enroll now: +yes$/m)
    expect(
      parseJson<CertificateLimits>(
        await cli(['certificates', 'limits', '--company', nip, '--json']),
      ),
    ).toMatchObject({ canRequest: true })

    const enroll = await cli([
      'certificates',
      'enroll',
      '--company',
      nip,
      '--name',
      'Certyfikat główny CLI',
      '--type',
      'authentication',
      '--default',
    ])
    expect(enroll.status).toBe(0)
    const serial =
      /^Certificate ([0-9A-F]+) issued by KSeF and stored for Spółka 2222222216 \(NIP 2222222216, Test\)\. It is the default Authentication certificate\.\n/.exec(
        enroll.stdout,
      )?.[1]
    expect(serial).toBeDefined()
    expect(enroll.stdout).toMatch(/^ {2}Key: +EC P-256$/m)
    expect(enroll.stderr).toContain('enroll: sending the request to KSeF\n')
    expect(enroll.stderr).toContain(
      'enroll: retrieving the certificate and pairing it with its key\n',
    )

    const rows = (await listing(folder, nip, 'list')).rows
    expect(rows.find((row) => row.serialNumber === serial)).toMatchObject({
      location: 'thisComputer',
      kind: 'Authentication',
      isDefault: true,
      certificate: { origin: 'enrolled', issuerKind: 'ksef' },
    })
    const listed = await cli(['certificates', 'list', '--company', nip])
    expect(listed.stdout).toContain(`Serial number: ${serial}`)
    expect(listed.stdout).toMatch(/^ {2}Where: +on this computer, with its key$/m)

    expect((await cli(['logout', '--company', nip])).status).toBe(0)
    expect((await cli(['login', '--company', nip, '--method', 'certificate'])).status).toBe(0)
    const sessions = parseJson<ActiveSession[]>(await cli(['sessions', '--company', nip, '--json']))
    // KSeF names the way in of a KSeF certificate login so.
    expect(sessions.find((s) => s.isCurrent)?.method).toBe('Certyfikat KSeF')
  })

  it('enroll Offline (RSA) --no-wait → status → retrieve → offline-check with a QR code', async () => {
    const nip = '2222222222'
    const folder = await loggedIn(nip)
    const { cli, path } = folder
    const sent = parseJson<EnrollmentResult>(
      await cli([
        'certificates',
        'enroll',
        '--company',
        nip,
        '--name',
        'Podpis offline',
        '--type',
        'offline',
        '--key',
        'rsa',
        '--no-wait',
        '--json',
      ]),
    )
    expect(sent.certificate).toBeNull()
    expect(sent.enrollment).toMatchObject({ kind: 'Offline', keyType: 'RSA', certificateId: null })
    const reference = sent.enrollment.referenceNumber ?? ''
    expect(reference).not.toBe('')
    const waiting = await cli(['certificates', 'list', '--company', nip])
    expect(waiting.stdout).toMatch(new RegExp(`^ {2}Enrollment: +${reference}$`, 'm'))
    expect(waiting.stdout).toMatch(/^ {2}Where: +an enrollment, not retrieved yet$/m)

    const status = await cli(['certificates', 'status', '--company', nip, '--reference', reference])
    expect(status.status).toBe(0)
    expect(status.stdout).toMatch(/^ {2}KSeF status: +enrollment 200 /m)
    expect(status.stdout).toContain(
      `Next: ksef-desk certificates retrieve --company ${nip} --reference ${reference}\n`,
    )
    const summary = parseJson<EnrollmentSummary>(
      await cli(['certificates', 'status', '--company', nip, '--reference', reference, '--json']),
    )
    expect(summary.serialNumber).toMatch(/^[0-9A-F]+$/)

    const retrieved = await cli([
      'certificates',
      'retrieve',
      '--company',
      nip,
      '--reference',
      reference,
    ])
    expect(retrieved.stdout).toMatch(
      new RegExp(`^Certificate ${summary.serialNumber} issued by KSeF and stored for `),
    )
    expect(retrieved.stdout).toMatch(/^ {2}Key: +RSA 2048$/m)

    const qr = path('kod-ii.png')
    const check = await cli([
      'certificates',
      'offline-check',
      '--company',
      nip,
      '--serial',
      summary.serialNumber ?? '',
      '--qr-out',
      qr,
    ])
    expect(check.status).toBe(0)
    expect(check.stdout).toMatch(/^ {2}Type by key usage: +Offline$/m)
    expect(check.stdout).toMatch(/^ {2}Key fits: +yes$/m)
    const link = /^ {2}Sample KOD II link: +(\S+)$/m.exec(check.stdout)?.[1] ?? ''
    expect(link).toMatch(
      new RegExp(
        `^https://qr-test\\.ksef\\.mf\\.gov\\.pl/certificate/Nip/${nip}/${nip}/${summary.serialNumber}/`,
      ),
    )
    expect(mustRun('zbarimg', ['--raw', '-q', qr]).trim()).toBe(link)
    // An existing file is never replaced without --force.
    expectRefusal(
      await cli([
        'certificates',
        'offline-check',
        '--company',
        nip,
        '--serial',
        summary.serialNumber ?? '',
        '--qr-out',
        qr,
      ]),
      'FILE_EXISTS',
    )

    await expectNothingChanged(folder.dataDir, async () => {
      expectRefusal(
        await cli(['certificates', 'status', '--company', nip, '--reference', 'NO-SUCH-REF']),
        'CERT_ENROLLMENT_NOT_FOUND',
        `No enrollment with the reference number NO-SUCH-REF for Spółka ${nip} (NIP ${nip}, Test) in this data folder. "ksef-desk certificates list" shows the enrollments.`,
      )
      expectRefusal(
        await cli(['certificates', 'retrieve', '--company', nip, '--reference', 'NO-SUCH-REF']),
        'CERT_ENROLLMENT_NOT_FOUND',
      )
      expectRefusal(
        await cli(['certificates', 'offline-check', '--company', nip, '--serial', 'ABCDEF']),
        'CERT_NOT_FOUND',
      )
    })
  })

  it('refuses an enrollment: name rules, a token session, no session, bad options; stores nothing', async () => {
    const nip = '2222222239'
    const folder = await loggedIn(nip)
    const { cli } = folder
    const enroll = (name: string, ...more: string[]) =>
      cli([
        'certificates',
        'enroll',
        '--company',
        nip,
        '--name',
        name,
        '--type',
        'authentication',
        ...more,
      ])
    await expectNothingChanged(folder.dataDir, async () => {
      expectRefusal(
        await enroll('Abcd'),
        'CERT_NAME_TOO_SHORT',
        'The certificate name has 4 characters; KSeF wants at least 5.',
      )
      expectRefusal(
        await enroll('x'.repeat(101)),
        'CERT_NAME_TOO_LONG',
        'The certificate name has 101 characters; KSeF takes at most 100 (the MF web app 50).',
      )
      expectRefusal(
        await enroll('Certyfikat.1'),
        'CERT_NAME_CHARACTERS',
        'A certificate name may not hold a dot (.): only letters (Polish too), digits, spaces, - and _.',
      )
      expectRefusal(
        await enroll('Dobra nazwa', '--key', 'dsa'),
        'CLI_USAGE',
        '--key must be ec or rsa, not "dsa".',
        2,
      )
      expectRefusal(
        await cli([
          'certificates',
          'enroll',
          '--company',
          nip,
          '--name',
          'Dobra nazwa',
          '--type',
          'seal',
        ]),
        'CLI_USAGE',
        '--type must be authentication or offline, not "seal".',
        2,
      )
      expectRefusal(
        await enroll('Dobra nazwa', '--valid-from', 'jutro'),
        'CLI_USAGE',
        '--valid-from must be an ISO 8601 date and time with a time zone, e.g. 2027-01-01T00:00:00Z, not "jutro".',
        2,
      )
    })
    expect((await listing(folder, nip, 'list')).rows.map((row) => row.location)).toEqual([
      'thisComputer',
    ])

    expect((await cli(['logout', '--company', nip])).status).toBe(0)
    await expectNothingChanged(folder.dataDir, async () => {
      expectRefusal(
        await enroll('Bez sesji'),
        'AUTH_NOT_LOGGED_IN',
        'This company is not logged in.',
      )
    })

    const minted = await mintToken(sim.url, nip)
    secrets.push(minted.token)
    writeFileSync(folder.path('token.txt'), `${minted.token}\n`)
    const tokenFile = folder.path('token.txt')
    expect((await cli(['tokens', 'add', '--company', nip, '--token-file', tokenFile])).status).toBe(
      0,
    )
    expect((await cli(['login', '--company', nip, '--method', 'token'])).status).toBe(0)
    await expectNothingChanged(folder.dataDir, async () => {
      expectRefusal(
        await enroll('Z sesji tokenem'),
        'CERT_ENROLL_NEEDS_SIGNATURE',
        'KSeF issues certificates only in a session obtained with a signature; this company is logged in with a KSeF token. Log in with a certificate or a signed request first.',
      )
    })
  })

  it('certificates ksef: one enrolled elsewhere is only in KSeF; revoke with a reason, twice', async () => {
    const nip = '2222222245'
    const here = await loggedIn(nip)
    const elsewhere = await loggedIn(nip)
    const other = await enrolled(elsewhere, nip, 'Certyfikat z innego komputera')

    const ksef = await here.cli(['certificates', 'ksef', '--company', nip])
    expect(ksef.status).toBe(0)
    expect(ksef.stdout).toContain(`Serial number: ${other.serialNumber}`)
    expect(ksef.stdout).toMatch(
      /^ {2}Where: +only in KSeF \(no key here: it can be revoked, not used\)$/m,
    )
    expect(ksef.stdout).toMatch(/^KSeF's list read at \S+Z\.$/m)
    const row = (await listing(here, nip, 'ksef')).rows.find(
      (each) => each.serialNumber === other.serialNumber,
    )
    expect(row).toMatchObject({ location: 'ksefOnly', ksefStatus: 'Active', certificate: null })
    const serials = async (...filters: string[]) =>
      (await listing(here, nip, 'ksef', ...filters)).rows.map((each) => each.serialNumber)
    expect(await serials('--status', 'active', '--type', 'authentication')).toContain(
      other.serialNumber,
    )
    expect(await serials('--type', 'offline')).toEqual([])
    expect(await serials('--status', 'revoked,blocked')).toEqual([])
    expectRefusal(
      await here.cli(['certificates', 'ksef', '--company', nip, '--status', 'valid']),
      'CLI_USAGE',
      '--status must be one of active, blocked, revoked, expired, not "valid".',
      2,
    )

    // No key for it here: only its certificate can be exported, read from KSeF.
    writeFileSync(here.path('password.txt'), `${exportPassword}\n`)
    const crtOnly = here.path('tylko-crt')
    const exported = await here.cli([
      'certificates',
      'export',
      '--company',
      nip,
      '--serial',
      other.serialNumber,
      '--out',
      crtOnly,
      '--password-file',
      here.path('password.txt'),
    ])
    expect(exported.status).toBe(0)
    expect(exported.stdout).toContain(
      'No private key is kept on this computer for this certificate: only the certificate was written.\n',
    )
    expect(readdirSync(crtOnly)).toEqual([
      `Certyfikat_z_innego_komputera_${other.serialNumber}.crt`,
    ])
    expect(
      mustRun('openssl', [
        'x509',
        '-in',
        `${crtOnly}/Certyfikat_z_innego_komputera_${other.serialNumber}.crt`,
        '-noout',
        '-serial',
      ]).trim(),
    ).toBe(`serial=${other.serialNumber}`)

    const revoked = await here.cli([
      'certificates',
      'revoke',
      '--company',
      nip,
      '--serial',
      other.serialNumber,
      '--reason',
      'superseded',
    ])
    expect(revoked.status).toBe(0)
    expect(revoked.stdout).toMatch(
      new RegExp(
        `^Certificate ${other.serialNumber} of Spółka ${nip} \\(NIP ${nip}, Test\\) revoked in KSeF \\(reason: superseded\\)\\.\\n`,
      ),
    )
    expect(revoked.stdout).toMatch(/^ {2}KSeF status: +(Blocked|Revoked)$/m)
    await expectNothingChanged(here.dataDir, async () => {
      const again = await here.cli([
        'certificates',
        'revoke',
        '--company',
        nip,
        '--serial',
        other.serialNumber,
      ])
      expectRefusal(again, 'KSEF_ERROR', /^KSeF refused the request: .+ \(code 25009\)$/)
      expect(again.stderr).toMatch(/^ {2}KSeF 25009: /m)
      expectRefusal(
        await here.cli([
          'certificates',
          'revoke',
          '--company',
          nip,
          '--serial',
          other.serialNumber,
          '--reason',
          'lost',
        ]),
        'CLI_USAGE',
        '--reason must be one of unspecified, superseded, key-compromise, not "lost".',
        2,
      )
    })
    // On the computer that holds it, the revoked certificate is flagged and never used again.
    expect(
      (await listing(elsewhere, nip, 'ksef')).rows.find(
        (each) => each.serialNumber === other.serialNumber,
      ),
    ).toMatchObject({ location: 'thisComputerUnusable' })
  })

  it('export: .crt + .key and .p12 opened by openssl; password rules; never overwrites', async () => {
    const nip = '2222222251'
    const folder = await loggedIn(nip)
    const { cli, path } = folder
    const certificate = await enrolled(folder, nip, 'Certyfikat do eksportu')
    writeFileSync(path('password.txt'), `${exportPassword}\n`)
    const exportTo = (out: string, ...more: string[]) =>
      cli([
        'certificates',
        'export',
        '--company',
        nip,
        '--serial',
        certificate.serialNumber,
        '--out',
        out,
        ...more,
      ])

    const pemFolder = path('eksport/pem')
    const pem = await exportTo(pemFolder, '--password-file', path('password.txt'))
    expect(pem.status).toBe(0)
    expect(pem.stdout).toMatch(/^Certificate "Certyfikat do eksportu" \([0-9A-F]+\) exported:\n/)
    const stem = `Certyfikat_do_eksportu_${certificate.serialNumber}`
    const written = readdirSync(pemFolder).sort()
    expect(written).toEqual([`${stem}.crt`, `${stem}.key`])
    const crt = `${pemFolder}/${stem}.crt`
    const key = `${pemFolder}/${stem}.key`
    expect(statSync(key).mode & 0o777).toBe(0o600)
    expect(readFileSync(key, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/)
    const keyPublic = mustRun('openssl', [
      'pkey',
      '-in',
      key,
      '-passin',
      `file:${path('password.txt')}`,
      '-pubout',
    ])
    expect(keyPublic).toBe(mustRun('openssl', ['x509', '-in', crt, '-noout', '-pubkey']))

    const p12Folder = path('eksport/p12')
    const p12 = parseJson<{ files: { name: string; saved: boolean }[]; certificateOnly: boolean }>(
      await exportTo(
        p12Folder,
        '--format',
        'p12',
        '--password-file',
        path('password.txt'),
        '--json',
      ),
    )
    expect(p12.certificateOnly).toBe(false)
    expect(readdirSync(p12Folder)).toEqual([`${stem}.p12`])
    expect(
      run('openssl', [
        'pkcs12',
        '-in',
        `${p12Folder}/${stem}.p12`,
        '-passin',
        `file:${path('password.txt')}`,
        '-noout',
      ]).status,
    ).toBe(0)

    const rules: [string, string, string][] = [
      ['Kr0tkie-hasl!', 'EXPORT_PASSWORD_LENGTH', 'The password must have 15–32 characters.'],
      [
        'eksport-haslo-2026',
        'EXPORT_PASSWORD_UPPER',
        'The password must have at least one upper-case letter (A–Z).',
      ],
      [
        'EKSPORT-HASLO-2026',
        'EXPORT_PASSWORD_LOWER',
        'The password must have at least one lower-case letter (a–z).',
      ],
      ['Eksport-Haslo-dwa', 'EXPORT_PASSWORD_DIGIT', 'The password must have at least one digit.'],
      [
        'EksportHaslo2026x',
        'EXPORT_PASSWORD_SPECIAL',
        'The password must have at least one of !@#$%^&*()-_+=',
      ],
      [
        'Eksport-Hasło-2026',
        'EXPORT_PASSWORD_CHARACTERS',
        'The password may hold only letters A–Z and a–z, digits and !@#$%^&*()-_+=: no Polish letters, no spaces, no other characters.',
      ],
    ]
    const refusedFolder = path('eksport/odmowa')
    await expectNothingChanged(folder.dataDir, async () => {
      for (const [password, code, message] of rules) {
        writeFileSync(path('weak.txt'), `${password}\n`)
        expectRefusal(
          await exportTo(refusedFolder, '--password-file', path('weak.txt')),
          code,
          message,
        )
      }
      expectRefusal(
        await exportTo(pemFolder, '--password-file', path('password.txt')),
        'FILE_EXISTS',
      )
      expectRefusal(
        await exportTo(pemFolder),
        'CLI_USAGE',
        '--password (or --password-file) is required.',
        2,
      )
      expectRefusal(
        await exportTo(pemFolder, '--format', 'der', '--password-file', path('password.txt')),
        'CLI_USAGE',
        '--format must be pem or p12, not "der".',
        2,
      )
    })
    expect(existsSync(refusedFolder)).toBe(false)
    expect(readdirSync(pemFolder).sort()).toEqual(written)
  })
})
