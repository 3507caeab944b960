import type { Document, Element } from '@xmldom/xmldom'
import type { ContextIdentifier, ContextIdentifierType } from './identifiers'
import { hasContextShape } from './identifiers'
import { CHALLENGE_PATTERN } from './reference-numbers'
import type { AllowedIps } from './state'
import { DSIG_NS, childElements, describeElement, hasStrayText, simpleText } from './xml-dom'

export const AUTH_TOKEN_NAMESPACES = {
  '2.0': 'http://ksef.mf.gov.pl/auth/token/2.0',
  '2.1': 'http://ksef.mf.gov.pl/auth/token/2.1',
} as const

export type SubjectIdentifierTypeName = 'certificateSubject' | 'certificateFingerprint'

export interface AuthTokenRequest {
  schemaVersion: keyof typeof AUTH_TOKEN_NAMESPACES
  challenge: string
  context: ContextIdentifier
  subjectIdentifierType: SubjectIdentifierTypeName
  allowedIps?: AllowedIps
}

export type AuthTokenRequestResult =
  { ok: true; request: AuthTokenRequest } | { ok: false; problems: string[] }

class SchemaViolation extends Error {}

const IP4 =
  '((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])'
const IP4_ADDRESS = new RegExp(`^${IP4}$`)
const IP4_RANGE = new RegExp(`^${IP4}-${IP4}$`)
const IP4_MASK = new RegExp(`^${IP4}/(0|[1-9]|[12][0-9]|3[0-2])$`)

/** xsd:token: whitespace collapsed; xsd:string keeps it (so " 5265877635" is not a NIP). */
function collapse(text: string): string {
  return text.replace(/[\t\n\r ]+/g, ' ').trim()
}

interface Particle {
  name: string
  min: number
  max: number
}

/**
 * Reads children against an xsd:sequence the way a schema validator does, with Xerces-style
 * messages (KSeF's 21401 details look like "cvc-complex-type.2.4.a: …").
 */
function readSequence(
  parent: Element,
  namespace: string,
  particles: Particle[],
): Map<string, Element[]> {
  const found = new Map<string, Element[]>()
  const children = childElements(parent)
  let index = 0
  const expected = (from: number) =>
    particles
      .slice(from)
      .map((particle) => `"${namespace}":${particle.name}`)
      .join(', ')
  for (let p = 0; p < particles.length; p += 1) {
    const particle = particles[p]
    if (!particle) continue
    const matched: Element[] = []
    while (index < children.length && matched.length < particle.max) {
      const child = children[index]
      if (!child || child.namespaceURI !== namespace || child.localName !== particle.name) break
      matched.push(child)
      index += 1
    }
    if (matched.length < particle.min) {
      const child = children[index]
      if (child) {
        throw new SchemaViolation(
          `cvc-complex-type.2.4.a: Invalid content was found starting with element '${describeElement(child)}'. One of '{${expected(p)}}' is expected.`,
        )
      }
      throw new SchemaViolation(
        `cvc-complex-type.2.4.b: The content of element '${parent.localName ?? ''}' is not complete. One of '{${expected(p)}}' is expected.`,
      )
    }
    found.set(particle.name, matched)
  }
  const extra = children[index]
  if (extra) {
    throw new SchemaViolation(
      `cvc-complex-type.2.4.d: Invalid content was found starting with element '${describeElement(extra)}'. No child element is expected at this point.`,
    )
  }
  if (hasStrayText(parent)) {
    throw new SchemaViolation(
      `cvc-complex-type.2.3: Element '${parent.localName ?? ''}' cannot have character [children], because the type's content type is element-only.`,
    )
  }
  return found
}

function textOf(element: Element): string {
  const text = simpleText(element)
  if (text === undefined) {
    throw new SchemaViolation(
      `cvc-type.3.1.2: Element '${element.localName ?? ''}' is a simple type, so it must have no element information item [children].`,
    )
  }
  return text
}

function patternValue(element: Element, value: string, pattern: RegExp, typeName: string): string {
  if (!pattern.test(value)) {
    throw new SchemaViolation(
      `cvc-pattern-valid: Value '${value}' is not facet-valid with respect to pattern for type '${typeName}' (element '${element.localName ?? ''}').`,
    )
  }
  return value
}

function readAllowedIps(policy: Element, namespace: string): AllowedIps {
  const [allowedIps] =
    readSequence(policy, namespace, [{ name: 'AllowedIps', min: 1, max: 1 }]).get('AllowedIps') ??
    []
  if (!allowedIps) throw new SchemaViolation('cvc-complex-type.2.4.b: AllowedIps is expected.')
  const lists = readSequence(allowedIps, namespace, [
    { name: 'Ip4Address', min: 0, max: 10 },
    { name: 'Ip4Range', min: 0, max: 10 },
    { name: 'Ip4Mask', min: 0, max: 10 },
  ])
  const values = (name: string, pattern: RegExp) =>
    (lists.get(name) ?? []).map((element) =>
      patternValue(element, collapse(textOf(element)), pattern, name),
    )
  return {
    ip4Addresses: values('Ip4Address', IP4_ADDRESS),
    ip4Ranges: values('Ip4Range', IP4_RANGE),
    ip4Masks: values('Ip4Mask', IP4_MASK),
  }
}

const CONTEXT_TYPES: ContextIdentifierType[] = ['Nip', 'InternalId', 'NipVatUe', 'PeppolId']

/**
 * Validates the unsigned AuthTokenRequest against the official 2.0/2.1 schema rules (the XSDs do
 * not declare ds:Signature, so the enveloped signature, a child of the root, is set aside first).
 */
export function readAuthTokenRequest(document: Document): AuthTokenRequestResult {
  const root = document.documentElement
  if (!root) return { ok: false, problems: ['Brak elementu głównego.'] }
  const version = (
    Object.keys(AUTH_TOKEN_NAMESPACES) as (keyof typeof AUTH_TOKEN_NAMESPACES)[]
  ).find((key) => AUTH_TOKEN_NAMESPACES[key] === root.namespaceURI)
  if (root.localName !== 'AuthTokenRequest' || !version) {
    return {
      ok: false,
      problems: [`cvc-elt.1.a: Cannot find the declaration of element '${describeElement(root)}'.`],
    }
  }
  const namespace = AUTH_TOKEN_NAMESPACES[version]
  // Work on a copy without the signature, as the schemas describe the unsigned document.
  const unsigned = root.cloneNode(true) as Element
  for (const child of childElements(unsigned)) {
    if (child.namespaceURI === DSIG_NS && child.localName === 'Signature')
      unsigned.removeChild(child)
  }
  try {
    const parts = readSequence(unsigned, namespace, [
      { name: 'Challenge', min: 1, max: 1 },
      { name: 'ContextIdentifier', min: 1, max: 1 },
      { name: 'SubjectIdentifierType', min: 1, max: 1 },
      { name: 'AuthorizationPolicy', min: 0, max: 1 },
    ])
    const [challengeElement] = parts.get('Challenge') ?? []
    const [contextElement] = parts.get('ContextIdentifier') ?? []
    const [subjectTypeElement] = parts.get('SubjectIdentifierType') ?? []
    const [policyElement] = parts.get('AuthorizationPolicy') ?? []
    if (!challengeElement || !contextElement || !subjectTypeElement)
      throw new SchemaViolation('incomplete')

    const challenge = collapse(textOf(challengeElement))
    if (challenge.length !== 36) {
      throw new SchemaViolation(
        `cvc-length-valid: Value '${challenge}' with length = '${challenge.length}' is not facet-valid with respect to length '36' for type 'Challenge'.`,
      )
    }
    patternValue(challengeElement, challenge, CHALLENGE_PATTERN, 'Challenge')

    const choices = childElements(contextElement)
    const choice = choices[0]
    if (hasStrayText(contextElement)) {
      throw new SchemaViolation(
        "cvc-complex-type.2.3: Element 'ContextIdentifier' cannot have character [children], because the type's content type is element-only.",
      )
    }
    if (!choice) {
      throw new SchemaViolation(
        `cvc-complex-type.2.4.b: The content of element 'ContextIdentifier' is not complete. One of '{${CONTEXT_TYPES.map((t) => `"${namespace}":${t}`).join(', ')}}' is expected.`,
      )
    }
    const type = CONTEXT_TYPES.find((candidate) => candidate === choice.localName)
    if (!type || choice.namespaceURI !== namespace) {
      throw new SchemaViolation(
        `cvc-complex-type.2.4.a: Invalid content was found starting with element '${describeElement(choice)}'. One of '{${CONTEXT_TYPES.map((t) => `"${namespace}":${t}`).join(', ')}}' is expected.`,
      )
    }
    if (choices.length > 1 && choices[1]) {
      throw new SchemaViolation(
        `cvc-complex-type.2.4.d: Invalid content was found starting with element '${describeElement(choices[1])}'. No child element is expected at this point.`,
      )
    }
    const contextValue = textOf(choice)
    const context: ContextIdentifier = { type, value: contextValue }
    if (!hasContextShape(context)) {
      throw new SchemaViolation(
        `cvc-pattern-valid: Value '${contextValue}' is not facet-valid with respect to pattern for type '${type}'.`,
      )
    }

    const subjectType = collapse(textOf(subjectTypeElement))
    if (subjectType !== 'certificateSubject' && subjectType !== 'certificateFingerprint') {
      throw new SchemaViolation(
        `cvc-enumeration-valid: Value '${subjectType}' is not facet-valid with respect to enumeration '[certificateSubject, certificateFingerprint]'. It must be a value from the enumeration.`,
      )
    }
    const allowedIps = policyElement ? readAllowedIps(policyElement, namespace) : undefined
    return {
      ok: true,
      request: {
        schemaVersion: version,
        challenge,
        context,
        subjectIdentifierType: subjectType,
        ...(allowedIps ? { allowedIps } : {}),
      },
    }
  } catch (error) {
    if (error instanceof SchemaViolation) return { ok: false, problems: [error.message] }
    throw error
  }
}
