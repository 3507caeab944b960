import { describe, expect, test } from 'vitest'
import { Contract } from '../../ksef-sim/contract'
import { checkResponse } from '../../ksef-sim/contract-check'

const contract = Contract.load()

function operation(method: string, path: string) {
  const matched = contract.match(method, path)
  if (!matched) throw new Error(`no operation for ${method} ${path}`)
  return matched.operation
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' }

describe('the contract as loaded', () => {
  test('is API 2.7.0 and literal segments win over parameters', () => {
    expect(contract.version).toBe('2.7.0')
    expect(contract.match('GET', '/auth/sessions')?.operation.template).toBe('/auth/sessions')
    expect(contract.match('GET', '/auth/20250514-AU-2DFC46C000-3AC6D5877F-D4')).toMatchObject({
      operation: { template: '/auth/{referenceNumber}' },
      params: { referenceNumber: '20250514-AU-2DFC46C000-3AC6D5877F-D4' },
    })
    expect(contract.match('DELETE', '/auth/challenge')).toBeUndefined()
    expect(contract.hasPath('/auth/challenge')).toBe(true)
  })

  test('x-rate-limits are read per operation', () => {
    expect(operation('POST', '/auth/challenge').rateLimits).toEqual({ perSecond: 60 })
    expect(operation('GET', '/tokens').rateLimits).toEqual({
      perSecond: 10,
      perMinute: 30,
      perHour: 120,
    })
  })
})

describe('checkResponse', () => {
  const challenge = operation('POST', '/auth/challenge')
  const valid = {
    challenge: '20250514-CR-226FB7B000-3ACF9BE4C0-10',
    timestamp: '2025-07-11T12:23:56.0154302+00:00',
    timestampMs: 1752236636015,
    clientIp: '127.0.0.1',
  }

  test("accepts the contract's own example", () => {
    expect(
      checkResponse(contract, challenge, {
        status: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify(valid),
      }),
    ).toEqual([])
  })

  test('names a missing property, a bad format, a wrong media type and an undeclared status', () => {
    const { clientIp: _clientIp, ...missing } = valid
    expect(
      checkResponse(contract, challenge, {
        status: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify(missing),
      }),
    ).toEqual([
      "POST /auth/challenge → 200 (application/json): body: must have required property 'clientIp'",
    ])
    expect(
      checkResponse(contract, challenge, {
        status: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify({ ...valid, timestamp: '2025-07-11 12:23' }),
      }),
    ).toEqual([
      'POST /auth/challenge → 200 (application/json): body/timestamp: must match format "date-time"',
    ])
    expect(
      checkResponse(contract, challenge, {
        status: 200,
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      }),
    ).toEqual(["POST /auth/challenge → 200: content type 'text/plain' not among application/json"])
    expect(checkResponse(contract, challenge, { status: 401, headers: {}, body: '' })[0]).toContain(
      'status not declared',
    )
  })

  test('OpenAPI nullable is honoured, including on allOf-wrapped properties', () => {
    const status = operation('GET', '/auth/{referenceNumber}')
    const body = {
      startDate: '2025-07-11T12:23:56.0154302+00:00',
      authenticationMethod: 'Token',
      authenticationMethodInfo: {
        category: 'Token',
        code: 'token.ksef',
        displayName: 'Token KSeF',
      },
      status: { code: 200, description: 'OK', details: null },
      isTokenRedeemed: null,
      lastTokenRefreshDate: null,
    }
    expect(
      checkResponse(contract, status, {
        status: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify(body),
      }),
    ).toEqual([])
    const legacy = {
      exception: {
        exceptionDetailList: [{ exceptionCode: 21304 }],
        referenceNumber: null,
        timestamp: '2025-10-11T12:23:56Z',
      },
    }
    expect(
      checkResponse(contract, status, {
        status: 400,
        headers: JSON_HEADERS,
        body: JSON.stringify(legacy),
      }),
    ).toEqual([])
    expect(
      checkResponse(contract, status, {
        status: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify({ ...body, authenticationMethod: null }),
      }),
    ).not.toEqual([])
  })

  test('429 needs an integer Retry-After; 204 must have no body', () => {
    const body = JSON.stringify({
      status: { code: 429, description: 'Too Many Requests', details: [] },
    })
    expect(
      checkResponse(contract, challenge, { status: 429, headers: JSON_HEADERS, body }),
    ).toEqual([
      'POST /auth/challenge → 429: Retry-After header missing or not an integer number of seconds',
    ])
    expect(
      checkResponse(contract, challenge, {
        status: 429,
        headers: { ...JSON_HEADERS, 'retry-after': '30' },
        body,
      }),
    ).toEqual([])
    const revoke = operation('DELETE', '/tokens/20250514-EC-2DFC46C000-3AC6D5877F-D4')
    expect(checkResponse(contract, revoke, { status: 204, headers: {}, body: '{}' })).toEqual([
      'DELETE /tokens/{referenceNumber} → 204: the contract declares no body',
    ])
  })
})
