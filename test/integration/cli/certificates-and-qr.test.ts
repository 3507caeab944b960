// ksef-desk csr and qr, checked by openssl.
import { existsSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mustRun, run } from '../../support/tools'
import { cliWorkspace, expectError, password, prepareCredentials } from './workspace'

const workspace = cliWorkspace()
const { cli, path } = workspace

beforeAll(() => prepareCredentials(workspace))
afterAll(() => workspace.remove())

describe('ksef-desk', () => {
  it('makes a CSR from enrollment data, with its key kept encrypted', async () => {
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
    const result = await cli(
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
      await cli(
        'csr',
        '--enrollment-data',
        'enrollment.json',
        '--key-out',
        'weak.key',
        '--key-password',
        'password',
      ),
      'EXPORT_PASSWORD_LENGTH',
    )
    expect(existsSync(path('weak.key'))).toBe(false)
    expectError(
      await cli(
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

  it('makes KOD I and KOD II links', async () => {
    const invoice = await cli(
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
      await cli(
        'qr',
        'invoice',
        '--nip',
        '5265877635',
        '--date',
        '2026-02-30',
        '--file',
        'invoice.xml',
      ),
      'QR_INPUT_INVALID',
    )

    const serial = (
      JSON.parse((await cli('inspect', 'offline.crt', '--json')).stdout) as {
        certificate: { serialNumber: string }
      }
    ).certificate.serialNumber
    const certificate = await cli(
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
    const withAuthenticationCertificate = await cli(
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
