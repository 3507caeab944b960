import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { encryptKsefToken } from '../../../electron/crypto/token-cipher'
import { tempFolder } from '../../support/temp-folder'
import { mustRun, write, oaepSha256 } from '../../support/tools'

const folder = tempFolder('ksef-desk-token-')
afterAll(() => folder.remove())

describe('encryptKsefToken checked by openssl pkeyutl', () => {
  it('decrypts with RSA-OAEP SHA-256 / MGF1 SHA-256 to token|timestampMs', () => {
    const openssl = (...args: string[]) => mustRun('openssl', args, { cwd: folder.path })
    openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'mf.pem')
    openssl(
      'req',
      '-x509',
      '-new',
      '-key',
      'mf.pem',
      '-subj',
      '/CN=Ministerstwo Finansow/C=PL',
      '-days',
      '30',
      '-outform',
      'DER',
      '-out',
      'mf.der',
    )
    const token = '20251010-EC-2A3F4B5C00-1A2B3C4D5E-B7|nip-5265877635|9f8e7d6c5b4a'
    // As the API gives it: base64 DER without PEM armour.
    const certificate = Buffer.from(
      mustRun('base64', ['-w0', 'mf.der'], { cwd: folder.path }).trim(),
    )
    const encrypted = encryptKsefToken({
      token,
      timestampMs: 1752233036015,
      publicKey: certificate.toString(),
    })
    write(folder.path, 'token.bin', Buffer.from(encrypted, 'base64'))
    const plain = openssl(
      'pkeyutl',
      '-decrypt',
      '-inkey',
      join(folder.path, 'mf.pem'),
      '-in',
      'token.bin',
      ...oaepSha256,
    )
    expect(plain).toBe(`${token}|1752233036015`)
  })
})
