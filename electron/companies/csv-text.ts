import type { CsvEncoding } from '../../shared/domain/company-import'
import { companyCsvMaxBytes } from '../../shared/domain/company-import'
import { AppError } from '../../shared/ipc/errors'

const utf8Bom = [0xef, 0xbb, 0xbf] as const

// C0 controls other than tab, line feed and carriage return never occur in a spreadsheet's CSV:
// their presence means the file is not text (an .xlsx, a PDF, an image renamed .csv).
const isBinaryControl = (code: number): boolean =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f
const hasBinaryControl = (text: string): boolean =>
  [...text].some((char) => isBinaryControl(char.charCodeAt(0)))

/**
 * The text of a CSV file as a spreadsheet wrote it: UTF-8 with or without a BOM, or, when the bytes
 * are not valid UTF-8, Windows-1250 — what Excel on a Polish Windows saves as "CSV".
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length > companyCsvMaxBytes) {
    throw new AppError(
      'CSV_TOO_LARGE',
      `The file has ${bytes.length} bytes; a company list is read up to ${companyCsvMaxBytes} bytes.`,
      { sizeBytes: bytes.length, limitBytes: companyCsvMaxBytes },
    )
  }
  const hasBom = utf8Bom.every((byte, i) => bytes[i] === byte)
  const decoded = hasBom
    ? {
        text: new TextDecoder('utf-8').decode(bytes.subarray(utf8Bom.length)),
        encoding: 'utf-8-bom' as const,
      }
    : decodeWithoutBom(bytes)
  if (hasBinaryControl(decoded.text)) {
    throw new AppError('CSV_NOT_TEXT', 'The file is not a text CSV file (it holds binary data).')
  }
  if (decoded.text.trim() === '') throw new AppError('CSV_EMPTY', 'The file is empty.')
  return decoded
}

function decodeWithoutBom(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('windows-1250').decode(bytes), encoding: 'windows-1250' }
  }
}
