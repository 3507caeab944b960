import { constants, createHash, generateKeyPairSync, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  certificateVerificationLink,
  invoiceHash,
  invoiceVerificationLink,
} from '../../../electron/crypto/qr-links'

const invoice = Buffer.from('<Faktura>…</Faktura>', 'utf8')
const hash = createHash('sha256').update(invoice).digest('base64url')
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })

describe('invoiceVerificationLink (KOD I)', () => {
  it('puts the NIP before the date, the date as DD-MM-YYYY, the hash as base64url', () => {
    expect(
      invoiceVerificationLink({
        environment: 'Test',
        sellerNip: '1111111111',
        issueDate: '2026-02-01',
        invoice,
      }),
    ).toBe(`https://qr-test.ksef.mf.gov.pl/invoice/1111111111/01-02-2026/${hash}`)
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(invoiceHash(invoice)).toBe(hash)
  })

  it('matches the shape of the documented example', () => {
    const link = invoiceVerificationLink({
      environment: 'Test',
      sellerNip: '1111111111',
      issueDate: '2026-02-01',
      invoice: { hash: 'UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE' },
    })
    expect(link).toBe(
      'https://qr-test.ksef.mf.gov.pl/invoice/1111111111/01-02-2026/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE',
    )
  })

  it.each([
    ['Demo', 'https://qr-demo.ksef.mf.gov.pl/'],
    ['Production', 'https://qr.ksef.mf.gov.pl/'],
  ] as const)('uses the %s QR host', (environment, prefix) => {
    expect(
      invoiceVerificationLink({
        environment,
        sellerNip: '1111111111',
        issueDate: '2026-02-01',
        invoice,
      }),
    ).toMatch(new RegExp(`^${prefix.replace(/\./g, '\\.')}invoice/`))
  })

  it.each([
    ['a bad NIP', { sellerNip: '1111111112' }],
    ['a date that does not exist', { issueDate: '2026-02-30' }],
    ['a date in another format', { issueDate: '01-02-2026' }],
    ['a hash that is not SHA-256 base64url', { invoice: { hash: 'abc=' } }],
  ])('refuses %s', (_, change) => {
    expect(() =>
      invoiceVerificationLink({
        environment: 'Test',
        sellerNip: '1111111111',
        issueDate: '2026-02-01',
        invoice,
        ...change,
      }),
    ).toThrow(expect.objectContaining({ code: 'QR_INPUT_INVALID' }))
  })
})

describe('certificateVerificationLink (KOD II)', () => {
  const base = {
    environment: 'Test' as const,
    context: { type: 'Nip' as const, value: '1111111111' },
    sellerNip: '1111111111',
    certificateSerial: '01F20A5D352AE590',
    invoice,
  }
  const signedPart = `qr-test.ksef.mf.gov.pl/certificate/Nip/1111111111/1111111111/01F20A5D352AE590/${hash}`

  it('signs host/path without https:// with ECDSA P-256 (r‖s)', () => {
    const link = certificateVerificationLink({ ...base, privateKey: ec.privateKey })
    expect(link.startsWith(`https://${signedPart}/`)).toBe(true)
    const signature = Buffer.from(link.slice(`https://${signedPart}/`.length), 'base64url')
    expect(link.slice(`https://${signedPart}/`.length)).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(signature.length).toBe(64)
    expect(
      verify(
        'sha256',
        Buffer.from(signedPart),
        { key: ec.publicKey, dsaEncoding: 'ieee-p1363' },
        signature,
      ),
    ).toBe(true)
  })

  it('signs with RSA-PSS, salt 32', () => {
    const link = certificateVerificationLink({ ...base, privateKey: rsa.privateKey })
    const signature = Buffer.from(link.slice(`https://${signedPart}/`.length), 'base64url')
    expect(signature.length).toBe(256)
    expect(
      verify(
        'sha256',
        Buffer.from(signedPart),
        { key: rsa.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        signature,
      ),
    ).toBe(true)
  })

  it('takes the login context, which may differ from the seller', () => {
    const link = certificateVerificationLink({
      ...base,
      context: { type: 'InternalId', value: '5265877635-00001' },
      privateKey: ec.privateKey,
    })
    expect(link).toMatch(
      /^https:\/\/qr-test\.ksef\.mf\.gov\.pl\/certificate\/InternalId\/5265877635-00001\/1111111111\//,
    )
  })

  it.each([
    [
      'a serial that is not 16 hex digits',
      { certificateSerial: '01F20A5D352AE5' },
      'QR_INPUT_INVALID',
    ],
    ['a bad context', { context: { type: 'Nip' as const, value: '123' } }, 'QR_INPUT_INVALID'],
    ['a bad seller NIP', { sellerNip: '1234567890' }, 'QR_INPUT_INVALID'],
    [
      'a P-384 key',
      { privateKey: generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey },
      'KEY_UNSUPPORTED',
    ],
  ])('refuses %s', (_, change, code) => {
    expect(() =>
      certificateVerificationLink({ ...base, privateKey: ec.privateKey, ...change }),
    ).toThrow(expect.objectContaining({ code }))
  })
})
