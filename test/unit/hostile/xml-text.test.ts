// Issue 13, "Passing things on": the AuthTokenRequest the app signs or sends is UTF-8, valid,
// and without a document type declaration; each refusal has its own code.
import { describe, expect, it } from 'vitest'
import { buildAuthTokenRequest } from '../../../electron/crypto/auth-token-request'
import { authTokenRequestText } from '../../../electron/crypto/xml-text'

const request = buildAuthTokenRequest({
  challenge: '20250514-CR-2DFC46C000-3AC6D5877F-D4',
  context: { type: 'Nip', value: '5265877635' },
})
const body = request.replace(/^<\?xml[^>]*\?>\n/, '')
const refusal = (bytes: Buffer) => {
  try {
    authTokenRequestText(bytes)
  } catch (error) {
    return error
  }
  return 'accepted'
}

describe('authTokenRequestText', () => {
  it('gives back a UTF-8 request as it is, and one with a UTF-8 byte order mark', () => {
    expect(authTokenRequestText(Buffer.from(request))).toBe(request)
    expect(
      authTokenRequestText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(request)])),
    ).toBe(request)
    const commented = `<!-- <!DOCTYPE in a comment is no DOCTYPE -->\n${body}`
    expect(authTokenRequestText(Buffer.from(commented))).toBe(commented)
  })

  it.each([
    ['an internal subset', `<!DOCTYPE AuthTokenRequest [<!ENTITY x "y">]>\n${body}`],
    ['an external id', `<!DOCTYPE AuthTokenRequest SYSTEM "file:///etc/passwd">\n${body}`],
    [
      'a public id',
      `<!DOCTYPE AuthTokenRequest PUBLIC "-//X//EN" "http://example.com/x.dtd">${body}`,
    ],
    ['the declaration first', `<?xml version="1.0"?>\n<!DOCTYPE a>\n${body}`],
    ['a comment first', `<!-- c -->\n  <!DOCTYPE a>${body}`],
    [
      'billion laughs',
      `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${body.replace('5265877635<', '&lol2;<')}`,
    ],
  ])('refuses a DOCTYPE with %s', (_, xml) => {
    expect(refusal(Buffer.from(xml))).toMatchObject({ code: 'XML_DOCTYPE' })
  })

  it.each([
    [
      'a lone continuation byte',
      Buffer.concat([
        Buffer.from(body.slice(0, 40)),
        Buffer.from([0x80]),
        Buffer.from(body.slice(40)),
      ]),
    ],
    ['ISO-8859-2 "ó"', Buffer.from(body.replace('5265877635', 'Kraków'), 'latin1')],
    ['a cut-short sequence', Buffer.concat([Buffer.from(body), Buffer.from([0xc5])])],
    ['an overlong "/"', Buffer.concat([Buffer.from(body), Buffer.from([0xc0, 0xaf])])],
    ['a surrogate in UTF-8', Buffer.concat([Buffer.from(body), Buffer.from([0xed, 0xa0, 0x80])])],
  ])('refuses bytes that are not UTF-8: %s', (_, bytes) => {
    expect(refusal(bytes)).toMatchObject({ code: 'XML_INVALID_UTF8' })
  })

  it.each([
    [
      'UTF-16 LE with its BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(request, 'utf16le')]),
      'UTF-16',
    ],
    ['UTF-16 LE without a BOM', Buffer.from(request, 'utf16le'), 'UTF-16'],
    ['UTF-16 BE', Buffer.from(Buffer.from(request, 'utf16le').swap16()), 'UTF-16'],
    ['ISO-8859-2 declared', Buffer.from(request.replace('utf-8', 'ISO-8859-2')), 'ISO-8859-2'],
    ['UTF-16 declared over UTF-8 bytes', Buffer.from(request.replace('utf-8', 'UTF-16')), 'UTF-16'],
  ])('refuses %s', (_, bytes, encoding) => {
    expect(refusal(bytes)).toMatchObject({
      code: 'XML_ENCODING_UNSUPPORTED',
      details: { encoding },
    })
  })
})
