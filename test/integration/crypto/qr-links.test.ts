import { generateKeyPairSync } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { certificateVerificationLink } from '../../../electron/crypto/qr-links'
import { x509 } from '../../../electron/crypto/webcrypto'
import { tempFolder } from '../../support/temp-folder'
import { run, write } from '../../support/tools'

const folder = tempFolder('ksef-desk-qr-')
afterAll(() => folder.remove())

const base = {
  environment: 'Demo' as const,
  context: { type: 'Nip' as const, value: '1111111111' },
  sellerNip: '1111111111',
  certificateSerial: '01F20A5D352AE590',
  invoice: Buffer.from('<Faktura/>'),
}

function split(link: string): { signed: string; signature: Buffer } {
  const withoutScheme = link.replace(/^https:\/\//, '')
  const cut = withoutScheme.lastIndexOf('/')
  return {
    signed: withoutScheme.slice(0, cut),
    signature: Buffer.from(withoutScheme.slice(cut + 1), 'base64url'),
  }
}

describe('KOD II signatures checked by openssl dgst', () => {
  it('verifies RSA-PSS with salt 32', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const { signed, signature } = split(certificateVerificationLink({ ...base, privateKey }))
    expect(signed).toMatch(
      /^qr-demo\.ksef\.mf\.gov\.pl\/certificate\/Nip\/1111111111\/1111111111\/01F20A5D352AE590\/[A-Za-z0-9_-]{43}$/,
    )
    const files = {
      data: write(folder.path, 'rsa.txt', signed),
      signature: write(folder.path, 'rsa.sig', signature),
      key: write(folder.path, 'rsa.pub', publicKey.export({ format: 'pem', type: 'spki' })),
    }
    const verify = (saltLength: string) =>
      run('openssl', [
        'dgst',
        '-sha256',
        '-verify',
        files.key,
        '-sigopt',
        'rsa_padding_mode:pss',
        '-sigopt',
        `rsa_pss_saltlen:${saltLength}`,
        '-signature',
        files.signature,
        files.data,
      ])
    expect(verify('32').stdout).toMatch(/Verified OK/)
    expect(verify('20').status).not.toBe(0)
  })

  it('verifies ECDSA P-256', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const { signed, signature } = split(certificateVerificationLink({ ...base, privateKey }))
    expect(signature.length).toBe(64)
    // openssl wants the DER form of (r, s); the link carries the raw r‖s KSeF recommends.
    const der = new x509.AsnEcSignatureFormatter().toAsnSignature(
      { name: 'ECDSA', namedCurve: 'P-256' },
      signature,
    )
    if (!der) throw new Error('no DER signature')
    const files = {
      data: write(folder.path, 'ec.txt', signed),
      signature: write(folder.path, 'ec.sig', Buffer.from(der)),
      key: write(folder.path, 'ec.pub', publicKey.export({ format: 'pem', type: 'spki' })),
    }
    const result = run('openssl', [
      'dgst',
      '-sha256',
      '-verify',
      files.key,
      '-signature',
      files.signature,
      files.data,
    ])
    expect(result.stdout).toMatch(/Verified OK/)
    const other = write(folder.path, 'other.txt', signed.replace('qr-demo', 'qr-test'))
    expect(
      run('openssl', [
        'dgst',
        '-sha256',
        '-verify',
        files.key,
        '-signature',
        files.signature,
        other,
      ]).status,
    ).not.toBe(0)
  })
})
