// ksef-desk test-cert and inspect, and the exact code of each file failure.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mustRun } from '../../support/tools'
import { cliWorkspace, expectError, password, prepareCredentials } from './workspace'

const workspace = cliWorkspace()
const { cli, path } = workspace

beforeAll(() => prepareCredentials(workspace))
afterAll(() => workspace.remove())

describe('ksef-desk', () => {
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

  it('inspects a certificate, a key and a .p12', async () => {
    const certificate = await cli('inspect', 'person.crt', '--json')
    expect(certificate.status).toBe(0)
    expect(JSON.parse(certificate.stdout)).toMatchObject({
      kind: 'certificate',
      certificate: {
        identifier: { type: 'Nip', value: '5265877635' },
        ksefType: 'Authentication',
        validity: 'valid',
      },
    })
    const text = await cli('inspect', 'person.crt')
    expect(text.stdout).toMatch(/^Certificate\n {2}Subject: +C=PL, CN=Jan Kowalski/)
    expect(text.stdout).toMatch(/Identifier: +NIP 5265877635 \(from serialNumber\)/)

    const key = await cli('inspect', 'person.key', '--password-file', 'password.txt', '--json')
    expect(JSON.parse(key.stdout)).toEqual({
      kind: 'private-key',
      key: {
        format: 'encrypted-pkcs8',
        encoding: 'pem',
        encryption: 'PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)',
        algorithm: { type: 'ec', curve: 'P-256' },
      },
    })

    const p12 = await cli('inspect', 'offline.p12', '--password', password, '--json')
    expect(JSON.parse(p12.stdout)).toMatchObject({
      kind: 'pkcs12',
      keyAlgorithm: { type: 'rsa', bits: 2048 },
      certificate: {
        identifier: { type: 'Nip', value: '5265877635', attribute: 'organizationIdentifier' },
        ksefType: 'Offline',
      },
    })
  })

  it('gives each file failure its own code', async () => {
    expectError(await cli('inspect', 'person.key'), 'KEY_PASSWORD_REQUIRED')
    expectError(
      await cli('inspect', 'person.key', '--password', 'Abcdefgh1234567?'),
      'KEY_WRONG_PASSWORD',
    )
    expectError(
      await cli('inspect', 'offline.p12', '--password', 'Abcdefgh1234567?'),
      'PKCS12_WRONG_PASSWORD',
    )
    expectError(await cli('inspect', 'missing.crt'), 'FILE_UNREADABLE')
    expectError(await cli('inspect', 'invoice.xml'), 'FILE_UNRECOGNISED')
    writeFileSync(path('truncated.key'), readFileSync(path('person.key')).subarray(0, 100))
    expectError(await cli('inspect', 'truncated.key', '--password', password), 'KEY_UNREADABLE')
  })

  it('refuses a mistyped PESEL and a blank name for a test certificate, each with its own code', async () => {
    const out = ['--cert-out', 'p.crt', '--key-out', 'p.key', '--key-password', password]
    expectError(await cli('test-cert', '--pesel', '90010112345', ...out), 'PESEL_INVALID')
    expectError(await cli('test-cert', '--pesel', '9001011234', ...out), 'PESEL_INVALID')
    expectError(
      await cli('test-cert', '--seal-nip', '5265877635', '--organization', ' ', ...out),
      'TEST_CERT_NAME_EMPTY',
    )
    expect(existsSync(path('p.key'))).toBe(false)
    expect(existsSync(path('p.crt'))).toBe(false)
  })

  it('prints errors as JSON with --json', async () => {
    const result = await cli('inspect', 'person.key', '--json')
    expect(result.status).toBe(1)
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        code: 'KEY_PASSWORD_REQUIRED',
        message: 'The private key is encrypted: give its password.',
      },
    })
  })

  it('never overwrites a file without --force', async () => {
    const before = readFileSync(path('person.key'))
    expectError(
      await cli(
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
})
