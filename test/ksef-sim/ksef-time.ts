import { randomInt } from 'node:crypto'

/**
 * KSeF writes timestamps with seven fractional digits and an explicit offset, e.g.
 * `2025-07-11T12:23:56.0154302+00:00`. The digits past the millisecond are noise so that a
 * client which parses `timestamp` instead of using `timestampMs` still gets the same millisecond.
 */
export function formatKsefTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString() // 2025-07-11T12:23:56.015Z
  const subMillisecond = String(randomInt(0, 10_000)).padStart(4, '0')
  return `${iso.slice(0, 23)}${subMillisecond}+00:00`
}

export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** KSeF's date-time inputs carry an offset or Z; a bare local time is not accepted here. */
export function parseKsefTimestamp(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text))
    return undefined
  // Date keeps milliseconds only; cut extra fractional digits so the parse is not engine-specific.
  const normalised = text.replace(/(\.\d{3})\d+/, '$1')
  const ms = Date.parse(normalised)
  return Number.isNaN(ms) ? undefined : ms
}
