// The AuthTokenRequest document of the XAdES login path (schema auth 2.1). Its element order is
// fixed by the schema; values are checked here so the document is schema-valid by construction.
import { DOMParser, type Document, type Element } from '@xmldom/xmldom'
import { AppError } from '../../shared/ipc/errors'
import { checkInternalId } from '../../shared/validation/internal-id'
import { checkNip } from '../../shared/validation/nip'

export const authTokenRequestNamespace = 'http://ksef.mf.gov.pl/auth/token/2.1'
/** Still accepted by KSeF; we read it, we never write it. */
export const authTokenRequestNamespace20 = 'http://ksef.mf.gov.pl/auth/token/2.0'
const dsigNamespace = 'http://www.w3.org/2000/09/xmldsig#'

export type ContextIdentifierType = 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId'
export const contextIdentifierTypes: readonly ContextIdentifierType[] = [
  'Nip',
  'InternalId',
  'NipVatUe',
  'PeppolId',
]

export interface ContextIdentifier {
  type: ContextIdentifierType
  value: string
}

export type SubjectIdentifierType = 'certificateSubject' | 'certificateFingerprint'

export interface AllowedIps {
  ip4Addresses?: readonly string[]
  ip4Ranges?: readonly string[]
  ip4Masks?: readonly string[]
}

export interface AuthTokenRequestInput {
  challenge: string
  context: ContextIdentifier
  subjectIdentifierType?: SubjectIdentifierType
  /** Restricts where the resulting access token may be used; leave out unless asked for. */
  allowedIps?: AllowedIps
}

const challengePattern = /^\d{8}-CR-[A-F0-9]{10}-[A-F0-9]{10}-[A-F0-9]{2}$/
const octet = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])'
const ip4 = `${octet}\\.${octet}\\.${octet}\\.${octet}`
const ipPatterns = {
  ip4Addresses: new RegExp(`^${ip4}$`),
  ip4Ranges: new RegExp(`^${ip4}-${ip4}$`),
  ip4Masks: new RegExp(`^${ip4}/(0|[1-9]|[12][0-9]|3[0-2])$`),
}
// The official XSD patterns for these two carry a literal ^/$ (see ksef-contract/README.md), so
// we check them with the intended expressions.
const nipPattern = '[1-9]((\\d[1-9])|([1-9]\\d))\\d{7}'
const vatUePattern =
  '(ATU\\d{8}|BE[01]\\d{9}|BG\\d{9,10}|CY\\d{8}[A-Z]|CZ\\d{8,10}|DE\\d{9}|DK\\d{8}|EE\\d{9}|EL\\d{9}|' +
  'ES([A-Z]\\d{8}|\\d{8}[A-Z]|[A-Z]\\d{7}[A-Z])|FI\\d{8}|FR[A-Z0-9]{2}\\d{9}|HR\\d{11}|HU\\d{8}|' +
  'IE(\\d{7}[A-Z]{2}|\\d[A-Z0-9+*]\\d{5}[A-Z])|IT\\d{11}|LT(\\d{9}|\\d{12})|LU\\d{8}|LV\\d{11}|MT\\d{8}|' +
  'NL[A-Z0-9+*]{12}|PT\\d{9}|RO\\d{2,10}|SE\\d{12}|SI\\d{8}|SK\\d{10}|XI(\\d{9}|\\d{12}|(GD|HA)\\d{3}))'
const nipVatUePattern = new RegExp(`^${nipPattern}-${vatUePattern}$`)
const peppolIdPattern = /^P[A-Z]{2}[0-9]{6}$/

export function assertChallenge(challenge: string): void {
  if (!challengePattern.test(challenge)) {
    throw invalid('The challenge must look like 20250625-CR-20F5EE4000-DA48AE4124-46.', 'challenge')
  }
}

/** Throws the exact problem of a context identifier (NIP_BAD_CHECKSUM, INTERNAL_ID_FORMAT, …). */
export function assertContextIdentifier(context: ContextIdentifier): void {
  switch (context.type) {
    case 'Nip': {
      const problem = checkNip(context.value)
      if (problem || context.value !== context.value.trim() || !/^\d{10}$/.test(context.value)) {
        throw new AppError(
          problem ?? 'NIP_NOT_DIGITS',
          'The NIP must be 10 digits with a valid check digit.',
          {
            field: 'context',
          },
        )
      }
      return
    }
    case 'InternalId': {
      const problem = checkInternalId(context.value)
      if (problem || !/^\d{10}-\d{5}$/.test(context.value)) {
        throw new AppError(
          problem ?? 'INTERNAL_ID_FORMAT',
          'The internal identifier must be a valid NIP, a hyphen and 5 digits (1234567890-00001).',
          { field: 'context' },
        )
      }
      return
    }
    case 'NipVatUe':
      if (!nipVatUePattern.test(context.value)) {
        throw invalid(
          'The NipVatUe identifier must be a NIP, a hyphen and an EU VAT number.',
          'context',
        )
      }
      return
    case 'PeppolId':
      if (!peppolIdPattern.test(context.value)) {
        throw invalid('The Peppol identifier must look like PAB123456.', 'context')
      }
      return
  }
}

function assertAllowedIps(allowedIps: AllowedIps): void {
  for (const kind of ['ip4Addresses', 'ip4Ranges', 'ip4Masks'] as const) {
    const values = allowedIps[kind] ?? []
    if (values.length > 10) throw invalid(`At most 10 entries are allowed in ${kind}.`, kind)
    const bad = values.find((v) => !ipPatterns[kind].test(v))
    if (bad !== undefined) throw invalid(`"${bad}" is not a valid entry of ${kind}.`, kind)
  }
}

/** The unsigned AuthTokenRequest XML, ready to be signed here or by an external signer. */
export function buildAuthTokenRequest(input: AuthTokenRequestInput): string {
  assertChallenge(input.challenge)
  assertContextIdentifier(input.context)
  if (input.allowedIps) assertAllowedIps(input.allowedIps)
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<AuthTokenRequest xmlns="${authTokenRequestNamespace}">`,
    `  <Challenge>${input.challenge}</Challenge>`,
    '  <ContextIdentifier>',
    `    <${input.context.type}>${input.context.value}</${input.context.type}>`,
    '  </ContextIdentifier>',
    `  <SubjectIdentifierType>${input.subjectIdentifierType ?? 'certificateSubject'}</SubjectIdentifierType>`,
  ]
  if (input.allowedIps) {
    const ips = input.allowedIps
    lines.push('  <AuthorizationPolicy>', '    <AllowedIps>')
    for (const ip of ips.ip4Addresses ?? []) lines.push(`      <Ip4Address>${ip}</Ip4Address>`)
    for (const range of ips.ip4Ranges ?? []) lines.push(`      <Ip4Range>${range}</Ip4Range>`)
    for (const mask of ips.ip4Masks ?? []) lines.push(`      <Ip4Mask>${mask}</Ip4Mask>`)
    lines.push('    </AllowedIps>', '  </AuthorizationPolicy>')
  }
  lines.push('</AuthTokenRequest>', '')
  return lines.join('\n')
}

export interface AuthTokenRequestSummary {
  namespace: string
  challenge: string
  context: ContextIdentifier
  subjectIdentifierType: string
  signed: boolean
  /** The signer's certificate as the signature carries it (base64 DER), when it carries one. */
  signerCertificate: string | null
}

/** What an AuthTokenRequest file says, so a signed file can be checked before it is sent. */
export function readAuthTokenRequest(xml: string): AuthTokenRequestSummary {
  return parseAuthTokenRequest(xml).summary
}

export interface ParsedAuthTokenRequest {
  document: Document
  root: Element
  summary: AuthTokenRequestSummary
}

/** The document itself beside its summary, for the signer, which digests what was read here. */
export function parseAuthTokenRequest(xml: string): ParsedAuthTokenRequest {
  const document = parseXml(xml)
  const root = document.documentElement
  const namespace = root?.namespaceURI ?? ''
  if (
    !root ||
    root.localName !== 'AuthTokenRequest' ||
    (namespace !== authTokenRequestNamespace && namespace !== authTokenRequestNamespace20)
  ) {
    throw new AppError('XML_UNREADABLE', 'The file is not a KSeF AuthTokenRequest document.')
  }
  const child = (parent: Element, name: string): Element | undefined =>
    childElements(parent).find((e) => e.localName === name && e.namespaceURI === namespace)
  const contextElement = child(root, 'ContextIdentifier')
  const contextValue = contextElement ? childElements(contextElement)[0] : undefined
  const type = contextIdentifierTypes.find((t) => t === contextValue?.localName)
  if (!contextValue || !type) {
    throw new AppError('XML_UNREADABLE', 'The AuthTokenRequest names no context identifier.')
  }
  const signature = childElements(root).find(
    (e) => e.localName === 'Signature' && e.namespaceURI === dsigNamespace,
  )
  const summary = {
    namespace,
    challenge: child(root, 'Challenge')?.textContent?.trim() ?? '',
    context: { type, value: contextValue.textContent?.trim() ?? '' },
    subjectIdentifierType: child(root, 'SubjectIdentifierType')?.textContent?.trim() ?? '',
    signed: signature !== undefined,
    signerCertificate: signature ? certificateOf(signature) : null,
  }
  return { document, root, summary }
}

/** The first ds:X509Certificate of the signature's KeyInfo, its whitespace taken out. */
function certificateOf(signature: Element): string | null {
  const path = ['KeyInfo', 'X509Data', 'X509Certificate']
  let element: Element | undefined = signature
  for (const name of path) {
    element = childElements(element).find(
      (e) => e.localName === name && e.namespaceURI === dsigNamespace,
    )
    if (!element) return null
  }
  const text = element.textContent?.replace(/\s+/g, '') ?? ''
  return text === '' ? null : text
}

function parseXml(xml: string): Document {
  try {
    return new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message)
      },
    }).parseFromString(xml, 'application/xml')
  } catch {
    throw new AppError('XML_UNREADABLE', 'The file is not well-formed XML.')
  }
}

function childElements(parent: Element): Element[] {
  const elements: Element[] = []
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE) elements.push(node as Element)
  }
  return elements
}

const invalid = (message: string, field: string): AppError =>
  new AppError('AUTH_REQUEST_INVALID', message, { field })
