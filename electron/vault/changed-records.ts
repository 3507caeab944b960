import { z } from 'zod'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * `schema.parse(next)` for a document that replaces `previous` (its parsed output), checking only
 * what changed: the repositories build each new document from the last one, keeping every record
 * they did not touch as the very same object. Those records were checked when they came in, so a
 * list keeps them as they are and parses only the new ones; a section that is the same object is
 * kept whole. A status poll writing one company's record then checks that record, not the 2,000
 * others (a whole parse of an office's settings takes tens of milliseconds). The document and
 * its sections (auth, preferences) are walked field by field; a record is parsed whole.
 */
export function parseChanged<T>(schema: z.ZodType<T>, next: unknown, previous: T): T {
  return walk(schema, next, previous, 0) as T
}

function walk(schema: z.ZodType, next: unknown, previous: unknown, depth: number): unknown {
  if (next === previous) return previous
  if (schema instanceof z.ZodDefault) {
    return next === undefined
      ? schema.parse(next)
      : walk(schema.unwrap() as z.ZodType, next, previous, depth)
  }
  if (schema instanceof z.ZodArray && Array.isArray(next) && Array.isArray(previous)) {
    const known = new Set<unknown>(previous)
    const element = schema.element as z.ZodType
    return next.map((record: unknown) => (known.has(record) ? record : element.parse(record)))
  }
  if (schema instanceof z.ZodObject && depth < 2 && isRecord(next) && isRecord(previous)) {
    const shape = schema.shape as Record<string, z.ZodType>
    return Object.fromEntries(
      Object.entries(shape).map(([key, field]) => [
        key,
        walk(field, next[key], previous[key], depth + 1),
      ]),
    )
  }
  return schema.parse(next)
}
