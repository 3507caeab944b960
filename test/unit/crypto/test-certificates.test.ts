import { X509Certificate } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createTestCertificate } from '../../../electron/crypto/test-certificates'
import { arrayBufferOf } from '../../../electron/crypto/keys'
import { pkijs } from '../../../electron/crypto/webcrypto'
import { fixedClock } from './credentials'

const subjectTypes = (der: Buffer) =>
  pkijs.Certificate.fromBER(arrayBufferOf(der)).subject.typesAndValues.map((a) => [
    a.type,
    a.value.constructor.name,
    String((a.value.valueBlock as { value: string }).value),
  ])

describe('createTestCertificate', () => {
  it('makes a person certificate as the official helpers do', async () => {
    const made = await createTestCertificate(
      {
        kind: 'person',
        givenName: 'Jan',
        surname: 'Kowalski',
        identifier: { type: 'Nip', value: '5265877635' },
      },
      { clock: fixedClock },
    )
    expect(subjectTypes(made.certificate)).toEqual([
      ['2.5.4.42', 'Utf8String', 'Jan'],
      ['2.5.4.4', 'Utf8String', 'Kowalski'],
      ['2.5.4.5', 'PrintableString', 'TINPL-5265877635'],
      ['2.5.4.3', 'Utf8String', 'Jan Kowalski'],
      ['2.5.4.6', 'PrintableString', 'PL'],
    ])
    const x509 = new X509Certificate(made.certificate)
    expect(new Date(x509.validFrom).toISOString()).toBe('2026-03-16T08:29:00.000Z')
    expect(x509.serialNumber).toMatch(/^[0-9A-F]{16}$/)
    expect(x509.checkPrivateKey(made.privateKey)).toBe(true)
    expect(x509.verify(x509.publicKey)).toBe(true)
    expect(made.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\n/)
  })

  it('writes PNOPL-<PESEL> for a PESEL person', async () => {
    const made = await createTestCertificate({
      kind: 'person',
      givenName: 'Anna',
      surname: 'Nowak',
      identifier: { type: 'Pesel', value: '90010112349' },
      commonName: 'Anna N.',
    })
    expect(subjectTypes(made.certificate)).toContainEqual([
      '2.5.4.5',
      'PrintableString',
      'PNOPL-90010112349',
    ])
    expect(subjectTypes(made.certificate)).toContainEqual(['2.5.4.3', 'Utf8String', 'Anna N.'])
  })

  it('makes a seal without givenName or surname', async () => {
    const made = await createTestCertificate(
      { kind: 'seal', organizationName: 'Żabka Sp. z o.o.', nip: '5265877635' },
      { keyType: 'rsa' },
    )
    expect(subjectTypes(made.certificate)).toEqual([
      ['2.5.4.10', 'Utf8String', 'Żabka Sp. z o.o.'],
      ['2.5.4.97', 'Utf8String', 'VATPL-5265877635'],
      ['2.5.4.3', 'Utf8String', 'Żabka Sp. z o.o.'],
      ['2.5.4.6', 'PrintableString', 'PL'],
    ])
    expect(made.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048)
  })

  it('refuses a bad NIP and a bad PESEL', async () => {
    await expect(
      createTestCertificate({ kind: 'seal', organizationName: 'Firma', nip: '5265877636' }),
    ).rejects.toMatchObject({ code: 'NIP_BAD_CHECKSUM' })
    // 90010112349 is valid: its last digit only, or its length, goes wrong below.
    for (const pesel of ['123', '900101123490', '9001011234x', '90010112345']) {
      await expect(
        createTestCertificate({
          kind: 'person',
          givenName: 'A',
          surname: 'B',
          identifier: { type: 'Pesel', value: pesel },
        }),
        pesel,
      ).rejects.toMatchObject({ code: 'PESEL_INVALID', details: { field: 'pesel' } })
    }
  })

  it('refuses a blank name with a code of its own', async () => {
    await expect(
      createTestCertificate({
        kind: 'person',
        givenName: ' ',
        surname: 'Nowak',
        identifier: { type: 'Nip', value: '5265877635' },
      }),
    ).rejects.toMatchObject({ code: 'TEST_CERT_NAME_EMPTY' })
    await expect(
      createTestCertificate({ kind: 'seal', organizationName: '', nip: '5265877635' }),
    ).rejects.toMatchObject({ code: 'TEST_CERT_NAME_EMPTY' })
  })
})
