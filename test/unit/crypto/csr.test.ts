import { describe, expect, it } from 'vitest'
import { createCsr, enrollmentSubject } from '../../../electron/crypto/csr'
import { pkijs, x509 } from '../../../electron/crypto/webcrypto'
import { arrayBufferOf } from '../../../electron/crypto/keys'

const person = {
  commonName: 'Jan Kowalski',
  countryName: 'PL',
  givenName: 'Jan',
  surname: 'Kowalski',
  serialNumber: 'TINPL-5265877635',
  uniqueIdentifier: null,
  organizationName: null,
  organizationIdentifier: null,
}

const seal = {
  commonName: 'Firma Sp. z o.o.',
  countryName: 'PL',
  organizationName: 'Firma Sp. z o.o.',
  organizationIdentifier: 'VATPL-5265877635',
  uniqueIdentifier: 'KSeF-42',
}

/** [OID, ASN.1 string type, value] of each RDN, in order; one attribute per RDN. */
function subjectOf(csr: Buffer): [string, string, string][] {
  const request = pkijs.CertificationRequest.fromBER(arrayBufferOf(csr))
  return request.subject.typesAndValues.map((attribute) => [
    attribute.type,
    attribute.value.constructor.name,
    String((attribute.value.valueBlock as { value: string }).value),
  ])
}

describe('createCsr', () => {
  it('copies a person subject in the official order with the official string types', async () => {
    const { csr, csrBase64, privateKey } = await createCsr(person)
    expect(subjectOf(csr)).toEqual([
      ['2.5.4.3', 'Utf8String', 'Jan Kowalski'],
      ['2.5.4.4', 'Utf8String', 'Kowalski'],
      ['2.5.4.42', 'Utf8String', 'Jan'],
      ['2.5.4.6', 'PrintableString', 'PL'],
      ['2.5.4.5', 'PrintableString', 'TINPL-5265877635'],
    ])
    const request = pkijs.CertificationRequest.fromBER(arrayBufferOf(csr))
    expect(
      request.subject
        .toSchema()
        .valueBlock.value.every(
          (rdn) => (rdn.valueBlock as unknown as { value: unknown[] }).value.length === 1,
        ),
    ).toBe(true)
    expect(Buffer.from(csrBase64, 'base64')).toEqual(csr)
    expect(privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
    expect(await new x509.Pkcs10CertificateRequest(csr).verify()).toBe(true)
  })

  it('copies a seal subject, uniqueIdentifier as UTF8String', async () => {
    const { csr } = await createCsr(seal)
    expect(subjectOf(csr)).toEqual([
      ['2.5.4.3', 'Utf8String', 'Firma Sp. z o.o.'],
      ['2.5.4.10', 'Utf8String', 'Firma Sp. z o.o.'],
      ['2.5.4.97', 'Utf8String', 'VATPL-5265877635'],
      ['2.5.4.6', 'PrintableString', 'PL'],
      ['2.5.4.45', 'Utf8String', 'KSeF-42'],
    ])
  })

  it('takes givenName as a list, one RDN per name', async () => {
    const { csr } = await createCsr({ ...person, givenName: ['Jan', 'Maria'] })
    expect(
      subjectOf(csr)
        .filter(([oid]) => oid === '2.5.4.42')
        .map(([, , v]) => v),
    ).toEqual(['Jan', 'Maria'])
  })

  it('keeps Polish letters in UTF8String', async () => {
    const { csr } = await createCsr({
      ...person,
      commonName: 'Łukasz Żółć',
      surname: 'Żółć',
      givenName: 'Łukasz',
    })
    expect(subjectOf(csr)[0]).toEqual(['2.5.4.3', 'Utf8String', 'Łukasz Żółć'])
  })

  it('makes an RSA 2048 key on request', async () => {
    const { csr, privateKey } = await createCsr(person, { keyType: 'rsa' })
    expect(privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048)
    expect(await new x509.Pkcs10CertificateRequest(csr).verify()).toBe(true)
  })

  it('makes a fresh key pair every time', async () => {
    const [a, b] = await Promise.all([createCsr(person), createCsr(person)])
    expect(a.privateKey.equals(b.privateKey)).toBe(false)
  })

  it.each([
    ['no commonName', { countryName: 'PL' }],
    ['a bad country', { commonName: 'X', countryName: 'Polska' }],
    ['not an object', 'data'],
    ['a serialNumber that is not printable', { ...person, serialNumber: 'TINPL–5265877635' }],
  ])('refuses enrollment data with %s', async (_, data) => {
    await expect(createCsr(data as never)).rejects.toMatchObject({
      code: 'ENROLLMENT_DATA_INVALID',
    })
  })

  it('leaves out empty and null attributes', () => {
    expect(
      enrollmentSubject({ commonName: 'A', countryName: 'PL', surname: '', givenName: null }),
    ).toEqual([
      { oid: '2.5.4.3', value: 'A' },
      { oid: '2.5.4.6', value: 'PL' },
    ])
  })
})
