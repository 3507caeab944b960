// ksef-desk auth-request, sign and encrypt-token, checked by xmllint, xmlsec1 and openssl.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mustRun, run, oaepSha256 } from '../../support/tools'
import {
  challenge,
  cliWorkspace,
  expectError,
  password,
  prepareCredentials,
  root,
} from './workspace'

const workspace = cliWorkspace()
const { cli, path } = workspace

beforeAll(() => prepareCredentials(workspace))
afterAll(() => workspace.remove())

describe('ksef-desk', () => {
  it('writes an AuthTokenRequest and signs it so that xmlsec1 verifies it', async () => {
    const request = await cli('auth-request', '--nip', '5265877635', '--challenge', challenge)
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

    const signed = await cli(
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
      (
        await cli(
          'auth-request',
          '--internal-id',
          '5265877635-00001',
          '--challenge',
          challenge,
          '--fingerprint',
        )
      ).stdout,
    ).toMatch(/<InternalId>5265877635-00001<\/InternalId>[\s\S]*certificateFingerprint/)
    expectError(
      await cli('auth-request', '--nip', '5265877636', '--challenge', challenge),
      'NIP_BAD_CHECKSUM',
    )
    expectError(
      await cli(
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
      await cli(
        'sign',
        'signed.xml',
        '--cert',
        'person.crt',
        '--key',
        'person.key',
        '--password',
        password,
      ),
      'AUTH_REQUEST_ALREADY_SIGNED',
    )
    expectError(
      await cli(
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

  it('encrypts a KSeF token that openssl decrypts', async () => {
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
    const result = await cli(
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
      ...oaepSha256,
    ])
    expect(plain).toBe('secret-ksef-token-value|1752233036015')
    expect(result.stdout + result.stderr).not.toContain('secret-ksef-token-value')
  })
})
