import { describe, expect, it } from 'vitest'
import {
  certificateValidity,
  ksefSerialNumber,
  readCertificate,
} from '../../../electron/crypto/certificates'
import { createTestCertificate } from '../../../electron/crypto/test-certificates'
import { fixedClock, personCredential } from './credentials'

describe('readCertificate', () => {
  it('summarises a person certificate', async () => {
    const { certificate } = await personCredential('ec')
    const info = readCertificate(certificate)
    expect(info).toMatchObject({
      subject: 'C=PL, CN=Jan Kowalski, serialNumber=TINPL-5265877635, SN=Kowalski, GN=Jan',
      commonName: 'Jan Kowalski',
      identifier: { type: 'Nip', value: '5265877635', attribute: 'serialNumber' },
      validFrom: '2026-03-16T08:29:00.000Z',
      validTo: '2028-03-15T08:29:00.000Z',
      keyUsage: ['digitalSignature'],
      usage: 'Authentication',
      publicKey: { type: 'ec', curve: 'P-256' },
      selfSigned: true,
    })
    expect(info.issuer).toBe(info.subject)
    expect(info.serialNumber).toMatch(/^[0-9A-F]{16}$/)
    expect(info.fingerprintSha256).toMatch(/^[0-9A-F]{64}$/)
    expect(info.der).toEqual(certificate)
  })

  it('reads PEM, DER and base64 DER alike', async () => {
    const { certificate, certificatePem } = await personCredential('rsa')
    const fromDer = readCertificate(certificate)
    expect(readCertificate(certificatePem).fingerprintSha256).toBe(fromDer.fingerprintSha256)
    expect(readCertificate(certificate.toString('base64')).fingerprintSha256).toBe(
      fromDer.fingerprintSha256,
    )
    expect(readCertificate(Buffer.from(certificate.toString('base64'))).fingerprintSha256).toBe(
      fromDer.fingerprintSha256,
    )
    expect(fromDer.publicKey).toEqual({ type: 'rsa', bits: 2048 })
  })

  it('finds a PESEL, and a seal NIP in organizationIdentifier', async () => {
    const pesel = await createTestCertificate({
      kind: 'person',
      givenName: 'Anna',
      surname: 'Nowak',
      identifier: { type: 'Pesel', value: '90010112349' },
    })
    expect(readCertificate(pesel.certificate).identifier).toEqual({
      type: 'Pesel',
      value: '90010112349',
      attribute: 'serialNumber',
    })
    const seal = await createTestCertificate({
      kind: 'seal',
      organizationName: 'Firma',
      nip: '5265877635',
    })
    expect(readCertificate(seal.certificate)).toMatchObject({
      identifier: { type: 'Nip', value: '5265877635', attribute: 'organizationIdentifier' },
      subject: 'C=PL, CN=Firma, organizationIdentifier=VATPL-5265877635, O=Firma',
    })
  })

  it('maps nonRepudiation to the Offline type', async () => {
    const offline = await createTestCertificate(
      { kind: 'seal', organizationName: 'Firma', nip: '5265877635' },
      { usage: 'Offline' },
    )
    expect(readCertificate(offline.certificate)).toMatchObject({
      keyUsage: ['nonRepudiation'],
      usage: 'Offline',
    })
  })

  it.each([
    ['garbage', Buffer.from('not a certificate')],
    ['an empty file', Buffer.alloc(0)],
    [
      'a private key',
      '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n',
    ],
  ])('refuses %s', (_, data) => {
    expect(() => readCertificate(data)).toThrow(
      expect.objectContaining({ code: 'CERT_UNREADABLE' }),
    )
  })

  it('refuses a truncated certificate', async () => {
    const { certificate } = await personCredential('ec')
    expect(() => readCertificate(certificate.subarray(0, certificate.length - 10))).toThrow(
      expect.objectContaining({ code: 'CERT_UNREADABLE' }),
    )
  })
})

describe('ksefSerialNumber', () => {
  it('writes serials as KSeF does: 16 upper-case hex digits', () => {
    expect(ksefSerialNumber('01F20A5D352AE590')).toBe('01F20A5D352AE590')
    expect(ksefSerialNumber('1F20A5D352AE590')).toBe('01F20A5D352AE590')
    expect(ksefSerialNumber('00F20A5D352AE590FF'.slice(0, 18))).toBe('F20A5D352AE590FF')
    expect(ksefSerialNumber('abc')).toBe('0000000000000ABC')
    expect(ksefSerialNumber('35BFD792240285CA7187512D1BB0A27FF28E995B')).toBe(
      '35BFD792240285CA7187512D1BB0A27FF28E995B',
    )
  })
})

describe('certificateValidity', () => {
  it('follows the clock', async () => {
    const info = readCertificate((await personCredential('ec')).certificate)
    expect(certificateValidity(info, fixedClock)).toBe('valid')
    expect(certificateValidity(info, { now: () => Date.parse('2026-03-16T08:00:00Z') })).toBe(
      'not-yet-valid',
    )
    expect(certificateValidity(info, { now: () => Date.parse('2028-03-16T00:00:00Z') })).toBe(
      'expired',
    )
  })
})
