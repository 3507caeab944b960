import { describe, expect, it } from 'vitest'
import type { Company } from '../../../shared/domain/company'
import { importableDrafts } from '../../../shared/domain/company-import'
import { companiesCsv, companyCsvTemplate } from '../../../electron/companies/csv-export'
import { previewCompanyCsv } from '../../../electron/companies/csv-import'
import { AppError } from '../../../shared/ipc/errors'
import { windows1250 } from '../../support/windows-1250'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

const existing: Company = {
  id: '6f1b3c1e-8d1a-4a57-9d3e-1a2b3c4d5e6f',
  name: 'Już Jest Sp. z o.o.',
  identifier: { type: 'Nip', value: '7740001454' },
  environment: 'Test',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
}

function refusal(bytes: Uint8Array): AppError {
  try {
    previewCompanyCsv(bytes, [])
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('the file was accepted')
}

describe('previewCompanyCsv', () => {
  it('reads Polish headers, semicolons and a Windows-1250 file as Polish Excel saves it', () => {
    const preview = previewCompanyCsv(
      windows1250('Nazwa;NIP;Środowisko\r\nŻółta Łąka Sp. z o.o.;526-587-76-35;Testowe\r\n'),
      [],
    )
    expect(preview.encoding).toBe('windows-1250')
    expect(preview.separator).toBe(';')
    expect(preview.rows).toEqual([
      {
        line: 2,
        name: 'Żółta Łąka Sp. z o.o.',
        identifier: '526-587-76-35',
        environment: 'Testowe',
        verdict: 'OK',
        draft: {
          name: 'Żółta Łąka Sp. z o.o.',
          identifier: { type: 'Nip', value: '5265877635' },
          environment: 'Test',
        },
      },
    ])
  })

  it('reads English headers, commas, a BOM and quoted fields with separators, quotes and line breaks', () => {
    const preview = previewCompanyCsv(
      utf8(
        '\ufeffname,environment,identifier\n"Kowalski, Nowak ""KN"" s.c.",prod,5265877635\n"Dwie\nlinie",demo,7740001454-00001\n',
      ),
      [],
    )
    expect(preview.encoding).toBe('utf-8-bom')
    expect(preview.separator).toBe(',')
    expect(importableDrafts(preview)).toEqual([
      {
        name: 'Kowalski, Nowak "KN" s.c.',
        identifier: { type: 'Nip', value: '5265877635' },
        environment: 'Production',
      },
      {
        name: 'Dwie\nlinie',
        identifier: { type: 'InternalId', value: '7740001454-00001' },
        environment: 'Demo',
      },
    ])
    expect(preview.rows.map((row) => row.line)).toEqual([2, 3])
  })

  it('gives every row its own verdict; the first of two equal rows wins; rows already in the app stay out', () => {
    const preview = previewCompanyCsv(
      utf8(
        [
          'nazwa;nip;środowisko',
          'Dobra;5265877635;test',
          ';5265877635;demo',
          'Zła suma;5265877636;test',
          'Złe środowisko;5265877635;staging',
          'Druga taka sama;526 587 76 35;TEST',
          'Już w aplikacji;7740001454;test',
          'Za krótki;123;prod',
          `${'x'.repeat(201)};5265877635;prod`,
        ].join('\n'),
      ),
      [existing],
    )
    expect(preview.encoding).toBe('utf-8')
    expect(preview.rows.map(({ line, verdict }) => [line, verdict])).toEqual([
      [2, 'OK'],
      [3, 'COMPANY_NAME_REQUIRED'],
      [4, 'NIP_BAD_CHECKSUM'],
      [5, 'CSV_ROW_BAD_ENVIRONMENT'],
      [6, 'CSV_ROW_DUPLICATE_IN_FILE'],
      [7, 'COMPANY_DUPLICATE'],
      [8, 'NIP_WRONG_LENGTH'],
      [9, 'COMPANY_NAME_TOO_LONG'],
    ])
    expect(preview.rows[4]?.duplicateOfLine).toBe(2)
    expect(preview.rows[5]?.existingName).toBe('Już Jest Sp. z o.o.')
    expect(importableDrafts(preview)).toHaveLength(1)
  })

  it('reads back what the export writes, formula-like names included', () => {
    const companies: Company[] = [
      { ...existing, name: '=HYPERLINK("x");"Średnik" Sp. j.' },
      {
        ...existing,
        name: 'Demo SA',
        environment: 'Demo',
        identifier: { type: 'InternalId', value: '7740001454-00002' },
      },
    ]
    const file = companiesCsv(companies)
    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(file.toString('utf8')).toContain(`"'=HYPERLINK(""x"");""Średnik"" Sp. j."`)
    expect(importableDrafts(previewCompanyCsv(file, []))).toEqual(
      companies.map(({ name, identifier, environment }) => ({ name, identifier, environment })),
    )
  })

  it('offers a template the import reads', () => {
    expect(previewCompanyCsv(companyCsvTemplate(), []).rows.map((row) => row.verdict)).toEqual([
      'OK',
    ])
  })

  it.each([
    ['no header', utf8('Firma;5265877635;test\n'), 'CSV_NO_HEADER'],
    ['tabs', utf8('nazwa\tnip\tśrodowisko\nFirma\t5265877635\ttest\n'), 'CSV_WRONG_SEPARATOR'],
    ['no environment column', utf8('nazwa;nip\nFirma;5265877635\n'), 'CSV_MISSING_COLUMN'],
    ['a header only', utf8('nazwa;nip;środowisko\n'), 'CSV_EMPTY'],
    ['nothing', new Uint8Array(0), 'CSV_EMPTY'],
    [
      'a binary file',
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      'CSV_NOT_TEXT',
    ],
    ['10 MB', new Uint8Array(10 * 1024 * 1024).fill(0x41), 'CSV_TOO_LARGE'],
    ['an unclosed quote', utf8('nazwa;nip;środowisko\n"Firma;5265877635;test\n'), 'CSV_MALFORMED'],
  ])('refuses %s with its own code', (_what, bytes, code) => {
    expect(refusal(bytes).code).toBe(code)
  })

  it('names the missing column and the line of a malformed field', () => {
    expect(refusal(utf8('nazwa;nip\nFirma;5265877635\n')).details).toMatchObject({
      column: 'środowisko / environment',
    })
    expect(
      refusal(utf8('nazwa;nip;środowisko\nA;5265877635;test\n"B"x;5265877635;test\n')).details,
    ).toMatchObject({ line: 3 })
  })
})
