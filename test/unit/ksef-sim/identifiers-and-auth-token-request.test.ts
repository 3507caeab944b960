import { describe, expect, test } from 'vitest'
import { readAuthTokenRequest } from '../../ksef-sim/auth-token-request'
import { hasContextShape, isValidContext, isValidNip } from '../../ksef-sim/identifiers'
import { parseXml } from '../../ksef-sim/xml-dom'

describe('identifiers', () => {
  test('NIP check digit (weights 6,5,7,2,3,4,5,6,7)', () => {
    expect(isValidNip('5265877635')).toBe(true)
    expect(isValidNip('7762811692')).toBe(true)
    expect(isValidNip('5265877636')).toBe(false)
    expect(isValidNip('0265877635')).toBe(false)
  })

  test('context shapes: NipVatUe and PeppolId checked with the JSON-schema expressions', () => {
    expect(isValidContext({ type: 'NipVatUe', value: '5265877635-ATU12345678' })).toBe(true)
    expect(hasContextShape({ type: 'NipVatUe', value: '5265877635-XX12345678' })).toBe(false)
    expect(isValidContext({ type: 'PeppolId', value: 'PAB123456' })).toBe(true)
    expect(isValidContext({ type: 'InternalId', value: '5265877635-00001' })).toBe(true)
    expect(isValidContext({ type: 'InternalId', value: '5265877636-00001' })).toBe(false)
  })
})

function read(xml: string) {
  const parsed = parseXml(xml)
  if (!parsed.ok) throw new Error(parsed.problem)
  return readAuthTokenRequest(parsed.document)
}

const CHALLENGE = '20250625-CR-20F5EE4000-DA48AE4124-46'

describe('AuthTokenRequest against the 2.0/2.1 schema rules', () => {
  test('reads a 2.1 request with an AuthorizationPolicy', () => {
    const result = read(
      `<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.1"><Challenge> ${CHALLENGE} </Challenge>` +
        '<ContextIdentifier><PeppolId>PAB123456</PeppolId></ContextIdentifier><SubjectIdentifierType>certificateFingerprint</SubjectIdentifierType>' +
        '<AuthorizationPolicy><AllowedIps><Ip4Address>10.0.0.1</Ip4Address><Ip4Mask>172.16.0.0/16</Ip4Mask></AllowedIps></AuthorizationPolicy></AuthTokenRequest>',
    )
    expect(result).toEqual({
      ok: true,
      request: {
        schemaVersion: '2.1',
        challenge: CHALLENGE,
        context: { type: 'PeppolId', value: 'PAB123456' },
        subjectIdentifierType: 'certificateFingerprint',
        allowedIps: { ip4Addresses: ['10.0.0.1'], ip4Ranges: [], ip4Masks: ['172.16.0.0/16'] },
      },
    })
  })

  test('Xerces-style problems for missing elements, bad enumerations and bad IPs', () => {
    const head = `<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.0"><Challenge>${CHALLENGE}</Challenge><ContextIdentifier><Nip>5265877635</Nip></ContextIdentifier>`
    expect(read(`${head}</AuthTokenRequest>`)).toEqual({
      ok: false,
      problems: [
        'cvc-complex-type.2.4.b: The content of element \'AuthTokenRequest\' is not complete. One of \'{"http://ksef.mf.gov.pl/auth/token/2.0":SubjectIdentifierType, "http://ksef.mf.gov.pl/auth/token/2.0":AuthorizationPolicy}\' is expected.',
      ],
    })
    const badEnum = read(
      `${head}<SubjectIdentifierType>nip</SubjectIdentifierType></AuthTokenRequest>`,
    )
    expect(badEnum.ok ? '' : badEnum.problems[0]).toMatch(/^cvc-enumeration-valid: Value 'nip'/)
    const badIp = read(
      `${head}<SubjectIdentifierType>certificateSubject</SubjectIdentifierType><AuthorizationPolicy><AllowedIps><Ip4Address>300.1.1.1</Ip4Address></AllowedIps></AuthorizationPolicy></AuthTokenRequest>`,
    )
    expect(badIp.ok ? '' : badIp.problems[0]).toMatch(/^cvc-pattern-valid: Value '300\.1\.1\.1'/)
    const spacedNip = read(
      head.replace('<Nip>5265877635', '<Nip> 5265877635') +
        '<SubjectIdentifierType>certificateSubject</SubjectIdentifierType></AuthTokenRequest>',
    )
    expect(spacedNip.ok).toBe(false)
  })

  test('a DOCTYPE is refused before anything else', () => {
    expect(parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a/>')).toMatchObject({ ok: false })
  })
})
