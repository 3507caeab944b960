// Text from outside (a certificate's subject, a company name, a KSeF message) shown to a person:
// characters that steer the terminal or the direction of text are shown as escapes instead of
// acting. ESC and the other C0/C1 controls can clear a screen, move the cursor or set a window
// title (OSC); the bidirectional controls reorder what follows them, so "Firma" + U+202E + "lanigiro" reads as
// another name. Each becomes \u{hex}, which no name or subject holds legitimately.

// Cc is every C0 control, DEL and every C1 control; Bidi_Control the embeddings, overrides,
// isolates and marks (U+202A–202E, U+2066–2069, U+200E/F, U+061C).
const controls = /[\p{Cc}\p{Bidi_Control}]/gu

const codePoint = (character: string): number => character.codePointAt(0) ?? 0

/**
 * text with every control and bidirectional character written as \u{hex}. keepLineBreaks keeps
 * tab and line feed, for text laid out in lines by the app itself (the CLI's output); a
 * single-line field (a name in a table cell) escapes them too.
 */
export function visibleText(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  return text.replace(controls, (character) =>
    options.keepLineBreaks === true && (character === '\n' || character === '\t')
      ? character
      : `\\u{${codePoint(character).toString(16)}}`,
  )
}

/**
 * JSON text with the characters JSON.stringify leaves raw (DEL, C1, bidirectional controls)
 * written as \uXXXX escapes: the same JSON value, safe on a terminal.
 */
export function visibleJson(json: string): string {
  // JSON.stringify escapes every C0 control inside strings, so a raw line feed or tab is the
  // layout between values, and stays.
  return json.replace(controls, (character) =>
    character === '\n' || character === '\t'
      ? character
      : `\\u${codePoint(character).toString(16).padStart(4, '0')}`,
  )
}
