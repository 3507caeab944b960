import 'reflect-metadata'
import * as asn1js from 'asn1js'
import * as x509 from '@peculiar/x509'
import { nameAttributes, type NameAttribute } from './certificate-subject'

/**
 * XAdES IssuerSerial/X509IssuerName against the certificate's issuer, as distinguished names:
 * each signer writes the name its own way — RFC 4514 order or the certificate's, OpenSSL's
 * keywords (GN, serialNumber, organizationIdentifier), .NET's (G, S, SERIALNUMBER,
 * OID.2.5.4.97), Java's dotted OIDs with #hex values, \HH escapes of UTF-8 bytes — so the text is
 * read into attributes and compared as a set, values the way X.520 caseIgnoreMatch does.
 * @peculiar/x509's own string parser drops what it cannot read (spaces around "=", \HH escapes),
 * which would turn a correct name into a mismatch, hence this reader.
 */
export function sameIssuerName(text: string, certificateDer: Buffer): boolean {
  const written = parseDistinguishedName(text)
  if (!written) return false
  const issuer = nameAttributes(new x509.X509Certificate(certificateDer).issuerName)
  const key = (attributes: NameAttribute[]) =>
    attributes.map(({ oid, value }) => `${oid}=${comparable(value)}`).sort()
  return JSON.stringify(key(written)) === JSON.stringify(key(issuer))
}

const KEYWORD_OIDS: Record<string, string> = {
  cn: '2.5.4.3',
  commonname: '2.5.4.3',
  sn: '2.5.4.4',
  surname: '2.5.4.4',
  serialnumber: '2.5.4.5',
  c: '2.5.4.6',
  countryname: '2.5.4.6',
  l: '2.5.4.7',
  localityname: '2.5.4.7',
  st: '2.5.4.8',
  s: '2.5.4.8',
  stateorprovincename: '2.5.4.8',
  street: '2.5.4.9',
  streetaddress: '2.5.4.9',
  o: '2.5.4.10',
  organizationname: '2.5.4.10',
  ou: '2.5.4.11',
  organizationalunitname: '2.5.4.11',
  t: '2.5.4.12',
  title: '2.5.4.12',
  postalcode: '2.5.4.17',
  g: '2.5.4.42',
  gn: '2.5.4.42',
  givenname: '2.5.4.42',
  i: '2.5.4.43',
  initials: '2.5.4.43',
  x500uniqueidentifier: '2.5.4.45',
  uniqueidentifier: '2.5.4.45',
  dnqualifier: '2.5.4.46',
  pseudonym: '2.5.4.65',
  organizationidentifier: '2.5.4.97',
  e: '1.2.840.113549.1.9.1',
  emailaddress: '1.2.840.113549.1.9.1',
  uid: '0.9.2342.19200300.100.1.1',
  userid: '0.9.2342.19200300.100.1.1',
  dc: '0.9.2342.19200300.100.1.25',
  domaincomponent: '0.9.2342.19200300.100.1.25',
}

function attributeOid(type: string): string | undefined {
  const bare = type.replace(/^oid\./i, '')
  if (/^\d+(\.\d+)+$/.test(bare)) return bare
  return KEYWORD_OIDS[type.toLowerCase()]
}

/** X.520 caseIgnoreMatch, near enough: compatibility forms, case and runs of spaces ignored. */
const comparable = (value: string): string =>
  value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()

const SEPARATORS = new Set([',', ';', '+'])
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/

/**
 * An RFC 4514 string (with RFC 2253's ";" separators and quoted values tolerated), or undefined
 * when it is not one.
 */
export function parseDistinguishedName(text: string): NameAttribute[] | undefined {
  const attributes: NameAttribute[] = []
  let at = 0
  const skipSpaces = () => {
    while (text[at] === ' ') at += 1
  }
  while (at < text.length) {
    const equals = text.indexOf('=', at)
    if (equals < 0) return undefined
    const oid = attributeOid(text.slice(at, equals).trim())
    if (!oid) return undefined
    at = equals + 1
    skipSpaces()
    const value = text[at] === '#' ? readBerValue() : readStringValue()
    if (value === undefined) return undefined
    attributes.push({ oid, value })
    skipSpaces()
    if (at < text.length) {
      if (!SEPARATORS.has(text[at] ?? '')) return undefined
      at += 1
    }
  }
  return attributes

  function charAt(index: number): string {
    const point = text.codePointAt(index)
    return point === undefined ? '' : String.fromCodePoint(point)
  }

  function readBerValue(): string | undefined {
    const hex = /^#([0-9A-Fa-f]*)/.exec(text.slice(at))?.[1] ?? ''
    at += 1 + hex.length
    if (hex.length === 0 || hex.length % 2 !== 0) return undefined
    const decoded = asn1js.fromBER(new Uint8Array(Buffer.from(hex, 'hex')))
    if (decoded.offset === -1) return undefined
    const value = (decoded.result.valueBlock as { value?: unknown }).value
    return typeof value === 'string' ? value : undefined
  }

  function readStringValue(): string | undefined {
    const quoted = text[at] === '"'
    if (quoted) at += 1
    const bytes: number[] = []
    // Unescaped spaces at the end of an unquoted value are not part of it (RFC 4514 §3).
    let significant = 0
    while (at < text.length) {
      const char = charAt(at)
      if (quoted ? char === '"' : SEPARATORS.has(char)) break
      if (char === '\\') {
        // \HH is one byte of the UTF-8 value; \ before any other character stands for it.
        const pair = text.slice(at + 1, at + 3)
        const escaped = HEX_PAIR.test(pair) ? pair : charAt(at + 1)
        if (escaped === '') return undefined
        bytes.push(...(HEX_PAIR.test(pair) ? [parseInt(pair, 16)] : Buffer.from(escaped, 'utf8')))
        at += 1 + escaped.length
        significant = bytes.length
        continue
      }
      bytes.push(...Buffer.from(char, 'utf8'))
      if (char !== ' ' || quoted) significant = bytes.length
      at += char.length
    }
    if (quoted) {
      if (text[at] !== '"') return undefined
      at += 1
    }
    return Buffer.from(bytes.slice(0, significant)).toString('utf8')
  }
}
