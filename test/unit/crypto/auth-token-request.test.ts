import { X509Certificate } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  buildAuthTokenRequest,
  readAuthTokenRequest,
} from '../../../electron/crypto/auth-token-request'
import { createTestCertificate } from '../../../electron/crypto/test-certificates'
import { signAuthTokenRequest } from '../../../electron/crypto/xades'

const challenge = '20250625-CR-20F5EE4000-DA48AE4124-46'

describe('buildAuthTokenRequest', () => {
  it('writes schema 2.1 with the fixed element order', () => {
    expect(
      buildAuthTokenRequest({ challenge, context: { type: 'Nip', value: '5265877635' } }),
    ).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.1">',
        `  <Challenge>${challenge}</Challenge>`,
        '  <ContextIdentifier>',
        '    <Nip>5265877635</Nip>',
        '  </ContextIdentifier>',
        '  <SubjectIdentifierType>certificateSubject</SubjectIdentifierType>',
        '</AuthTokenRequest>',
        '',
      ].join('\n'),
    )
  })

  it.each([
    ['InternalId', '5265877635-00001'],
    ['NipVatUe', '5265877635-ATU12345678'],
    ['NipVatUe', '5265877635-DE123456789'],
    ['PeppolId', 'PAB123456'],
  ] as const)('writes a %s context', (type, value) => {
    const xml = buildAuthTokenRequest({ challenge, context: { type, value } })
    expect(xml).toContain(`<${type}>${value}</${type}>`)
    expect(readAuthTokenRequest(xml).context).toEqual({ type, value })
  })

  it('writes the fingerprint subject type and an AuthorizationPolicy', () => {
    const xml = buildAuthTokenRequest({
      challenge,
      context: { type: 'Nip', value: '5265877635' },
      subjectIdentifierType: 'certificateFingerprint',
      allowedIps: {
        ip4Addresses: ['192.168.0.1'],
        ip4Ranges: ['10.0.0.1-10.0.0.254'],
        ip4Masks: ['172.16.0.0/16'],
      },
    })
    expect(xml).toContain('<SubjectIdentifierType>certificateFingerprint</SubjectIdentifierType>')
    expect(xml).toMatch(
      /<AuthorizationPolicy>\s*<AllowedIps>\s*<Ip4Address>192\.168\.0\.1<\/Ip4Address>\s*<Ip4Range>10\.0\.0\.1-10\.0\.0\.254<\/Ip4Range>\s*<Ip4Mask>172\.16\.0\.0\/16<\/Ip4Mask>\s*<\/AllowedIps>\s*<\/AuthorizationPolicy>\s*<\/AuthTokenRequest>/,
    )
  })

  it.each([
    [
      'a bad challenge',
      { challenge: '20250625-CR-xyz', context: { type: 'Nip', value: '5265877635' } },
      'AUTH_REQUEST_INVALID',
    ],
    [
      'a bad NIP checksum',
      { challenge, context: { type: 'Nip', value: '5265877636' } },
      'NIP_BAD_CHECKSUM',
    ],
    [
      'a short NIP',
      { challenge, context: { type: 'Nip', value: '526587763' } },
      'NIP_WRONG_LENGTH',
    ],
    [
      'a NIP with separators',
      { challenge, context: { type: 'Nip', value: '526-587-76-35' } },
      'NIP_NOT_DIGITS',
    ],
    [
      'a bad InternalId',
      { challenge, context: { type: 'InternalId', value: '5265877635-001' } },
      'INTERNAL_ID_FORMAT',
    ],
    [
      'a bad NipVatUe',
      { challenge, context: { type: 'NipVatUe', value: '5265877635-XX123' } },
      'AUTH_REQUEST_INVALID',
    ],
    [
      'a bad PeppolId',
      { challenge, context: { type: 'PeppolId', value: 'P12345678' } },
      'AUTH_REQUEST_INVALID',
    ],
    [
      'a bad IP',
      {
        challenge,
        context: { type: 'Nip', value: '5265877635' },
        allowedIps: { ip4Addresses: ['256.1.1.1'] },
      },
      'AUTH_REQUEST_INVALID',
    ],
    [
      'more than 10 masks',
      {
        challenge,
        context: { type: 'Nip', value: '5265877635' },
        allowedIps: { ip4Masks: Array.from({ length: 11 }, (_, i) => `10.0.${i}.0/24`) },
      },
      'AUTH_REQUEST_INVALID',
    ],
  ] as const)('refuses %s', (_, input, code) => {
    expect(() => buildAuthTokenRequest(input)).toThrow(expect.objectContaining({ code }))
  })
})

describe('readAuthTokenRequest', () => {
  it('reads what buildAuthTokenRequest wrote', () => {
    const xml = buildAuthTokenRequest({
      challenge,
      context: { type: 'InternalId', value: '5265877635-00001' },
    })
    expect(readAuthTokenRequest(xml)).toEqual({
      namespace: 'http://ksef.mf.gov.pl/auth/token/2.1',
      challenge,
      context: { type: 'InternalId', value: '5265877635-00001' },
      subjectIdentifierType: 'certificateSubject',
      signed: false,
      signerCertificate: null,
    })
  })

  it('reads the signer’s certificate from the signature, as DER in base64', async () => {
    const made = await createTestCertificate({
      kind: 'seal',
      organizationName: 'Biuro',
      nip: '5265877635',
    })
    const signed = signAuthTokenRequest(
      buildAuthTokenRequest({ challenge, context: { type: 'Nip', value: '5265877635' } }),
      { certificate: made.certificate, privateKey: made.privateKey },
    )
    expect(readAuthTokenRequest(signed)).toMatchObject({
      signed: true,
      signerCertificate: new X509Certificate(made.certificate).raw.toString('base64'),
    })
  })

  it('reads a schema 2.0 document', () => {
    const xml = buildAuthTokenRequest({
      challenge,
      context: { type: 'Nip', value: '5265877635' },
    }).replace('token/2.1', 'token/2.0')
    expect(readAuthTokenRequest(xml).namespace).toBe('http://ksef.mf.gov.pl/auth/token/2.0')
  })

  it.each([
    ['not XML', 'hello'],
    ['broken XML', '<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.1"><Challenge>'],
    ['another document', '<Faktura xmlns="http://crd.gov.pl/wzor/2023/06/29/12648/"/>'],
    ['a request in no namespace', '<AuthTokenRequest><Challenge>x</Challenge></AuthTokenRequest>'],
    [
      'a request without context',
      '<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.1"><Challenge>x</Challenge></AuthTokenRequest>',
    ],
  ])('refuses %s', (_, xml) => {
    expect(() => readAuthTokenRequest(xml)).toThrow(
      expect.objectContaining({ code: 'XML_UNREADABLE' }),
    )
  })
})
