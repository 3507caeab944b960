import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { encryptKsefToken } from '../../../electron/crypto/token-cipher'
import { personCredential } from './credentials'

const token = '20251010-EC-2A3F4B5C00-1A2B3C4D5E-B7|nip-5265877635|0123456789abcdef'

describe('encryptKsefToken', () => {
  it('encrypts "token|timestampMs" with RSA-OAEP SHA-256 / MGF1 SHA-256', async () => {
    const { certificate, certificatePem, privateKey } = await personCredential('rsa')
    for (const publicKey of [certificate, certificatePem, certificate.toString('base64')]) {
      const encrypted = encryptKsefToken({ token, timestampMs: 1752233036015, publicKey })
      const plain = privateDecrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        Buffer.from(encrypted, 'base64'),
      )
      expect(plain.toString('utf8')).toBe(`${token}|1752233036015`)
    }
  })

  it('takes a bare SubjectPublicKeyInfo, as the contract example shows one', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const spki = publicKey.export({ format: 'der', type: 'spki' }).toString('base64')
    const encrypted = encryptKsefToken({ token, timestampMs: '1752233036015', publicKey: spki })
    const plain = privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from(encrypted, 'base64'),
    )
    expect(plain.toString()).toBe(`${token}|1752233036015`)
  })

  it('gives a different ciphertext each time (OAEP is randomised)', async () => {
    const { certificate } = await personCredential('rsa')
    const first = encryptKsefToken({ token, timestampMs: 1, publicKey: certificate })
    expect(encryptKsefToken({ token, timestampMs: 1, publicKey: certificate })).not.toBe(first)
  })

  it('refuses an EC certificate and garbage as the MF key', async () => {
    const { certificate } = await personCredential('ec')
    expect(() => encryptKsefToken({ token, timestampMs: 1, publicKey: certificate })).toThrow(
      expect.objectContaining({ code: 'TOKEN_KEY_INVALID' }),
    )
    expect(() =>
      encryptKsefToken({ token, timestampMs: 1, publicKey: Buffer.from('garbage') }),
    ).toThrow(expect.objectContaining({ code: 'TOKEN_KEY_INVALID' }))
  })

  it('refuses a timestamp that is not whole milliseconds, and an empty token', async () => {
    const { certificate } = await personCredential('rsa')
    expect(() =>
      encryptKsefToken({ token, timestampMs: '2025-07-11T12:23:56Z', publicKey: certificate }),
    ).toThrow(expect.objectContaining({ code: 'AUTH_REQUEST_INVALID' }))
    expect(() => encryptKsefToken({ token: ' ', timestampMs: 1, publicKey: certificate })).toThrow(
      expect.objectContaining({ code: 'AUTH_REQUEST_INVALID' }),
    )
  })
})
