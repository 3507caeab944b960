import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  arrayBufferOf,
  assertSigningKey,
  exportEncryptedKey,
  keyMatchesCertificate,
  readPrivateKey,
} from '../../../electron/crypto/keys'
import { pkijs } from '../../../electron/crypto/webcrypto'
import { personCredential } from './credentials'

const password = 'Abcdefgh1234567!'
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })

describe('readPrivateKey', () => {
  it.each([
    ['PKCS#8 PEM', ec.privateKey.export({ format: 'pem', type: 'pkcs8' }), 'pkcs8', 'pem'],
    ['PKCS#8 DER', ec.privateKey.export({ format: 'der', type: 'pkcs8' }), 'pkcs8', 'der'],
    ['SEC1 PEM', ec.privateKey.export({ format: 'pem', type: 'sec1' }), 'sec1', 'pem'],
    ['SEC1 DER', ec.privateKey.export({ format: 'der', type: 'sec1' }), 'sec1', 'der'],
    ['PKCS#1 PEM', rsa.privateKey.export({ format: 'pem', type: 'pkcs1' }), 'pkcs1', 'pem'],
    ['PKCS#1 DER', rsa.privateKey.export({ format: 'der', type: 'pkcs1' }), 'pkcs1', 'der'],
  ] as const)('reads %s', async (_, data, format, encoding) => {
    const file = await readPrivateKey(data)
    expect(file).toMatchObject({ format, encoding, encryption: null })
    expect(file.key.asymmetricKeyType).toBe(format === 'pkcs1' ? 'rsa' : 'ec')
  })

  it('reads encrypted PKCS#8 in PEM and DER and names the scheme', async () => {
    const pem = ec.privateKey.export({
      format: 'pem',
      type: 'pkcs8',
      cipher: 'aes-256-cbc',
      passphrase: password,
    })
    const der = ec.privateKey.export({
      format: 'der',
      type: 'pkcs8',
      cipher: 'aes-128-cbc',
      passphrase: password,
    })
    const fromPem = await readPrivateKey(pem, password)
    expect(fromPem).toMatchObject({
      format: 'encrypted-pkcs8',
      encoding: 'pem',
      algorithm: { type: 'ec', curve: 'P-256' },
    })
    expect(fromPem.encryption).toMatch(/^PBES2 \(PBKDF2-HMAC-SHA\d+, AES-256-CBC\)$/)
    expect(fromPem.key.equals(ec.privateKey)).toBe(true)
    const fromDer = await readPrivateKey(der, password)
    expect(fromDer).toMatchObject({ format: 'encrypted-pkcs8', encoding: 'der' })
    expect(fromDer.encryption).toMatch(/AES-128-CBC/)
  })

  it('reads a legacy encrypted PEM', async () => {
    const pem = rsa.privateKey.export({
      format: 'pem',
      type: 'pkcs1',
      cipher: 'aes-256-cbc',
      passphrase: password,
    })
    const file = await readPrivateKey(pem, password)
    expect(file).toMatchObject({ format: 'encrypted-pem', algorithm: { type: 'rsa', bits: 2048 } })
    await expect(readPrivateKey(pem)).rejects.toMatchObject({ code: 'KEY_PASSWORD_REQUIRED' })
    await expect(readPrivateKey(pem, 'Wrong-password-123')).rejects.toMatchObject({
      code: 'KEY_WRONG_PASSWORD',
    })
  })

  it('calls every wrong password of a legacy PEM wrong, even when the padding happens to pass', async () => {
    // CBC without a MAC: about one wrong password in 256 decrypts to valid padding over garbage.
    const pem = ec.privateKey.export({
      format: 'pem',
      type: 'sec1',
      cipher: 'aes-128-cbc',
      passphrase: password,
    })
    const codes = new Set<string>()
    for (let i = 0; i < 1500; i += 1) {
      codes.add(
        await readPrivateKey(pem, `wrong-${i}`).then(
          () => 'opened',
          (error: unknown) => (error as { code: string }).code,
        ),
      )
    }
    expect([...codes]).toEqual(['KEY_WRONG_PASSWORD'])
  })

  it('tells a missing password from a wrong one', async () => {
    const pem = ec.privateKey.export({
      format: 'pem',
      type: 'pkcs8',
      cipher: 'aes-256-cbc',
      passphrase: password,
    })
    await expect(readPrivateKey(pem)).rejects.toMatchObject({
      code: 'KEY_PASSWORD_REQUIRED',
      message: 'The private key is encrypted: give its password.',
    })
    await expect(readPrivateKey(pem, '')).rejects.toMatchObject({ code: 'KEY_PASSWORD_REQUIRED' })
    await expect(readPrivateKey(pem, 'Abcdefgh1234567?')).rejects.toMatchObject({
      code: 'KEY_WRONG_PASSWORD',
      message: 'The password does not open this private key.',
    })
  })

  it.each([
    ['garbage', Buffer.from('this is not a key at all')],
    ['an empty file', Buffer.alloc(0)],
    ['a truncated DER key', ec.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(0, 40)],
    ['a truncated PEM key', ec.privateKey.export({ format: 'pem', type: 'pkcs8' }).slice(0, 120)],
  ])('refuses %s', async (_, data) => {
    await expect(readPrivateKey(data)).rejects.toMatchObject({ code: 'KEY_UNREADABLE' })
  })

  it('says when the file holds a certificate instead of a key', async () => {
    const { certificatePem } = await personCredential('ec')
    await expect(readPrivateKey(certificatePem)).rejects.toMatchObject({
      code: 'KEY_UNREADABLE',
      message: 'The file holds a CERTIFICATE, not a private key.',
    })
  })

  it('refuses key types KSeF does not know', async () => {
    const ed = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' })
    await expect(readPrivateKey(ed)).rejects.toMatchObject({ code: 'KEY_UNSUPPORTED' })
  })
})

describe('keyMatchesCertificate', () => {
  it('matches a key with its certificate only', async () => {
    const mine = await personCredential('ec')
    const other = await personCredential('ec', '1111111111')
    const rsaCredential = await personCredential('rsa')
    expect(keyMatchesCertificate(mine.privateKey, mine.certificate)).toBe(true)
    expect(keyMatchesCertificate(other.privateKey, mine.certificate)).toBe(false)
    expect(keyMatchesCertificate(rsaCredential.privateKey, mine.certificate)).toBe(false)
    expect(keyMatchesCertificate(mine.privateKey, Buffer.from('garbage'))).toBe(false)
  })
})

describe('assertSigningKey', () => {
  it('accepts RSA 2048+ and P-256, refuses short RSA as too weak', () => {
    expect(assertSigningKey(ec.privateKey)).toEqual({ type: 'ec', curve: 'P-256' })
    expect(assertSigningKey(rsa.privateKey)).toEqual({ type: 'rsa', bits: 2048 })
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey
    expect(() => assertSigningKey(short)).toThrow(
      expect.objectContaining({ code: 'KEY_TOO_WEAK', details: { algorithm: 'RSA 1024' } }),
    )
  })
})

describe('exportEncryptedKey', () => {
  it('writes encrypted PKCS#8 that opens with the same password', async () => {
    const pem = exportEncryptedKey(ec.privateKey, password)
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/)
    expect((await readPrivateKey(pem, password)).key.equals(ec.privateKey)).toBe(true)
  })

  it('enforces the MF password rules: the first broken rule gives the code, all are named', () => {
    expect(() => exportEncryptedKey(ec.privateKey, 'short')).toThrow(
      expect.objectContaining({
        code: 'EXPORT_PASSWORD_LENGTH',
        message: 'The password must have 15–32 characters.',
        details: { brokenRules: ['length', 'upper', 'digit', 'special'] },
      }),
    )
    expect(() => exportEncryptedKey(ec.privateKey, 'Zażółćgęślą1234!')).toThrow(
      expect.objectContaining({
        code: 'EXPORT_PASSWORD_CHARACTERS',
        details: { brokenRules: ['characters'] },
      }),
    )
  })

  it('writes PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, whatever the runtime would pick', () => {
    const der = Buffer.from(
      exportEncryptedKey(ec.privateKey, password)
        .replace(/-----[^-]+-----/g, '')
        .replace(/\s/g, ''),
      'base64',
    )
    const info = pkijs.PKCS8ShroudedKeyBag.fromBER(arrayBufferOf(der))
    expect(info.encryptionAlgorithm.algorithmId).toBe('1.2.840.113549.1.5.13')
    const pbes2 = new pkijs.PBES2Params({ schema: info.encryptionAlgorithm.algorithmParams })
    expect(pbes2.encryptionScheme.algorithmId).toBe('2.16.840.1.101.3.4.1.42')
    const kdf = new pkijs.PBKDF2Params({ schema: pbes2.keyDerivationFunc.algorithmParams })
    expect(kdf.prf?.algorithmId).toBe('1.2.840.113549.2.9')
    expect(kdf.iterationCount).toBeGreaterThanOrEqual(100_000)
  })
})
