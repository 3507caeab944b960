import { describe, expect, it } from 'vitest'
import { exportPkcs12, readPkcs12 } from '../../../electron/crypto/pkcs12'
import { personCredential } from './credentials'

const password = 'Abcdefgh1234567!'

describe('exportPkcs12 / readPkcs12', () => {
  it.each(['ec', 'rsa'] as const)('round-trips an %s certificate and key', async (keyType) => {
    const { certificate, privateKey } = await personCredential(keyType)
    const p12 = await exportPkcs12({
      certificate,
      privateKey,
      password,
      friendlyName: 'Jan Kowalski',
    })
    const contents = await readPkcs12(p12, password)
    expect(contents.certificate.der).toEqual(certificate)
    expect(contents.privateKey.equals(privateKey)).toBe(true)
    expect(contents.algorithm.type).toBe(keyType)
    expect(contents.chain).toEqual([])
  })

  it('refuses a wrong password', async () => {
    const { certificate, privateKey } = await personCredential('ec')
    const p12 = await exportPkcs12({ certificate, privateKey, password })
    await expect(readPkcs12(p12, 'Abcdefgh1234567?')).rejects.toMatchObject({
      code: 'PKCS12_WRONG_PASSWORD',
      message: 'The password does not open this .p12 file.',
    })
  })

  it('refuses garbage and a truncated file', async () => {
    const { certificate, privateKey } = await personCredential('ec')
    const p12 = await exportPkcs12({ certificate, privateKey, password })
    await expect(readPkcs12(Buffer.from('garbage'), password)).rejects.toMatchObject({
      code: 'PKCS12_UNREADABLE',
    })
    await expect(readPkcs12(p12.subarray(0, p12.length / 2), password)).rejects.toMatchObject({
      code: 'PKCS12_UNREADABLE',
    })
  })

  it('enforces the MF password rules and the key-certificate match on export', async () => {
    const { certificate, privateKey } = await personCredential('ec')
    const other = await personCredential('ec', '1111111111')
    await expect(
      exportPkcs12({ certificate, privateKey, password: 'password' }),
    ).rejects.toMatchObject({
      code: 'EXPORT_PASSWORD_LENGTH',
    })
    await expect(
      exportPkcs12({ certificate, privateKey: other.privateKey, password }),
    ).rejects.toMatchObject({
      code: 'KEY_CERT_MISMATCH',
    })
  })
})
