// ksef-desk as a user runs it: a child process, checked by its stdout, stderr and exit status,
// and its outputs checked by openssl and xmlsec1.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempFolder } from '../../support/temp-folder'
import { mustRun, run } from '../crypto/tools'

const root = join(import.meta.dirname, '../../..')
const folder = tempFolder('ksef-desk-cli-')
const path = (name: string) => join(folder.path, name)
const password = 'Abcdefgh1234567!'
const challenge = '20250625-CR-20F5EE4000-DA48AE4124-46'
// Resolved from here: the commands run in a temporary folder outside the project.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

interface CliRun {
  status: number | null
  stdout: string
  stderr: string
}

function cli(...args: string[]): CliRun {
  const result = spawnSync(
    process.execPath,
    ['--import', tsx, join(root, 'electron/cli.ts'), ...args],
    {
      cwd: folder.path,
      encoding: 'utf8',
    },
  )
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function expectError(result: CliRun, code: string, status = 1): void {
  expect(result.stderr).toMatch(new RegExp(`^error ${code}: .+\\n$`))
  expect(result.status).toBe(status)
  expect(result.stdout).toBe('')
}

beforeAll(() => {
  const person = cli(
    'test-cert',
    '--nip',
    '5265877635',
    '--cert-out',
    'person.crt',
    '--key-out',
    'person.key',
    '--key-password',
    password,
  )
  expect(person.stderr).toBe('')
  expect(person.status).toBe(0)
  const offline = cli(
    'test-cert',
    '--seal-nip',
    '5265877635',
    '--organization',
    'Firma Testowa',
    '--offline',
    '--key-type',
    'rsa',
    '--cert-out',
    'offline.crt',
    '--key-out',
    'offline.key',
    '--key-password',
    password,
  )
  expect(offline.status).toBe(0)
  writeFileSync(path('password.txt'), `${password}\n`)
  writeFileSync(path('invoice.xml'), '<Faktura>przykład</Faktura>')
})

afterAll(() => folder.remove())

describe('ksef-desk', () => {
  it('lists its commands, and fails without one', () => {
    const help = cli('--help')
    expect(help.status).toBe(0)
    for (const command of [
      'inspect',
      'auth-request',
      'sign',
      'encrypt-token',
      'csr',
      'test-cert',
      'qr invoice',
      'qr certificate',
    ]) {
      expect(help.stdout).toContain(`  ${command} `)
    }
    expect(cli().status).toBe(2)
    expect(cli('sign', '--help').stdout).toMatch(
      /^Usage: ksef-desk sign FILE\.xml \(--cert FILE --key FILE \| --p12 FILE\)/m,
    )
  })

  it('refuses wrong usage with exit status 2', () => {
    expectError(cli('frobnicate'), 'CLI_USAGE', 2)
    expectError(cli('qr'), 'CLI_USAGE', 2)
    expectError(cli('inspect', 'person.crt', '--frobnicate'), 'CLI_USAGE', 2)
    expectError(cli('inspect'), 'CLI_USAGE', 2)
    expectError(
      cli(
        'auth-request',
        '--nip',
        '5265877635',
        '--internal-id',
        '5265877635-00001',
        '--challenge',
        challenge,
      ),
      'CLI_USAGE',
      2,
    )
    expectError(
      cli(
        'qr',
        'invoice',
        '--nip',
        '5265877635',
        '--date',
        '2026-02-01',
        '--file',
        'invoice.xml',
        '--env',
        'staging',
      ),
      'CLI_USAGE',
      2,
    )
  })

  it('made a test certificate with its key encrypted and private to the user', () => {
    expect(statSync(path('person.key')).mode & 0o777).toBe(0o600)
    expect(readFileSync(path('person.key'), 'utf8')).toMatch(
      /^-----BEGIN ENCRYPTED PRIVATE KEY-----/,
    )
    const subject = mustRun('openssl', [
      'x509',
      '-in',
      path('person.crt'),
      '-noout',
      '-subject',
      '-nameopt',
      'RFC2253',
    ])
    expect(subject.trim()).toBe(
      'subject=C=PL,CN=Jan Kowalski,serialNumber=TINPL-5265877635,SN=Kowalski,GN=Jan',
    )
    expect(
      mustRun('openssl', [
        'pkey',
        '-in',
        path('person.key'),
        '-passin',
        `pass:${password}`,
        '-noout',
      ]),
    ).toBe('')
  })

  it('inspects a certificate, a key and a .p12', () => {
    const certificate = cli('inspect', 'person.crt', '--json')
    expect(certificate.status).toBe(0)
    expect(JSON.parse(certificate.stdout)).toMatchObject({
      kind: 'certificate',
      certificate: {
        identifier: { type: 'Nip', value: '5265877635' },
        ksefType: 'Authentication',
        validity: 'valid',
      },
    })
    const text = cli('inspect', 'person.crt')
    expect(text.stdout).toMatch(/^Certificate\n {2}Subject: +C=PL, CN=Jan Kowalski/)
    expect(text.stdout).toMatch(/Identifier: +NIP 5265877635 \(from serialNumber\)/)

    const key = cli('inspect', 'person.key', '--password-file', 'password.txt', '--json')
    expect(JSON.parse(key.stdout)).toEqual({
      kind: 'private-key',
      key: {
        format: 'encrypted-pkcs8',
        encoding: 'pem',
        encryption: 'PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)',
        algorithm: { type: 'ec', curve: 'P-256' },
      },
    })

    mustRun('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      path('offline.key'),
      '-passin',
      `pass:${password}`,
      '-in',
      path('offline.crt'),
      '-passout',
      `pass:${password}`,
      '-out',
      path('offline.p12'),
    ])
    const p12 = cli('inspect', 'offline.p12', '--password', password, '--json')
    expect(JSON.parse(p12.stdout)).toMatchObject({
      kind: 'pkcs12',
      keyAlgorithm: { type: 'rsa', bits: 2048 },
      certificate: {
        identifier: { type: 'Nip', value: '5265877635', attribute: 'organizationIdentifier' },
        ksefType: 'Offline',
      },
    })
  })

  it('gives each file failure its own code', () => {
    expectError(cli('inspect', 'person.key'), 'KEY_PASSWORD_REQUIRED')
    expectError(
      cli('inspect', 'person.key', '--password', 'Abcdefgh1234567?'),
      'KEY_WRONG_PASSWORD',
    )
    expectError(
      cli('inspect', 'offline.p12', '--password', 'Abcdefgh1234567?'),
      'PKCS12_WRONG_PASSWORD',
    )
    expectError(cli('inspect', 'missing.crt'), 'FILE_UNREADABLE')
    expectError(cli('inspect', 'invoice.xml'), 'FILE_UNRECOGNISED')
    writeFileSync(path('truncated.key'), readFileSync(path('person.key')).subarray(0, 100))
    expectError(cli('inspect', 'truncated.key', '--password', password), 'KEY_UNREADABLE')
  })

  it('prints errors as JSON with --json', () => {
    const result = cli('inspect', 'person.key', '--json')
    expect(result.status).toBe(1)
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        code: 'KEY_PASSWORD_REQUIRED',
        message: 'The private key is encrypted: give its password.',
      },
    })
  })

  it('writes an AuthTokenRequest and signs it so that xmlsec1 verifies it', () => {
    const request = cli('auth-request', '--nip', '5265877635', '--challenge', challenge)
    expect(request.status).toBe(0)
    writeFileSync(path('request.xml'), request.stdout)
    expect(
      run('xmllint', [
        '--noout',
        '--schema',
        join(root, 'ksef-contract/schemat_auth_v2-1.xsd'),
        path('request.xml'),
      ]).status,
    ).toBe(0)

    const signed = cli(
      'sign',
      'request.xml',
      '--cert',
      'person.crt',
      '--key',
      'person.key',
      '--password-file',
      'password.txt',
    )
    expect(signed.status).toBe(0)
    expect(
      signed.stdout.startsWith(
        request.stdout.slice(0, request.stdout.indexOf('</AuthTokenRequest>')),
      ),
    ).toBe(true)
    writeFileSync(path('signed.xml'), signed.stdout)
    const verified = run('xmlsec1', [
      '--verify',
      '--enabled-key-data',
      'x509',
      '--trusted-pem',
      path('person.crt'),
      '--id-attr:Id',
      'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
      path('signed.xml'),
    ])
    expect(verified.stderr).toMatch(/^OK$/m)

    expect(
      cli(
        'auth-request',
        '--internal-id',
        '5265877635-00001',
        '--challenge',
        challenge,
        '--fingerprint',
      ).stdout,
    ).toMatch(/<InternalId>5265877635-00001<\/InternalId>[\s\S]*certificateFingerprint/)
    expectError(
      cli('auth-request', '--nip', '5265877636', '--challenge', challenge),
      'NIP_BAD_CHECKSUM',
    )
    expectError(
      cli(
        'sign',
        'request.xml',
        '--cert',
        'person.crt',
        '--key',
        'offline.key',
        '--password',
        password,
      ),
      'KEY_CERT_MISMATCH',
    )
    expectError(
      cli(
        'sign',
        'signed.xml',
        '--cert',
        'person.crt',
        '--key',
        'person.key',
        '--password',
        password,
      ),
      'XML_UNREADABLE',
    )
    expectError(
      cli(
        'sign',
        'request.xml',
        '--cert',
        'person.crt',
        '--key',
        'person.key',
        '--p12',
        'offline.p12',
      ),
      'CLI_USAGE',
      2,
    )
  })

  it('encrypts a KSeF token that openssl decrypts', () => {
    mustRun('openssl', [
      'genpkey',
      '-algorithm',
      'RSA',
      '-pkeyopt',
      'rsa_keygen_bits:2048',
      '-out',
      path('mf.pem'),
    ])
    mustRun('openssl', [
      'req',
      '-x509',
      '-new',
      '-key',
      path('mf.pem'),
      '-subj',
      '/CN=MF/C=PL',
      '-days',
      '3',
      '-out',
      path('mf.crt'),
    ])
    writeFileSync(path('token.txt'), 'secret-ksef-token-value\n')
    const result = cli(
      'encrypt-token',
      '--token-file',
      'token.txt',
      '--timestamp-ms',
      '1752233036015',
      '--public-key-cert',
      'mf.crt',
    )
    expect(result.status).toBe(0)
    writeFileSync(path('token.bin'), Buffer.from(result.stdout.trim(), 'base64'))
    const plain = mustRun('openssl', [
      'pkeyutl',
      '-decrypt',
      '-inkey',
      path('mf.pem'),
      '-in',
      path('token.bin'),
      '-pkeyopt',
      'rsa_padding_mode:oaep',
      '-pkeyopt',
      'rsa_oaep_md:sha256',
      '-pkeyopt',
      'rsa_mgf1_md:sha256',
    ])
    expect(plain).toBe('secret-ksef-token-value|1752233036015')
    expect(result.stdout + result.stderr).not.toContain('secret-ksef-token-value')
  })

  it('makes a CSR from enrollment data, with its key kept encrypted', () => {
    writeFileSync(
      path('enrollment.json'),
      JSON.stringify({
        commonName: 'Jan Kowalski',
        countryName: 'PL',
        givenName: 'Jan',
        surname: 'Kowalski',
        serialNumber: 'TINPL-5265877635',
      }),
    )
    const result = cli(
      'csr',
      '--enrollment-data',
      'enrollment.json',
      '--key-out',
      'enrolled.key',
      '--key-password',
      password,
      '--key-type',
      'rsa',
    )
    expect(result.status).toBe(0)
    writeFileSync(path('request.csr'), Buffer.from(result.stdout.trim(), 'base64'))
    expect(
      run('openssl', ['req', '-inform', 'DER', '-in', path('request.csr'), '-verify', '-noout'])
        .status,
    ).toBe(0)
    const csrKey = mustRun('openssl', [
      'req',
      '-inform',
      'DER',
      '-in',
      path('request.csr'),
      '-noout',
      '-pubkey',
    ])
    const fileKey = mustRun('openssl', [
      'pkey',
      '-in',
      path('enrolled.key'),
      '-passin',
      `pass:${password}`,
      '-pubout',
    ])
    expect(csrKey).toBe(fileKey)

    expectError(
      cli(
        'csr',
        '--enrollment-data',
        'enrollment.json',
        '--key-out',
        'weak.key',
        '--key-password',
        'password',
      ),
      'EXPORT_PASSWORD_RULES',
    )
    expect(existsSync(path('weak.key'))).toBe(false)
    expectError(
      cli(
        'csr',
        '--enrollment-data',
        'invoice.xml',
        '--key-out',
        'x.key',
        '--key-password',
        password,
      ),
      'ENROLLMENT_DATA_INVALID',
    )
  })

  it('never overwrites a file without --force', () => {
    const before = readFileSync(path('person.key'))
    expectError(
      cli(
        'test-cert',
        '--nip',
        '5265877635',
        '--cert-out',
        'new.crt',
        '--key-out',
        'person.key',
        '--key-password',
        password,
      ),
      'FILE_EXISTS',
    )
    expect(readFileSync(path('person.key'))).toEqual(before)
    expect(existsSync(path('new.crt'))).toBe(false)
  })

  it('makes KOD I and KOD II links', () => {
    const invoice = cli(
      'qr',
      'invoice',
      '--nip',
      '5265877635',
      '--date',
      '2026-02-01',
      '--file',
      'invoice.xml',
      '--env',
      'demo',
    )
    expect(invoice.stdout).toMatch(
      /^https:\/\/qr-demo\.ksef\.mf\.gov\.pl\/invoice\/5265877635\/01-02-2026\/[A-Za-z0-9_-]{43}\n$/,
    )
    expectError(
      cli('qr', 'invoice', '--nip', '5265877635', '--date', '2026-02-30', '--file', 'invoice.xml'),
      'QR_INPUT_INVALID',
    )

    const serial = (
      JSON.parse(cli('inspect', 'offline.crt', '--json').stdout) as {
        certificate: { serialNumber: string }
      }
    ).certificate.serialNumber
    const certificate = cli(
      'qr',
      'certificate',
      '--context-type',
      'Nip',
      '--context',
      '5265877635',
      '--nip',
      '5265877635',
      '--serial',
      serial,
      '--file',
      'invoice.xml',
      '--p12',
      'offline.p12',
      '--password',
      password,
      '--json',
    )
    expect(certificate.status).toBe(0)
    expect(certificate.stderr).toBe('')
    const { link, warnings } = JSON.parse(certificate.stdout) as {
      link: string
      warnings: string[]
    }
    expect(warnings).toEqual([])
    expect(link).toMatch(
      new RegExp(
        `^https://qr-test\\.ksef\\.mf\\.gov\\.pl/certificate/Nip/5265877635/5265877635/${serial}/[A-Za-z0-9_-]{43}/[A-Za-z0-9_-]{342}$`,
      ),
    )
    const withAuthenticationCertificate = cli(
      'qr',
      'certificate',
      '--context-type',
      'Nip',
      '--context',
      '5265877635',
      '--nip',
      '5265877635',
      '--serial',
      serial,
      '--file',
      'invoice.xml',
      '--cert',
      'person.crt',
      '--key',
      'person.key',
      '--password',
      password,
    )
    expect(withAuthenticationCertificate.status).toBe(0)
    expect(withAuthenticationCertificate.stderr).toMatch(
      /^warning: the certificate is not an Offline certificate/m,
    )
  })
})
