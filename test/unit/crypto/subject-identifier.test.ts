import { describe, expect, it } from 'vitest'
import {
  malformedSubjectIdentifier,
  subjectIdentifier,
  type NameAttribute,
} from '../../../electron/crypto/certificates'

const serialNumber = (value: string): NameAttribute => ({
  oid: '2.5.4.5',
  name: 'serialNumber',
  value,
})
const organizationIdentifier = (value: string): NameAttribute => ({
  oid: '2.5.4.97',
  name: 'organizationIdentifier',
  value,
})

describe('subjectIdentifier: the NIP or PESEL a subject names, matched whole', () => {
  it.each([
    [
      serialNumber('TINPL-5265877635'),
      { type: 'Nip', value: '5265877635', attribute: 'serialNumber' },
    ],
    [
      serialNumber('NIP-5265877635'),
      { type: 'Nip', value: '5265877635', attribute: 'serialNumber' },
    ],
    [
      serialNumber('PNOPL-90010112349'),
      { type: 'Pesel', value: '90010112349', attribute: 'serialNumber' },
    ],
    [
      serialNumber('PESEL-90010112349'),
      { type: 'Pesel', value: '90010112349', attribute: 'serialNumber' },
    ],
    [
      organizationIdentifier('VATPL-5265877635'),
      { type: 'Nip', value: '5265877635', attribute: 'organizationIdentifier' },
    ],
  ])('reads %j', (attribute, identifier) => {
    expect(subjectIdentifier([attribute])).toEqual(identifier)
    expect(malformedSubjectIdentifier([attribute])).toBeNull()
  })

  it.each([
    [organizationIdentifier('VATPL-52658776359999'), 'VATPL-<NIP, 10 digits>'],
    [organizationIdentifier('VATPL-526587763'), 'VATPL-<NIP, 10 digits>'],
    [organizationIdentifier('VATPL 5265877635'), 'VATPL-<NIP, 10 digits>'],
    [serialNumber('TINPL-52658776351'), 'TINPL-<NIP, 10 digits>'],
    [serialNumber('TINPL-5265877635 '), 'TINPL-<NIP, 10 digits>'],
    [serialNumber('NIP:5265877635'), 'TINPL-<NIP, 10 digits>'],
    [serialNumber('PNOPL-900101123490'), 'PNOPL-<PESEL, 11 digits>'],
  ])('names no identifier in %j and says it is malformed', (attribute, expected) => {
    expect(subjectIdentifier([attribute])).toBeNull()
    expect(malformedSubjectIdentifier([attribute])).toEqual({
      attribute: attribute.name,
      value: attribute.value,
      expected,
    })
  })

  it.each([
    serialNumber('ABC-123456'),
    serialNumber('NIPPON-5265877635'),
    organizationIdentifier('NTRPL-0000123456'),
  ])('leaves other identifiers alone: %j (login by fingerprint)', (attribute) => {
    expect(subjectIdentifier([attribute])).toBeNull()
    expect(malformedSubjectIdentifier([attribute])).toBeNull()
  })

  it('prefers the person’s serialNumber to an organizationIdentifier, as KSeF does', () => {
    expect(
      subjectIdentifier([
        organizationIdentifier('VATPL-7762811692'),
        serialNumber('TINPL-5265877635'),
      ]),
    ).toMatchObject({ value: '5265877635', attribute: 'serialNumber' })
  })
})
