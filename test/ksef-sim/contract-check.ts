import type { Contract, ContractOperation } from './contract'

export interface OutgoingResponse {
  status: number
  headers: Record<string, string>
  body: string
}

const JSON_MEDIA_TYPES = new Set(['application/json', 'application/problem+json'])

/**
 * Checks one response against what the contract declares for its operation: the status code,
 * the media type, the body schema and required headers. Returns the violations found, each a
 * sentence naming the operation, so a failing test says exactly what the simulator got wrong.
 */
export function checkResponse(
  contract: Contract,
  operation: ContractOperation,
  response: OutgoingResponse,
): string[] {
  const label = `${operation.method} ${operation.template} → ${response.status}`
  const declared = operation.responses[String(response.status)]
  if (!declared) {
    const allowed = Object.keys(operation.responses).join(', ')
    return [`${label}: status not declared by the contract (declared: ${allowed})`]
  }
  const violations: string[] = []
  const mediaTypes = Object.keys(declared.content)
  const contentType = (response.headers['content-type'] ?? '').split(';')[0]?.trim() ?? ''

  if (mediaTypes.length === 0) {
    if (response.body.length > 0) violations.push(`${label}: the contract declares no body`)
  } else if (!mediaTypes.includes(contentType)) {
    violations.push(`${label}: content type '${contentType}' not among ${mediaTypes.join(', ')}`)
  } else {
    const schema = declared.content[contentType]
    if (JSON_MEDIA_TYPES.has(contentType)) {
      let body: unknown
      try {
        body = JSON.parse(response.body) as unknown
      } catch {
        return [...violations, `${label}: body is not JSON`]
      }
      if (schema) {
        for (const error of contract.validate(schema, body, 'body')) {
          violations.push(`${label} (${contentType}): ${error}`)
        }
      }
    }
  }

  if (declared.headers.includes('Retry-After')) {
    const retryAfter = response.headers['retry-after']
    if (retryAfter === undefined || !/^\d+$/.test(retryAfter)) {
      violations.push(`${label}: Retry-After header missing or not an integer number of seconds`)
    }
  }
  return violations
}
