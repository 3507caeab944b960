// How an error reads on a terminal: "error CODE: message" on one line, and when KSeF itself said
// no, what its code means and what to do (shared/ksef/codes.ts, the words the window shows).
import type { AppErrorPayload } from '../../shared/ipc/errors'
import { explainKsefCode, type KsefCodeKind } from '../../shared/ksef/codes'

const ksefCodeKinds: readonly KsefCodeKind[] = [
  'exception',
  'authStatus',
  'enrollmentStatus',
  'http',
  'forbiddenReason',
]

export function errorText(error: AppErrorPayload): string {
  return [`error ${error.code}: ${error.message}`, ...ksefLines(error.details ?? {})]
    .map((line) => `${line}\n`)
    .join('')
}

function ksefLines(details: Record<string, unknown>): string[] {
  const kind = ksefCodeKinds.find((k) => k === details['ksefCodeKind'])
  const code = details['ksefCode']
  if (!kind || (typeof code !== 'number' && typeof code !== 'string')) return []
  const { title, explanation, fix } = explainKsefCode(kind, code).en
  const ksefDetails = Array.isArray(details['ksefDetails'])
    ? details['ksefDetails'].filter((d): d is string => typeof d === 'string')
    : []
  const reference = [details['serviceCode'], details['traceId']].find(
    (id): id is string => typeof id === 'string' && id !== '',
  )
  return [
    `  KSeF ${code}: ${title}. ${explanation}`,
    ...ksefDetails.map((detail) => `  KSeF says: ${detail}`),
    `  What to do: ${fix}`,
    ...(reference ? [`  Error reference for MF support: ${reference}`] : []),
  ]
}
