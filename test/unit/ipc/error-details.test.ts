import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { errorText } from '../../../electron/cli/error-text'
import { emptyFacts, ksefErrorFromResponse } from '../../../electron/ksef/errors'
import en from '../../../renderer/src/i18n/en.json'
import pl from '../../../renderer/src/i18n/pl.json'
import { companyErrorCodes } from '../../../shared/errors/companies'
import {
  AppError,
  AppErrorCode,
  AppErrorPayload,
  appErrorCodes,
  appErrorDetails,
} from '../../../shared/ipc/errors'

const fieldsOf = (code: AppErrorCode): string[] => Object.keys(appErrorDetails[code].shape)

const forbidden = () =>
  ksefErrorFromResponse(
    403,
    {
      title: 'Forbidden',
      status: 403,
      detail: 'Brak wymaganych uprawnień do wykonania operacji w bieżącym kontekście.',
      reasonCode: 'missing-permissions',
      security: { requiredAnyOfPermissions: ['CredentialsManage'], clientIp: '203.0.113.7' },
      traceId: '673843e023c432286660bc0501a3af44',
    },
    emptyFacts({ method: 'DELETE', path: '/tokens/20251010-EC-2A1B3C4D5E-F60718293A-4B' }),
  )

const notShown = () =>
  ksefErrorFromResponse(
    400,
    {
      exception: {
        serviceCode: '20251010-EX-0123456789-ABCDEF0123-45',
        exceptionDetailList: [
          {
            exceptionCode: 21405,
            exceptionDescription: 'Błąd walidacji danych wejściowych.',
            details: ['Nie znaleziono tokena.'],
          },
        ],
      },
    },
    emptyFacts({ method: 'GET', path: '/tokens/20251010-EC-2A1B3C4D5E-F60718293A-4B' }),
  )

// What a careless change could hand an error: a secret, an axios config, a whole KSeF answer.
const careless = {
  token: '20251010-EC-2A1B3C4D5E-F60718293A-4B|nip-5265877635|0123abcd',
  config: { headers: { Authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln' } },
  body: '{"exception":{"serviceCode":"…"},"accessToken":"eyJ…"}',
  response: { status: 403, data: { accessToken: 'eyJ…' } },
}

describe('the details of every error code', () => {
  it('each code has exactly one schema, and each schema is of a code', () => {
    expect(Object.keys(appErrorDetails).sort()).toEqual([...appErrorCodes].sort())
    const notObjects = appErrorCodes.filter(
      (code) => !(appErrorDetails[code] instanceof z.ZodObject),
    )
    expect(notObjects).toEqual([])
  })

  // A field dropped from a schema (or renamed at the throw site) would leave "{{field}}" in a
  // message the user reads.
  it('every field the translations fill in is in its code’s schema', () => {
    const missing: string[] = []
    for (const [language, words] of [
      ['pl', pl.errors],
      ['en', en.errors],
    ] as const) {
      for (const [key, text] of Object.entries(words)) {
        const code = AppErrorCode.safeParse(key.replace(/_(one|few|many|other)$/, ''))
        if (!code.success) continue
        for (const [, field] of JSON.stringify(text).matchAll(/\{\{\s*(\w+)/g)) {
          if (field && !fieldsOf(code.data).includes(field))
            missing.push(`${language} ${key} ${field}`)
        }
      }
    }
    expect(missing).toEqual([])
  })

  it('the company form finds the field to put the message under', () => {
    const placed = [...companyErrorCodes.filter((code) => code !== 'COMPANY_NOT_FOUND')]
    expect(placed.filter((code) => !fieldsOf(code).includes('field'))).toEqual([])
    expect(
      new AppError('NIP_BAD_CHECKSUM', 'm', { field: 'identifier' }).toPayload().details,
    ).toEqual({ field: 'identifier' })
  })

  // The CLI (electron/cli/error-text.ts) and the window (ErrorAlert) explain a KSeF code from
  // ksefCodeKind, ksefCode, ksefDetails and serviceCode/traceId: the payload must keep them.
  it.each([
    ['a KSeF exception', notShown()],
    ['a 403', forbidden()],
    ['a token KSeF does not show', new AppError('TOKEN_NOT_IN_KSEF', 'm', notShown().details)],
    ['a revocation KSeF refuses', new AppError('TOKEN_REVOKE_FORBIDDEN', 'm', forbidden().details)],
    [
      'the CLI’s verdict on a token',
      new AppError('KSEF_AUTH_FAILED', 'm', {
        referenceNumber: '20251010-EC-2A1B3C4D5E-F60718293A-4B',
        ksefCodeKind: 'authStatus',
        ksefCode: 450,
      }),
    ],
    [
      'an enrollment KSeF no longer keeps',
      new AppError('CERT_ENROLLMENT_GONE', 'm', {
        referenceNumber: '20251010-CE-2A1B3C4D5E-F60718293A-4B',
        httpStatus: 410,
        ksefCodeKind: 'http',
        ksefCode: 410,
      }),
    ],
    [
      'another subject’s certificate',
      new AppError('CERT_REVOKE_OTHER_SUBJECT', 'm', {
        serialNumber: '01F2A3B4C5D6E7F8',
        subject: 'CN=Jan Kowalski',
        ksefCodeKind: 'exception',
        ksefCode: 25008,
      }),
    ],
  ])('%s keeps all the CLI and the window read of its KSeF code', (_case, error) => {
    const payload = error.toPayload()
    expect(payload.details).toEqual(error.details)
    expect(errorText(payload)).toMatch(/^ {2}KSeF [\w-]+: /m)
    expect(AppErrorPayload.parse(payload)).toEqual(payload)
  })

  it.each([
    ['CERT_NOT_FOUND', { certificateId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b' }],
    ['KEY_TOO_WEAK', { algorithm: 'RSA 1024' }],
    ['TOKEN_DESCRIPTION_TOO_SHORT', { field: 'description', minLength: 5, length: 2 }],
    ['CSV_MISSING_COLUMN', { column: 'nip', header: 'nazwa | środowisko' }],
    ['AUTH_OPERATION_EXPIRED', { usableUntil: '2026-12-02T18:00:00.000Z' }],
    ['FILE_SAVE_FAILED', { folder: '/home/anna/KSeF', reason: 'EACCES' }],
    ['CLI_COMPANY_AMBIGUOUS', { environments: ['Test', 'Demo'] }],
    ['SECRETS_EMPTY', { path: '/data/secrets.sealed' }],
    ['KSEF_FORBIDDEN', forbidden().details ?? {}],
  ] as const)('%s sends its own fields and nothing else', (code, details) => {
    const payload = new AppError(code, 'm', { ...careless, ...details }).toPayload()
    expect(payload.details).toEqual(details)
    expect(JSON.stringify(payload)).not.toMatch(/eyJ|Bearer|nip-5265877635/)
  })

  // The closed rule of names and values main had before let any field through that was not
  // secret-named: a KSeF body as text, a 403's security under another code, a number for a word.
  it('a field of a plain name is sent only by a code whose schema lists it, of its type', () => {
    expect(
      new AppError('CERT_NOT_FOUND', 'm', {
        certificateId: 'c1',
        body: '{"exception":{}}',
        status: 500,
        security: { clientIp: '203.0.113.7' },
      }).toPayload().details,
    ).toEqual({ certificateId: 'c1' })
    expect(
      new AppError('KEY_TOO_WEAK', 'm', { algorithm: 1024, bits: 1024 }).toPayload().details,
    ).toEqual({})
    expect(
      new AppError('COMPANY_DUPLICATE', 'm', { field: 'name', existingName: 'Firma' }).toPayload()
        .details,
    ).toEqual({ existingName: 'Firma' })
  })

  it("passes a 403's security only as the fields openapi.json documents", () => {
    const payload = new AppError('KSEF_FORBIDDEN', 'm', {
      ...forbidden().details,
      security: { clientIp: '203.0.113.7', authorization: 'Bearer eyJ…' },
    }).toPayload()
    expect(payload.details).not.toHaveProperty('security')
    expect(forbidden().toPayload().details?.['security']).toEqual({
      requiredAnyOfPermissions: ['CredentialsManage'],
      clientIp: '203.0.113.7',
    })
  })

  it('a payload whose details its code does not list is not an error payload', () => {
    const payload = { code: 'CERT_NOT_FOUND', message: 'm', details: { certificateId: 'c1' } }
    expect(AppErrorPayload.safeParse(payload).success).toBe(true)
    const leaky = { ...payload, details: { ...payload.details, body: '{}' } }
    expect(AppErrorPayload.safeParse(leaky).error?.issues).toEqual([
      expect.objectContaining({
        path: ['details', 'body'],
        message: 'not a detail of CERT_NOT_FOUND',
      }),
    ])
  })
})
