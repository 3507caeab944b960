import { createHash } from 'node:crypto'
import { z } from 'zod'
import { AuditEntry, type AuditRow } from '../../shared/domain/audit'
import { AppError } from '../../shared/ipc/errors'

/** The `prev` of the first line. */
export const genesisHash = '0'.repeat(64)

/** The last entry sealed in the vault: the line it was and its hash. */
export const AuditSeal = z.strictObject({
  line: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
})
export type AuditSeal = z.infer<typeof AuditSeal>

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * One line of audit.jsonl: the entry's JSON with its own hash as the last field. The hash is taken
 * over the bytes of the entry's JSON without it, so the line is checked as it stands on the disk.
 */
export function auditLine(entry: AuditEntry): { text: string; hash: string } {
  const body = JSON.stringify(entry)
  const hash = sha256(body)
  return { text: `${body.slice(0, -1)},"hash":"${hash}"}\n`, hash }
}

const lineShape = /^(\{.*),"hash":"([0-9a-f]{64})"\}$/

type ReadLine =
  { kind: 'malformed' } | { kind: 'edited'; row: AuditRow } | { kind: 'intact'; row: AuditRow }

function readLine(text: string): ReadLine {
  const match = lineShape.exec(text)
  if (!match?.[1] || !match[2]) return { kind: 'malformed' }
  const body = `${match[1]}}`
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return { kind: 'malformed' }
  }
  const entry = AuditEntry.safeParse(json)
  if (!entry.success) return { kind: 'malformed' }
  const row = { ...entry.data, hash: match[2] }
  return sha256(body) === match[2] ? { kind: 'intact', row } : { kind: 'edited', row }
}

/** The file's lines, the last newline ending the last line (a fragment after it is a line too). */
export function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** The entries of the file that read as entries (a malformed line is left out), in file order. */
export function readRows(lines: readonly string[]): AuditRow[] {
  const rows: AuditRow[] = []
  for (const text of lines) {
    const read = readLine(text)
    if (read.kind !== 'malformed') rows.push(read.row)
  }
  return rows
}

/**
 * Walks the chain from the first line and holds its end to the vault's seal. Returns the first
 * problem: a line that is no entry, one whose hash no longer matches (edited), one that does not
 * follow the line before (removed or moved), a file that ends before the seal (truncated), a seal
 * that names another last line, lines written after the seal, or no seal at all.
 */
export function verifyChain(
  lines: readonly string[],
  seal: AuditSeal | undefined,
): AppError | undefined {
  const count = lines.length
  const at = (line: number) => ({ line, lines: count })
  const hashes: string[] = []
  let prev = genesisHash
  for (const [index, text] of lines.entries()) {
    const line = index + 1
    const read = readLine(text)
    if (read.kind === 'malformed') {
      return new AppError(
        'AUDIT_LINE_MALFORMED',
        `Line ${line} of the audit log is not an entry of the log.`,
        at(line),
      )
    }
    if (read.kind === 'edited') {
      return new AppError(
        'AUDIT_LINE_EDITED',
        `Line ${line} of the audit log was changed after it was written: its contents no longer match its hash.`,
        at(line),
      )
    }
    if (read.row.line !== line || read.row.prev !== prev) {
      return new AppError(
        'AUDIT_LINE_MISSING',
        `Line ${line} of the audit log does not follow the line before it: a line was removed or moved.`,
        at(line),
      )
    }
    prev = read.row.hash
    hashes.push(prev)
  }
  if (!seal) {
    return count === 0
      ? undefined
      : new AppError(
          'AUDIT_HEAD_MISSING',
          `The audit log holds ${count} lines but the vault holds no seal of its last line.`,
          { lines: count },
        )
  }
  if (seal.line > count) {
    return new AppError(
      'AUDIT_TRUNCATED',
      `The audit log ends at line ${count}; the vault's seal says it held ${seal.line} lines.`,
      { lines: count, sealedLines: seal.line },
    )
  }
  if (hashes[seal.line - 1] !== seal.hash) {
    return new AppError(
      'AUDIT_HEAD_MISMATCH',
      `Line ${seal.line} of the audit log is not the line the vault sealed: lines were replaced and hashed anew.`,
      at(seal.line),
    )
  }
  if (seal.line < count) {
    return new AppError(
      'AUDIT_UNSEALED',
      `Lines ${seal.line + 1} to ${count} of the audit log came after the vault's seal: a write was interrupted, or lines were added by hand.`,
      at(seal.line + 1),
    )
  }
  return undefined
}

/** The seal of the file's last line, read from the file itself (when it ends in an entry). */
export function lastOf(lines: readonly string[]): AuditSeal | undefined {
  const last = lines.at(-1)
  if (last === undefined) return undefined
  const read = readLine(last)
  return read.kind === 'intact' ? { line: read.row.line, hash: read.row.hash } : undefined
}
