// How the contract states KSeF's limits: each operation's `x-rate-limits` (requests per second,
// minute and hour) and whether it takes a bearer token. Read by the generator script and by the
// test that keeps the generated table true to the contract; main reads only the table.

export interface RateLimitWindows {
  perSecond?: number
  perMinute?: number
  perHour?: number
}

export interface RateLimitedOperation {
  method: string
  /** The contract's path, e.g. /auth/{referenceNumber}. */
  template: string
  limits: RateLimitWindows
  /** Called with a bearer token (the contract's `security`). */
  secured: boolean
}

const methods = ['get', 'post', 'put', 'delete', 'patch'] as const

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function windowsOf(raw: unknown): RateLimitWindows | undefined {
  if (!isObject(raw)) return undefined
  const windows: RateLimitWindows = {}
  for (const key of ['perSecond', 'perMinute', 'perHour'] as const) {
    const value = raw[key]
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) windows[key] = value
  }
  return Object.keys(windows).length > 0 ? windows : undefined
}

/** Every operation of the contract that states a limit, in the contract's order. */
export function rateLimitTableOf(contract: unknown): RateLimitedOperation[] {
  const paths = isObject(contract) && isObject(contract['paths']) ? contract['paths'] : {}
  return Object.entries(paths).flatMap(([template, item]) =>
    methods.flatMap((method) => {
      const operation = isObject(item) ? item[method] : undefined
      if (!isObject(operation)) return []
      const limits = windowsOf(operation['x-rate-limits'])
      if (!limits) return []
      const security = operation['security']
      return [
        {
          method: method.toUpperCase(),
          template,
          limits,
          secured: Array.isArray(security) && security.length > 0,
        },
      ]
    }),
  )
}

const windowsText = (limits: RateLimitWindows) =>
  Object.entries(limits)
    .map(([window, count]) => `${window}: ${String(count)}`)
    .join(', ')

export function rateLimitTableSource(table: readonly RateLimitedOperation[]): string {
  // One operation a line, so a change of the contract reads as a change of lines.
  const rows = table
    .map(
      ({ method, template, limits, secured }) =>
        `  { method: '${method}', template: '${template}', limits: { ${windowsText(limits)} }, secured: ${secured} },`,
    )
    .join('\n')
  return [
    '// Generated from ksef-contract/openapi.json by `npm run generate:rate-limits`; do not edit.',
    "import type { RateLimitedOperation } from './rate-limit-contract'",
    '',
    'export const rateLimitTable: readonly RateLimitedOperation[] = [',
    rows,
    ']',
    '',
  ].join('\n')
}
