// The text of an AuthTokenRequest file, as the app signs it (CLI sign) or passes it on to KSeF
// (Zaloguj podpisanym żądaniem): UTF-8 only, every byte valid, no document type declaration.
// Bytes that are not UTF-8 would otherwise be replaced silently, so the app would check one text
// and sign or send another; a DOCTYPE brings entities and external ids that neither the app nor
// KSeF should resolve, and that the c14n here would not render as KSeF does.
import { AppError } from '../../shared/ipc/errors'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The file's text, or XML_ENCODING_UNSUPPORTED / XML_INVALID_UTF8 / XML_DOCTYPE. */
export function authTokenRequestText(bytes: Uint8Array): string {
  const wide = wideEncoding(bytes)
  if (wide) throw encodingUnsupported(wide)
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw new AppError(
      'XML_INVALID_UTF8',
      'The file is not valid UTF-8: some of its bytes are not UTF-8 characters.',
    )
  }
  const declared = declaredEncoding(text)
  if (declared !== null && !/^utf-?8$/i.test(declared)) throw encodingUnsupported(declared)
  if (prologHasDoctype(text)) {
    throw new AppError(
      'XML_DOCTYPE',
      'The AuthTokenRequest contains a <!DOCTYPE …> declaration; remove it and sign again.',
    )
  }
  const depth = nestingDepth(text)
  if (depth > maxNestingDepth) {
    throw new AppError(
      'XML_TOO_DEEP',
      `The AuthTokenRequest nests elements ${depth} deep; a signed request is never deeper than ${maxNestingDepth}.`,
      { depth, limit: maxNestingDepth },
    )
  }
  return text
}

/**
 * A signed AuthTokenRequest is about ten elements deep (XAdES-LT and -A included); the parser's
 * work grows faster than the depth, so thousands of levels hold the event loop for long.
 */
const maxNestingDepth = 64

/**
 * The deepest element nesting, counted from tags alone before the parser sees the text: "<name"
 * opens, "</" and "/>" close. An upper bound only (a "<" inside a comment counts too), which is
 * all the bound needs.
 */
function nestingDepth(text: string): number {
  let depth = 0
  let deepest = 0
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const next = text.charAt(at + 1)
    if (next === '/') depth--
    else if (next !== '!' && next !== '?') {
      const end = text.indexOf('>', at)
      if (end === -1) break
      if (text.charAt(end - 1) !== '/') deepest = Math.max(deepest, ++depth)
    }
  }
  return deepest
}

/** UTF-16 or UTF-32, told by the byte order mark or by the zero bytes around the first "<". */
function wideEncoding(bytes: Uint8Array): string | null {
  const [a, b, c, d] = bytes
  if (
    (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) ||
    (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00)
  ) {
    return 'UTF-32'
  }
  if ((a === 0xfe && b === 0xff) || (a === 0xff && b === 0xfe)) return 'UTF-16'
  if ((a === 0x00 && b === 0x3c) || (a === 0x3c && b === 0x00)) return 'UTF-16'
  return null
}

/** The encoding named by the XML declaration, when there is one. */
function declaredEncoding(text: string): string | null {
  const declaration = /^<\?xml\s[^>]*?\?>/.exec(text)?.[0]
  if (!declaration) return null
  return /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(declaration)?.[2] ?? null
}

const xmlWhitespace = new Set([' ', '\t', '\r', '\n'])

/**
 * Whether a <!DOCTYPE comes before the root element, past white space, comments and processing
 * instructions: the one place XML allows it (the parser refuses it anywhere else).
 */
function prologHasDoctype(text: string): boolean {
  let at = 0
  for (;;) {
    while (at < text.length && xmlWhitespace.has(text.charAt(at))) at++
    const closing = text.startsWith('<?', at) ? '?>' : text.startsWith('<!--', at) ? '-->' : null
    if (closing === null) return text.startsWith('<!DOCTYPE', at)
    const end = text.indexOf(closing, at + 2)
    if (end === -1) return false
    at = end + closing.length
  }
}

const encodingUnsupported = (encoding: string): AppError =>
  new AppError(
    'XML_ENCODING_UNSUPPORTED',
    `The file is written in ${encoding}; save it as UTF-8 and sign it again.`,
    { encoding },
  )
