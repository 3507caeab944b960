import { DOMParser } from '@xmldom/xmldom'
import type { Document, Element, Node } from '@xmldom/xmldom'

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#'
export const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#'

const ELEMENT_NODE = 1
const TEXT_NODE = 3
const CDATA_SECTION_NODE = 4
const COMMENT_NODE = 8

export type XmlParseResult = { ok: true; document: Document } | { ok: false; problem: string }

/**
 * Parses untrusted XML strictly: any well-formedness error fails, and so does a DOCTYPE, which
 * an AuthTokenRequest never needs and which is the door to entity tricks.
 */
export function parseXml(text: string): XmlParseResult {
  const problems: string[] = []
  let document: Document
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') problems.push(message.split('\n')[0] ?? message)
      },
    }).parseFromString(text, 'text/xml')
  } catch (error) {
    return {
      ok: false,
      problem: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    }
  }
  if (problems.length > 0) return { ok: false, problem: problems.join(' ') }
  if (document.doctype) return { ok: false, problem: 'Deklaracja DOCTYPE jest niedozwolona.' }
  if (!document.documentElement) return { ok: false, problem: 'Brak elementu głównego.' }
  return { ok: true, document }
}

export function isElement(node: Node | null | undefined): node is Element {
  return node?.nodeType === ELEMENT_NODE
}

export function childElements(parent: Node): Element[] {
  const children: Element[] = []
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (isElement(node)) children.push(node)
  }
  return children
}

export function childrenNamed(parent: Node, namespace: string, localName: string): Element[] {
  return childElements(parent).filter(
    (child) => child.namespaceURI === namespace && child.localName === localName,
  )
}

export function descendantsNamed(root: Node, namespace: string, localName: string): Element[] {
  const found: Element[] = []
  const walk = (node: Node): void => {
    for (const child of childElements(node)) {
      if (child.namespaceURI === namespace && child.localName === localName) found.push(child)
      walk(child)
    }
  }
  walk(root)
  return found
}

/** Text content of an element that may hold only text (comments allowed, no child elements). */
export function simpleText(element: Element): string | undefined {
  let text = ''
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE)
      text += node.nodeValue ?? ''
    else if (node.nodeType !== COMMENT_NODE) return undefined
  }
  return text
}

/** True when the element has text other than whitespace directly inside it. */
export function hasStrayText(element: Element): boolean {
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (
      (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) &&
      (node.nodeValue ?? '').trim() !== ''
    ) {
      return true
    }
  }
  return false
}

export function describeElement(element: Element): string {
  return element.namespaceURI
    ? `{${element.namespaceURI}}${element.localName}`
    : (element.localName ?? '')
}
