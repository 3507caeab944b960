import { describe, expect, it } from 'vitest'
import { emptyFacts, ksefErrorFromResponse } from '../../../electron/ksef/errors'
import { AppError, AppErrorPayload } from '../../../shared/ipc/errors'

const forbidden = (security: unknown) =>
  ksefErrorFromResponse(
    403,
    {
      title: 'Forbidden',
      status: 403,
      detail: 'Brak wymaganych uprawnień do wykonania operacji w bieżącym kontekście.',
      reasonCode: 'missing-permissions',
      security,
      traceId: '673843e023c432286660bc0501a3af44',
      timestamp: '2025-07-11T12:23:56.0154302+00:00',
    },
    emptyFacts({ method: 'GET', path: '/tokens' }),
  )

describe('error details across the contract', () => {
  it('keep the facts a message needs', () => {
    for (const [code, details] of [
      ['SECRETS_KDF_TOO_COSTLY', { N: 2 ** 18, r: 8, p: 1 }],
      ['CERT_ENROLLMENT_UNFINISHED', { statusCode: null, serialNumber: '01F2A3' }],
      ['EXPORT_PASSWORD_LENGTH', { brokenRules: ['length', 'digit'] }],
    ] as const) {
      const payload = new AppError(code, 'm', details).toPayload()
      expect(payload.details).toEqual(details)
      expect(AppErrorPayload.parse(payload)).toEqual(payload)
    }
  })

  it.each([
    ['token', { token: '20251010-EC-…|nip-5265877635|0123' }],
    ['accessToken', { accessToken: 'eyJ…' }],
    ['a key password', { keyPassword: 'Abcdefgh1234567!' }],
    ['a private key', { privateKeyPem: '-----BEGIN PRIVATE KEY-----' }],
    ['a passphrase', { passphrase: 'p' }],
    ['a secret name in any case', { clientSECRET: 's' }],
    ['an object of unknown shape', { config: { headers: { Authorization: 'Bearer eyJ…' } } }],
    ['a name that is not a plain word', { 'x-api-key': 'k' }],
    ['a huge string', { text: 'x'.repeat(5000) }],
  ])('never carry %s: the entry is left behind', (_case, details) => {
    const payload = new AppError('INTERNAL', 'm', {
      ...details,
      channel: 'tokens:list',
    }).toPayload()
    expect(payload.details).toEqual({ channel: 'tokens:list' })
  })

  it('of a common code are exactly its schema: a field it does not list is not sent', () => {
    const payload = new AppError('SECRETS_KDF_TOO_COSTLY', 'm', {
      N: 2 ** 18,
      r: 8,
      p: 1,
      path: '/data/secrets.sealed',
      salt: 'c2FsdA==',
    }).toPayload()
    expect(payload.details).toEqual({ N: 2 ** 18, r: 8, p: 1 })
    expect(
      new AppError('SETTINGS_RECORDS_QUARANTINED', 'm', {
        path: '/d/settings.json',
        count: '2',
      }).toPayload().details,
    ).toEqual({ path: '/d/settings.json' })
  })

  it("keep a KSeF 403's security object to the fields openapi.json documents", () => {
    const error = forbidden({
      requiredAnyOfPermissions: ['InvoiceRead', 'InvoiceWrite', 7],
      presentPermissions: ['CredentialsRead'],
      clientIp: '203.0.113.7',
      authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.secret',
      sessionToken: { token: 'eyJ…' },
    })
    expect(error.code).toBe('KSEF_FORBIDDEN')
    const expected = {
      requiredAnyOfPermissions: ['InvoiceRead', 'InvoiceWrite'],
      presentPermissions: ['CredentialsRead'],
      clientIp: '203.0.113.7',
    }
    expect(error.security).toEqual(expected)
    const payload = error.toPayload()
    expect(payload.details?.['security']).toEqual(expected)
    expect(JSON.stringify(payload)).not.toMatch(/eyJ|Bearer|sessionToken/)
    expect(AppErrorPayload.parse(payload)).toEqual(payload)
  })

  it('drop a security that is not an object', () => {
    expect(forbidden('Bearer eyJ…').security).toBeNull()
  })
})
