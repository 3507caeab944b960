// The key-file matrix of issue 4, made with openssl at test time: every format and cipher opens,
// and every failure has its own code and message.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCertificate } from '../../../electron/crypto/certificates'
import {
  assertKeyMatchesCertificate,
  exportEncryptedKey,
  readPrivateKey,
} from '../../../electron/crypto/keys'
import { exportPkcs12, readPkcs12 } from '../../../electron/crypto/pkcs12'
import { tempFolder } from '../../support/temp-folder'
import { mustRun, run, write } from '../../support/tools'

const password = 'Tajne-Haslo-2026'
const folder = tempFolder('ksef-desk-keys-')
const file = (name: string) => join(folder.path, name)
const bytes = (name: string) => readFileSync(file(name))
const openssl = (...args: string[]) => mustRun('openssl', args, { cwd: folder.path })

let legacyProvider = false

beforeAll(() => {
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.pem')
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.pem')
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'other.pem')
  for (const key of ['ec', 'rsa', 'other']) {
    openssl(
      'req',
      '-x509',
      '-new',
      '-key',
      `${key}.pem`,
      '-subj',
      `/CN=Jan Kowalski/serialNumber=TINPL-5265877635/C=PL`,
      '-days',
      '30',
      '-out',
      `${key}.crt`,
    )
  }
  for (const key of ['ec', 'rsa']) {
    const encrypt = (out: string, ...options: string[]) =>
      openssl(
        'pkcs8',
        '-topk8',
        '-in',
        `${key}.pem`,
        '-passout',
        `pass:${password}`,
        '-out',
        out,
        ...options,
      )
    encrypt(`${key}-aes128-sha1.pem`, '-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA1')
    encrypt(`${key}-aes192-sha256.pem`, '-v2', 'aes-192-cbc', '-v2prf', 'hmacWithSHA256')
    encrypt(`${key}-aes256-sha256.pem`, '-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256')
    encrypt(`${key}-aes256-sha512.pem`, '-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA512')
    encrypt(`${key}-scrypt.pem`, '-scrypt')
    encrypt(`${key}-aes256.der`, '-v2', 'aes-256-cbc', '-outform', 'DER')
    openssl(
      'pkcs8',
      '-topk8',
      '-nocrypt',
      '-in',
      `${key}.pem`,
      '-outform',
      'DER',
      '-out',
      `${key}-plain.der`,
    )
    openssl(
      'pkcs12',
      '-export',
      '-inkey',
      `${key}.pem`,
      '-in',
      `${key}.crt`,
      '-passout',
      `pass:${password}`,
      '-out',
      `${key}.p12`,
    )
  }
  openssl('rsa', '-in', 'rsa.pem', '-traditional', '-out', 'rsa-pkcs1.pem')
  openssl('ec', '-in', 'ec.pem', '-out', 'ec-sec1.pem')
  openssl(
    'rsa',
    '-in',
    'rsa.pem',
    '-traditional',
    '-aes256',
    '-passout',
    `pass:${password}`,
    '-out',
    'rsa-legacy.pem',
  )
  openssl(
    'pkcs12',
    '-export',
    '-inkey',
    'ec.pem',
    '-in',
    'ec.crt',
    '-keypbe',
    'PBE-SHA1-3DES',
    '-certpbe',
    'PBE-SHA1-3DES',
    '-macalg',
    'sha1',
    '-passout',
    `pass:${password}`,
    '-out',
    'legacy.p12',
  )
  // A leaf with its issuer in one .p12, as exported from a qualified-certificate store.
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    'rsa.pem',
    '-subj',
    '/CN=Test CA/C=PL',
    '-days',
    '30',
    '-out',
    'ca.crt',
  )
  openssl('req', '-new', '-key', 'other.pem', '-subj', '/CN=Leaf/C=PL', '-out', 'leaf.csr')
  openssl(
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'rsa.pem',
    '-CAcreateserial',
    '-days',
    '30',
    '-out',
    'leaf.crt',
  )
  openssl(
    'pkcs12',
    '-export',
    '-inkey',
    'other.pem',
    '-in',
    'leaf.crt',
    '-certfile',
    'ca.crt',
    '-passout',
    `pass:${password}`,
    '-out',
    'chain.p12',
  )
  legacyProvider =
    run(
      'openssl',
      [
        'pkcs8',
        '-topk8',
        '-provider',
        'legacy',
        '-provider',
        'default',
        '-in',
        'ec.pem',
        '-v1',
        'PBE-MD5-DES',
        '-passout',
        `pass:${password}`,
        '-out',
        'ec-pbes1-des.pem',
      ],
      { cwd: folder.path },
    ).status === 0
})

afterAll(() => folder.remove())

describe('key files made by openssl', () => {
  it.each([
    ['ec', 'PBES2 (PBKDF2-HMAC-SHA1, AES-128-CBC)', 'aes128-sha1.pem'],
    ['ec', 'PBES2 (PBKDF2-HMAC-SHA256, AES-192-CBC)', 'aes192-sha256.pem'],
    ['ec', 'PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)', 'aes256-sha256.pem'],
    ['ec', 'PBES2 (PBKDF2-HMAC-SHA512, AES-256-CBC)', 'aes256-sha512.pem'],
    ['ec', 'PBES2 (scrypt, AES-256-CBC)', 'scrypt.pem'],
    ['ec', 'PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)', 'aes256.der'],
    ['rsa', 'PBES2 (PBKDF2-HMAC-SHA1, AES-128-CBC)', 'aes128-sha1.pem'],
    ['rsa', 'PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)', 'aes256-sha256.pem'],
    ['rsa', 'PBES2 (scrypt, AES-256-CBC)', 'scrypt.pem'],
    ['rsa', 'PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)', 'aes256.der'],
  ])('opens the encrypted %s key %s (%s)', async (key, scheme, suffix) => {
    const name = `${key}-${suffix}`
    const opened = await readPrivateKey(bytes(name), password)
    expect(opened).toMatchObject({ format: 'encrypted-pkcs8', encryption: scheme })
    assertKeyMatchesCertificate(opened.key, readCertificate(bytes(`${key}.crt`)).der)

    await expect(readPrivateKey(bytes(name))).rejects.toMatchObject({
      code: 'KEY_PASSWORD_REQUIRED',
      message: 'The private key is encrypted: give its password.',
    })
    await expect(readPrivateKey(bytes(name), 'Zle-Haslo-2026!!')).rejects.toMatchObject({
      code: 'KEY_WRONG_PASSWORD',
      message: 'The password does not open this private key.',
    })
    const truncated = bytes(name).subarray(0, Math.floor(bytes(name).length / 2))
    await expect(readPrivateKey(truncated, password)).rejects.toMatchObject({
      code: 'KEY_UNREADABLE',
    })
    await expect(readPrivateKey(truncated, password)).rejects.toThrow(/damaged/)
  })

  it.each([
    ['PKCS#1 PEM', 'rsa-pkcs1.pem', 'rsa', 'pkcs1'],
    ['SEC1 PEM', 'ec-sec1.pem', 'ec', 'sec1'],
    ['plain PKCS#8 PEM', 'ec.pem', 'ec', 'pkcs8'],
    ['plain PKCS#8 DER', 'rsa-plain.der', 'rsa', 'pkcs8'],
  ])('opens a %s key', async (_, name, key, format) => {
    const opened = await readPrivateKey(bytes(name))
    expect(opened.format).toBe(format)
    assertKeyMatchesCertificate(opened.key, readCertificate(bytes(`${key}.crt`)).der)
  })

  it('opens a legacy encrypted PEM and tells its failures apart', async () => {
    expect((await readPrivateKey(bytes('rsa-legacy.pem'), password)).format).toBe('encrypted-pem')
    await expect(readPrivateKey(bytes('rsa-legacy.pem'))).rejects.toMatchObject({
      code: 'KEY_PASSWORD_REQUIRED',
    })
    await expect(readPrivateKey(bytes('rsa-legacy.pem'), 'Zle-Haslo-2026!!')).rejects.toMatchObject(
      {
        code: 'KEY_WRONG_PASSWORD',
      },
    )
  })

  it('says which scheme it cannot open', async ({ skip }) => {
    if (!legacyProvider) skip()
    const opening = readPrivateKey(bytes('ec-pbes1-des.pem'), password)
    await expect(opening).rejects.toMatchObject({ code: 'KEY_ENCRYPTION_UNSUPPORTED' })
    await expect(opening).rejects.toThrow('PBES1 (MD5, DES-CBC)')
  })

  it('refuses garbage', async () => {
    await expect(
      readPrivateKey(
        Buffer.from('-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n'),
      ),
    ).rejects.toMatchObject({
      code: 'KEY_UNREADABLE',
    })
    await expect(readPrivateKey(Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02]))).rejects.toMatchObject(
      {
        code: 'KEY_UNREADABLE',
      },
    )
  })

  it('refuses the key of another certificate', async () => {
    const other = await readPrivateKey(bytes('other.pem'))
    expect(() =>
      assertKeyMatchesCertificate(other.key, readCertificate(bytes('ec.crt')).der),
    ).toThrow(
      expect.objectContaining({
        code: 'KEY_CERT_MISMATCH',
        message: 'The private key does not belong to this certificate.',
      }),
    )
  })
})

describe('.p12 files made by openssl', () => {
  it.each(['ec', 'rsa'])('opens the %s .p12', async (key) => {
    const contents = await readPkcs12(bytes(`${key}.p12`), password)
    expect(contents.certificate.der).toEqual(readCertificate(bytes(`${key}.crt`)).der)
    expect(contents.algorithm.type).toBe(key)
    assertKeyMatchesCertificate(contents.privateKey, contents.certificate.der)
  })

  it('refuses a wrong password', async () => {
    await expect(readPkcs12(bytes('ec.p12'), 'Zle-Haslo-2026!!')).rejects.toMatchObject({
      code: 'PKCS12_WRONG_PASSWORD',
      message: 'The password does not open this .p12 file.',
    })
  })

  it('refuses a truncated file and garbage', async () => {
    await expect(readPkcs12(bytes('ec.p12').subarray(0, 200), password)).rejects.toMatchObject({
      code: 'PKCS12_UNREADABLE',
    })
    await expect(readPkcs12(bytes('ec.pem'), password)).rejects.toMatchObject({
      code: 'PKCS12_UNREADABLE',
    })
  })

  it('says a legacy-encrypted .p12 cannot be opened', async () => {
    await expect(readPkcs12(bytes('legacy.p12'), password)).rejects.toMatchObject({
      code: 'PKCS12_ENCRYPTION_UNSUPPORTED',
    })
  })

  it('finds the certificate of the key among a chain', async () => {
    const contents = await readPkcs12(bytes('chain.p12'), password)
    expect(contents.certificate.commonName).toBe('Leaf')
    expect(contents.chain.map((c) => c.commonName)).toEqual(['Test CA'])
  })
})

describe('files we export open in openssl', () => {
  it.each(['ec', 'rsa'])('writes an encrypted %s key and a .p12 openssl reads', async (key) => {
    const opened = await readPrivateKey(bytes(`${key}.pem`))
    const keyPem = write(folder.path, `export-${key}.key`, exportEncryptedKey(opened.key, password))
    expect(openssl('asn1parse', '-in', keyPem)).toMatch(/PBES2[\s\S]*PBKDF2[\s\S]*aes-256-cbc/)
    const decrypted = openssl('pkey', '-in', keyPem, '-passin', `pass:${password}`)
    expect((await readPrivateKey(decrypted)).key.equals(opened.key)).toBe(true)

    const p12 = write(
      folder.path,
      `export-${key}.p12`,
      await exportPkcs12({
        certificate: readCertificate(bytes(`${key}.crt`)).der,
        privateKey: opened.key,
        password,
      }),
    )
    const dumped = openssl('pkcs12', '-in', p12, '-passin', `pass:${password}`, '-nodes')
    expect(readCertificate(dumped).der).toEqual(readCertificate(bytes(`${key}.crt`)).der)
    expect((await readPrivateKey(dumped)).key.equals(opened.key)).toBe(true)
    expect(
      run('openssl', ['pkcs12', '-in', p12, '-passin', 'pass:Zle-Haslo-2026!!', '-nodes']).status,
    ).not.toBe(0)
  })
})
