import 'reflect-metadata'
import { createHash } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import type { SubjectIdentifier } from './identifiers'
import type { EnrollmentData } from './state'

/** The DN attributes KSeF reads, by the field names of CertificateEnrollmentDataResponse. */
export const ENROLLMENT_OIDS: Record<keyof EnrollmentData, string> = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  givenName: '2.5.4.42',
  uniqueIdentifier: '2.5.4.45',
  organizationIdentifier: '2.5.4.97',
}

// @peculiar/x509 names well-known attributes by short name in toJSON(); map them back to OIDs.
const SHORT_NAME_OIDS: Record<string, string> = {
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  T: '2.5.4.12',
  G: '2.5.4.42',
  I: '2.5.4.43',
  E: '1.2.840.113549.1.9.1',
  DC: '0.9.2342.19200300.100.1.25',
}

export interface NameAttribute {
  oid: string
  value: string
}

export function nameAttributes(name: x509.Name): NameAttribute[] {
  const attributes: NameAttribute[] = []
  for (const rdn of name.toJSON()) {
    for (const [key, values] of Object.entries(rdn)) {
      const oid = SHORT_NAME_OIDS[key] ?? key
      for (const value of values) attributes.push({ oid, value })
    }
  }
  return attributes
}

function first(attributes: NameAttribute[], oid: string): string | undefined {
  return attributes.find((attribute) => attribute.oid === oid)?.value
}

function has(attributes: NameAttribute[], oid: string): boolean {
  return attributes.some((attribute) => attribute.oid === oid)
}

export function enrollmentDataAttributes(data: EnrollmentData): NameAttribute[] {
  const attributes: NameAttribute[] = []
  for (const [field, oid] of Object.entries(ENROLLMENT_OIDS) as [keyof EnrollmentData, string][]) {
    const value = data[field]
    if (value !== undefined) attributes.push({ oid, value })
  }
  return attributes
}

/** Same attributes with the same values, in any order and any string type. */
export function sameAttributes(a: NameAttribute[], b: NameAttribute[]): boolean {
  const key = (attribute: NameAttribute) => `${attribute.oid}=${attribute.value}`
  const left = a.map(key).sort()
  const right = b.map(key).sort()
  return left.length === right.length && left.every((value, i) => value === right[i])
}

/**
 * A DN in the layout of the official C# client: one RDN per attribute, CN, SN, GN, O,
 * organizationIdentifier, C, serialNumber, uniqueIdentifier; C and serialNumber printable.
 */
export function enrollmentDataToName(data: EnrollmentData): x509.Name {
  const order: (keyof EnrollmentData)[] = [
    'commonName',
    'surname',
    'givenName',
    'organizationName',
    'organizationIdentifier',
    'countryName',
    'serialNumber',
    'uniqueIdentifier',
  ]
  const rdns: Record<string, { utf8String?: string; printableString?: string }[]>[] = []
  for (const field of order) {
    const value = data[field]
    if (value === undefined) continue
    const printable = field === 'countryName' || field === 'serialNumber'
    rdns.push({
      [ENROLLMENT_OIDS[field]]: [printable ? { printableString: value } : { utf8String: value }],
    })
  }
  return new x509.Name(rdns)
}

export function certificateFingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase()
}

export type SubjectKind = 'person' | 'seal' | 'unrecognised'

export interface CertificateSubject {
  kind: SubjectKind
  /** The NIP or PESEL the subject attributes carry, when they carry one KSeF recognises. */
  identifier?: SubjectIdentifier
  /** Violations of the subject rules for signature certificates (REFERENCE §1.1). */
  problems: string[]
  enrollmentData: EnrollmentData
}

const PESEL_IN_SERIAL = /(PNOPL|PESEL).*?(\d{11})/
const NIP_IN_SERIAL = /(TINPL|NIP).*?(\d{10})/
const NIP_IN_ORGANIZATION_IDENTIFIER = /(VATPL).*?(\d{10})/

/** Reads who a signature certificate speaks for, the way KSeF does from its subject DN. */
export function readCertificateSubject(attributes: NameAttribute[]): CertificateSubject {
  const serialNumber = first(attributes, ENROLLMENT_OIDS.serialNumber)
  const organizationIdentifier = first(attributes, ENROLLMENT_OIDS.organizationIdentifier)
  const commonName = first(attributes, ENROLLMENT_OIDS.commonName)
  const countryName = first(attributes, ENROLLMENT_OIDS.countryName)
  const problems: string[] = []

  const pesel = serialNumber ? PESEL_IN_SERIAL.exec(serialNumber)?.[2] : undefined
  const personNip = serialNumber && !pesel ? NIP_IN_SERIAL.exec(serialNumber)?.[2] : undefined
  const sealNip = organizationIdentifier
    ? NIP_IN_ORGANIZATION_IDENTIFIER.exec(organizationIdentifier)?.[2]
    : undefined

  if (pesel || personNip) {
    for (const [field, oid] of [
      ['givenName', ENROLLMENT_OIDS.givenName],
      ['surname', ENROLLMENT_OIDS.surname],
      ['commonName', ENROLLMENT_OIDS.commonName],
      ['countryName', ENROLLMENT_OIDS.countryName],
    ] as const) {
      if (!has(attributes, oid)) problems.push(`Certyfikat osoby nie zawiera atrybutu ${field}.`)
    }
    if (has(attributes, ENROLLMENT_OIDS.organizationName)) {
      problems.push('Certyfikat osoby nie może zawierać atrybutu organizationName.')
    }
    const enrollmentData: EnrollmentData = {
      commonName: commonName ?? '',
      countryName: countryName ?? '',
      givenName: first(attributes, ENROLLMENT_OIDS.givenName),
      surname: first(attributes, ENROLLMENT_OIDS.surname),
      // KSeF normalises the prefix: NIP-… becomes TINPL-…, PESEL-… becomes PNOPL-….
      serialNumber: pesel ? `PNOPL-${pesel}` : `TINPL-${personNip ?? ''}`,
      uniqueIdentifier: first(attributes, ENROLLMENT_OIDS.uniqueIdentifier),
    }
    return {
      kind: 'person',
      identifier: pesel ? { type: 'Pesel', value: pesel } : { type: 'Nip', value: personNip ?? '' },
      problems,
      enrollmentData: withoutUndefined(enrollmentData),
    }
  }

  if (sealNip) {
    for (const [field, oid] of [
      ['organizationName', ENROLLMENT_OIDS.organizationName],
      ['commonName', ENROLLMENT_OIDS.commonName],
      ['countryName', ENROLLMENT_OIDS.countryName],
    ] as const) {
      if (!has(attributes, oid)) problems.push(`Certyfikat pieczęci nie zawiera atrybutu ${field}.`)
    }
    if (has(attributes, ENROLLMENT_OIDS.givenName) || has(attributes, ENROLLMENT_OIDS.surname)) {
      problems.push('Certyfikat pieczęci nie może zawierać atrybutów givenName ani surname.')
    }
    const enrollmentData: EnrollmentData = {
      commonName: commonName ?? '',
      countryName: countryName ?? '',
      organizationName: first(attributes, ENROLLMENT_OIDS.organizationName),
      organizationIdentifier: `VATPL-${sealNip}`,
      uniqueIdentifier: first(attributes, ENROLLMENT_OIDS.uniqueIdentifier),
    }
    return {
      kind: 'seal',
      identifier: { type: 'Nip', value: sealNip },
      problems,
      enrollmentData: withoutUndefined(enrollmentData),
    }
  }

  const enrollmentData: EnrollmentData = {
    commonName: commonName ?? 'Certyfikat',
    countryName: countryName ?? 'PL',
  }
  for (const field of Object.keys(ENROLLMENT_OIDS) as (keyof EnrollmentData)[]) {
    if (field === 'commonName' || field === 'countryName') continue
    const value = first(attributes, ENROLLMENT_OIDS[field])
    if (value !== undefined) enrollmentData[field] = value
  }
  return { kind: 'unrecognised', problems, enrollmentData }
}

function withoutUndefined(data: EnrollmentData): EnrollmentData {
  return Object.fromEntries(
    Object.entries(data).filter(([, value]) => value !== undefined),
  ) as unknown as EnrollmentData
}
