import { describe, expect, it } from 'vitest'
import { overviewTable } from '../../../electron/cli/overview'
import { Dashboard } from '../../../electron/dashboard/dashboard'
import { dashboardCsv } from '../../../electron/dashboard/dashboard-csv'
import {
  dashboardRows,
  dashboardView,
  type DashboardSource,
} from '../../../electron/dashboard/dashboard-rows'
import type { StoredOperation } from '../../../electron/vault/auth-repository'
import { emptySettings } from '../../../electron/vault/settings-document'
import { MemorySettingsStore } from '../../../electron/vault/settings-store'
import type { Company } from '../../../shared/domain/company'
import type { CertificateSummary, TokenSummary } from '../../../shared/domain/credentials'
import type { Identity } from '../../../shared/domain/identities'
import {
  dashboardFilter,
  dashboardTiles,
  expiryMonths,
  inTile,
  tileCounts,
  type DashboardRow,
} from '../../../shared/domain/dashboard'
import { loginCredentialOf } from '../../../shared/domain/login-credential'
import { seededCompanies } from '../../support/company-seed'

const day = 86_400_000
const now = Date.parse('2026-12-02T08:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()
/** Ends `days` whole days from now (and a second). */
const endingIn = (days: number) => iso(now + days * day + 1000)

const [alfa, beta, gamma] = seededCompanies(3) as [Company, Company, Company]

function certificate(company: Company, overrides: Partial<CertificateSummary> = {}) {
  return {
    id: '10000000-0000-4000-8000-000000000001',
    companyId: company.id,
    name: 'Certyfikat logowania',
    kind: 'Authentication',
    serialNumber: '01',
    subject: 'CN=Biuro',
    subjectIdentifier: null,
    issuer: 'CN=KSeF',
    issuerKind: 'ksef',
    environment: company.environment,
    validFrom: iso(now - 100 * day),
    validTo: endingIn(45),
    fingerprintSha256: '00',
    keyAlgorithm: 'ECDSA P-256',
    origin: 'enrolled',
    addedAt: iso(now - 100 * day),
    isDefault: true,
    ksefStatus: null,
    ksefCheckedAt: null,
    ...overrides,
  } satisfies CertificateSummary
}

function token(company: Company, overrides: Partial<TokenSummary> = {}) {
  return {
    id: '20000000-0000-4000-8000-000000000001',
    companyId: company.id,
    masked: '…abcd',
    referenceNumber: '20261101-EC-0000000001-01',
    context: { type: 'Nip', value: company.identifier.value },
    description: 'Token biura',
    environment: company.environment,
    addedAt: iso(now - 10 * day),
    isDefault: true,
    origin: 'pasted',
    permissions: [],
    ksefStatus: null,
    ksefCheckedAt: null,
    lastCheck: null,
    ...overrides,
  } satisfies TokenSummary
}

/** The office's own certificate, stored once as an identity. */
function identity(overrides: Partial<Identity> = {}): Identity {
  return {
    id: '30000000-0000-4000-8000-000000000001',
    name: 'Biuro Rachunkowe Kowalska',
    kind: 'Authentication',
    serialNumber: '03',
    subject: 'CN=Anna Kowalska, 2.5.4.5=PNOPL-80010112345',
    subjectIdentifier: { type: 'Pesel', value: '80010112345' },
    issuer: 'CN=KSeF',
    issuerKind: 'ksef',
    environments: ['Test', 'Demo'],
    validFrom: iso(now - 100 * day),
    validTo: endingIn(20),
    fingerprintSha256: '03',
    keyAlgorithm: 'ECDSA P-256',
    addedAt: iso(now - 100 * day),
    ksefStatus: null,
    ...overrides,
  }
}

/** The identity assigned to the companies named. */
const assigned = (who: Identity, ...companies: Company[]): Partial<DashboardSource> => ({
  identities: [who],
  identityAssignments: companies.map((company) => ({
    identityId: who.id,
    companyId: company.id,
    assignedAt: iso(now - day),
  })),
})

function operation(company: Company, overrides: Partial<StoredOperation>): StoredOperation {
  return {
    companyId: company.id,
    referenceNumber: '20261201-AU-0000000001-01',
    method: 'certificate',
    startedAt: iso(now - day),
    status: { code: 200, description: 'Uwierzytelnianie zakończone sukcesem', details: [] },
    redeemed: true,
    usableUntil: iso(now - day + 15 * 60_000),
    credentialId: null,
    refusal: null,
    ...overrides,
  }
}

const source = (parts: Partial<DashboardSource>): DashboardSource => ({
  companies: [alfa, beta, gamma],
  certificates: [],
  tokens: [],
  identities: [],
  identityAssignments: [],
  sessions: [],
  operations: [],
  tokensAfter2026: false,
  ...parts,
})

const rowOf = (parts: Partial<DashboardSource>, company: Company = alfa): DashboardRow => {
  const row = dashboardRows(source(parts), now).find((each) => each.companyId === company.id)
  if (!row) throw new Error('no row')
  return row
}

describe('loginCredentialOf: what logs a company in', () => {
  const of = (
    stored: { certificates?: CertificateSummary[]; tokens?: TokenSummary[]; identity?: Identity },
    at = now,
  ) =>
    loginCredentialOf(
      alfa,
      {
        certificates: stored.certificates ?? [],
        tokens: stored.tokens ?? [],
        identity: stored.identity,
      },
      at,
      false,
    ).kind

  it('is the default Authentication certificate that can log in, before the token', () => {
    expect(of({ certificates: [certificate(alfa)], tokens: [token(alfa)] })).toBe('certificate')
  })

  it('passes over a certificate that cannot log in, to the default token or to none', () => {
    const unusable: Partial<CertificateSummary>[] = [
      { kind: 'Offline' },
      { isDefault: false },
      { environment: 'Production' },
      { ksefStatus: 'Revoked' },
      { ksefStatus: 'Blocked' },
      { validTo: iso(now) },
      { validFrom: iso(now + 1) },
    ]
    for (const overrides of unusable) {
      expect(of({ certificates: [certificate(alfa, overrides)], tokens: [token(alfa)] })).toBe(
        'token',
      )
      expect(of({ certificates: [certificate(alfa, overrides)] })).toBe('none')
    }
  })

  it('passes over a token of another environment, one KSeF revoked, and every token after 2026', () => {
    expect(of({ tokens: [token(alfa, { environment: 'Demo' })] })).toBe('none')
    expect(of({ tokens: [token(alfa, { ksefStatus: 'Revoking' })] })).toBe('none')
    expect(of({ tokens: [token(alfa, { isDefault: false })] })).toBe('none')
    expect(of({ tokens: [token(alfa)] }, Date.parse('2026-12-31T23:00:00Z'))).toBe('none')
    expect(
      loginCredentialOf(
        alfa,
        { certificates: [], tokens: [token(alfa)] },
        Date.parse('2027-01-02T00:00:00Z'),
        true,
      ),
    ).toMatchObject({ kind: 'token', expiresAt: null })
  })
})

describe('loginCredentialOf: an assigned identity, as the certificate login chooses it', () => {
  const of = (stored: { certificates?: CertificateSummary[]; identity?: Identity }) =>
    loginCredentialOf(
      alfa,
      { certificates: stored.certificates ?? [], tokens: [token(alfa)], identity: stored.identity },
      now,
      false,
    )

  it('comes after the own default certificate, and before the token', () => {
    expect(of({ certificates: [certificate(alfa)], identity: identity() }).kind).toBe('certificate')
    expect(of({ identity: identity() })).toEqual({
      kind: 'identity',
      identity: identity(),
      expiresAt: endingIn(20),
    })
    // The own default counts only as the Authentication default.
    expect(
      of({ certificates: [certificate(alfa, { isDefault: false })], identity: identity() }).kind,
    ).toBe('identity')
  })

  it('takes the place of an own default KSeF reported revoked or blocked', () => {
    for (const ksefStatus of ['Revoked', 'Blocked'] as const) {
      expect(
        of({ certificates: [certificate(alfa, { ksefStatus })], identity: identity() }).kind,
      ).toBe('identity')
    }
  })

  it('passes over an own default past its validity (expired here, not yet in KSeF) to the identity', () => {
    // The certificate login signs with the identity then (loginCertificateOf), as the Pulpit says.
    expect(
      of({ certificates: [certificate(alfa, { validTo: iso(now) })], identity: identity() }).kind,
    ).toBe('identity')
  })

  it('passes over an identity of another environment, barred in KSeF, or not valid now', () => {
    const unusable: Partial<Identity>[] = [
      { environments: ['Production'] },
      { ksefStatus: 'Revoked' },
      { ksefStatus: 'Expired' },
      { validTo: iso(now) },
      { validFrom: iso(now + 1) },
    ]
    for (const overrides of unusable)
      expect(of({ identity: identity(overrides) }).kind).toBe('token')
  })
})

describe('dashboardRows', () => {
  it('gives every company its row, by name in Polish order, with the credential and its days', () => {
    const rows = dashboardRows(
      source({
        companies: [
          { ...alfa, name: 'Żabka' },
          { ...beta, name: 'Łąka' },
          { ...gamma, name: 'Lis' },
        ],
        certificates: [certificate(alfa, { validTo: endingIn(45) })],
        tokens: [token(beta)],
      }),
      now,
    )
    expect(rows.map((row) => [row.name, row.credential, row.tokenSunsetDays])).toEqual([
      ['Lis', { kind: 'none', label: null, subject: null, expiresAt: null, daysLeft: null }, null],
      [
        'Łąka',
        {
          kind: 'token',
          label: 'Token biura',
          subject: null,
          expiresAt: '2026-12-31T23:00:00.000Z',
          daysLeft: 29,
        },
        29,
      ],
      [
        'Żabka',
        {
          kind: 'certificate',
          label: 'Certyfikat logowania',
          subject: 'CN=Biuro',
          expiresAt: endingIn(45),
          daysLeft: 45,
        },
        null,
      ],
    ])
  })

  it('names the identity that logs a company in, its subject and its days, for each company it is assigned to', () => {
    const rows = dashboardRows(
      source({ ...assigned(identity(), alfa, beta, gamma), tokens: [token(beta)] }),
      now,
    )
    const expected = {
      kind: 'identity',
      label: 'Biuro Rachunkowe Kowalska',
      subject: 'CN=Anna Kowalska, 2.5.4.5=PNOPL-80010112345',
      expiresAt: endingIn(20),
      daysLeft: 20,
    }
    expect(rows.map((row) => row.credential)).toEqual([
      expected,
      expected,
      // gamma logs in to Production: the identity works in Test and Demo only, and is not its.
      { kind: 'none', label: null, subject: null, expiresAt: null, daysLeft: null },
    ])
    // The token stays the company's: its sunset is still shown.
    expect(rows[1]?.tokenSunsetDays).toBe(29)
  })

  it('says the last login or check, whichever came later, with its KSeF code', () => {
    const failedCheck = {
      checkedAt: iso(now - 2 * day),
      ok: false,
      errorCode: 'KSEF_AUTH_FAILED',
      ksefStatusCode: 415,
    }
    expect(
      rowOf({
        tokens: [token(alfa, { lastCheck: failedCheck })],
        operations: [operation(alfa, { startedAt: iso(now - 3 * day) })],
      }).last,
    ).toEqual({
      kind: 'tokenCheck',
      at: iso(now - 2 * day),
      result: 'failed',
      ksef: { kind: 'authStatus', code: '415' },
      errorCode: 'KSEF_AUTH_FAILED',
    })
    expect(
      rowOf({
        tokens: [token(alfa, { lastCheck: failedCheck })],
        operations: [
          operation(alfa, { startedAt: iso(now - 3 * day) }),
          operation(alfa, {
            startedAt: iso(now - day),
            status: { code: 450, description: '', details: [] },
          }),
        ],
      }).last,
    ).toEqual({
      kind: 'login',
      at: iso(now - day),
      result: 'failed',
      ksef: { kind: 'authStatus', code: '450' },
      errorCode: null,
    })
    expect(
      rowOf({
        operations: [
          operation(alfa, {
            status: { code: 0, description: '', details: [] },
            refusal: {
              code: 'KSEF_BAD_REQUEST',
              details: { ksefCodeKind: 'exception', ksefCode: 21405 },
            },
          }),
        ],
      }).last,
    ).toMatchObject({ result: 'failed', ksef: { kind: 'exception', code: '21405' } })
    expect(
      rowOf({
        operations: [operation(alfa, { status: { code: 100, description: '', details: [] } })],
      }).last?.result,
    ).toBe('pending')
    expect(rowOf({}).last).toBeNull()
  })

  it('shows a session only while it can still be extended', () => {
    const session = {
      companyId: alfa.id,
      referenceNumber: 'r',
      method: 'certificate' as const,
      startedAt: iso(now - day),
      accessTokenValidUntil: iso(now - day),
      refreshTokenValidUntil: iso(now + day),
      credentialId: null,
    }
    expect(rowOf({ sessions: [session] }).sessionUntil).toBe(iso(now + day))
    expect(
      rowOf({ sessions: [{ ...session, refreshTokenValidUntil: iso(now) }] }).sessionUntil,
    ).toBeNull()
  })
})

describe('tiles', () => {
  const rows = dashboardRows(
    source({
      companies: seededCompanies(9),
      certificates: seededCompanies(9)
        .slice(0, 6)
        .map((company, i) =>
          certificate(company, { validTo: endingIn([59, 60, 29, 30, 6, 7][i] ?? 0) }),
        ),
      tokens: seededCompanies(9)
        .slice(6, 8)
        .map((company) => token(company)),
      operations: [
        operation(seededCompanies(9)[0] as Company, {
          status: { code: 415, description: '', details: [] },
        }),
      ],
    }),
    now,
  )

  it('counts within 60/30/7 days as the certificate list warns (days left under the step)', () => {
    expect(tileCounts(rows)).toEqual({
      // 59, 29, 30, 6, 7 and the two tokens (29 days to the end of tokens)
      expiring60: 7,
      // 29, 6, 7 and the two tokens
      expiring30: 5,
      expiring7: 1,
      failing: 1,
      tokenOnly: 2,
      noCredential: 1,
      production: 3,
    })
  })

  it('filters by each tile as it counts, then by the search', () => {
    for (const tile of dashboardTiles) {
      expect(dashboardFilter(rows, tile)).toHaveLength(tileCounts(rows)[tile])
      expect(dashboardFilter(rows, tile).every((row) => inTile(row, tile))).toBe(true)
    }
    expect(dashboardFilter(rows, null)).toHaveLength(9)
    expect(dashboardFilter(rows, null, 'klient 7').map((row) => row.name)).toEqual([
      'Klient 7 Spółka z o.o.',
    ])
    expect(dashboardFilter(rows, 'tokenOnly', 'klient 7')).toHaveLength(1)
    expect(dashboardFilter(rows, 'production', 'klient 9')).toHaveLength(1)
    expect(dashboardFilter(rows, 'noCredential', 'klient 9')).toHaveLength(1)
    expect(dashboardFilter(rows, 'production', 'klient 7')).toHaveLength(0)
    expect(dashboardFilter(rows, 'failing', 'klient 7')).toHaveLength(0)
  })
})

describe('tiles and months with an identity', () => {
  // alfa: the identity only; beta: the identity and a token; gamma (Production): a token only.
  const view = dashboardView(
    source({ ...assigned(identity(), alfa, beta), tokens: [token(beta), token(gamma)] }),
    now,
  )

  it('counts an identity as a credential, not as a token, expiring by its own end', () => {
    expect(view.rows.map((row) => row.credential.kind)).toEqual(['identity', 'identity', 'token'])
    expect(view.tiles).toEqual({
      // the identity's 20 days (twice) and gamma's token's 29
      expiring60: 3,
      expiring30: 3,
      expiring7: 0,
      failing: 0,
      tokenOnly: 1,
      noCredential: 0,
      production: 1,
    })
    expect(dashboardFilter(view.rows, 'tokenOnly').map((row) => row.companyId)).toEqual([gamma.id])
  })

  it('draws an identity in the month it ends, once for each company it logs in', () => {
    // The identity ends on 22 December, the tokens on 31 December: both in December 2026.
    expect(view.months[0]).toEqual({ month: '2026-12', count: 3 })
    expect(view.months.slice(1).every((month) => month.count === 0)).toBe(true)
  })
})

describe('expiryMonths', () => {
  const withEnd = (expiresAt: string | null): DashboardRow => ({
    ...rowOf({}),
    credential: { kind: 'certificate', label: null, subject: null, expiresAt, daysLeft: null },
  })

  it('counts the next 12 months from this one, in Polish time, by the last valid moment', () => {
    const months = expiryMonths(
      [
        withEnd('2026-12-31T23:00:00.000Z'), // the end of tokens: the last moment is in December
        withEnd('2027-01-31T22:59:00.000Z'), // 23:59 in Warsaw, January
        withEnd('2027-01-31T23:30:00.000Z'), // 00:30 on 1 February in Warsaw
        withEnd('2027-11-30T12:00:00.000Z'),
        withEnd('2027-12-01T12:00:00.000Z'), // the 13th month: not shown
        withEnd(iso(now - 1)), // already ended
        withEnd(null),
      ],
      now,
    )
    expect(months.map((month) => month.month)).toEqual([
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-07',
      '2027-08',
      '2027-09',
      '2027-10',
      '2027-11',
    ])
    expect(months.map((month) => month.count)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1])
  })

  it('is part of the view, with the tiles, from one read of the stored lists', () => {
    const view = dashboardView(source({ tokens: [token(alfa)] }), now)
    expect(view.at).toBe(iso(now))
    expect(view.months[0]).toEqual({ month: '2026-12', count: 1 })
    expect(view.tiles.tokenOnly).toBe(1)
    expect(view.rows).toHaveLength(3)
  })
})

describe('the Pulpit as CSV', () => {
  it('writes the rows in the order given, under Polish headers, as Excel opens it', () => {
    const rows = dashboardRows(
      source({
        certificates: [certificate(alfa, { name: '=Certyfikat; biura' })],
        tokens: [token(beta)],
        operations: [operation(beta, { status: { code: 450, description: '', details: [] } })],
      }),
      now,
    )
    const [a, b, c] = rows as [DashboardRow, DashboardRow, DashboardRow]
    const [byIdentity] = dashboardRows(source({ ...assigned(identity(), alfa) }), now)
    expect(
      dashboardCsv([byIdentity as DashboardRow])
        .toString('utf8')
        .split('\r\n')[1],
    ).toBe(
      `Klient 1 Spółka z o.o.;${alfa.identifier.value};test;tożsamość;Biuro Rachunkowe Kowalska;${endingIn(20)};20;;;;;;`,
    )
    expect(dashboardCsv([c, a, b]).toString('utf8')).toBe(
      '\ufeffnazwa;nip;środowisko;logowanie;poświadczenie;ważne do;dni do końca;koniec tokenów (dni);' +
        'ostatnie logowanie lub sprawdzenie;wynik;kod KSeF;kod błędu;sesja do\r\n' +
        `Klient 3 Spółka z o.o.;${gamma.identifier.value};prod;brak;;;;;;;;;\r\n` +
        `Klient 1 Spółka z o.o.;${alfa.identifier.value};test;certyfikat;"'=Certyfikat; biura";${endingIn(45)};45;;;;;;\r\n` +
        `Klient 2 Spółka z o.o.;${beta.identifier.value};demo;token;Token biura;2026-12-31T23:00:00.000Z;29;29;${iso(now - day)};nieudane;450;;\r\n`,
    )
  })

  it('refuses a company no longer on the list, and saves nothing', async () => {
    const saved: string[] = []
    const settings = new MemorySettingsStore({ ...emptySettings(), companies: [alfa] })
    const dashboard = new Dashboard({
      settings,
      clock: { now: () => now },
      files: {
        save: (files) => {
          saved.push(...files.map((file) => file.name))
          return Promise.resolve(
            files.map((file) => ({ name: file.name, saved: true, location: null })),
          )
        },
      },
    })
    await expect(dashboard.exportCsv([alfa.id, beta.id])).rejects.toMatchObject({
      code: 'COMPANY_NOT_FOUND',
      message: 'This company is no longer on the list.',
    })
    expect(saved).toEqual([])
    await dashboard.exportCsv([alfa.id])
    expect(saved).toEqual(['pulpit-ksef.csv'])
  })
})

describe('ksef-desk overview as a table', () => {
  it('names the identity that logs a company in, beside the kinds of the others', () => {
    const rows = dashboardRows(
      source({ ...assigned(identity(), alfa), certificates: [certificate(beta)] }),
      now,
    )
    expect(overviewTable(rows).split('\n')).toEqual([
      'Identyfikator  Środowisko  Logowanie                             Dni do końca  Koniec tokenów  Ostatnie logowanie  Wynik  Kod KSeF  Sesja do  Nazwa',
      `${alfa.identifier.value}     test        tożsamość: Biuro Rachunkowe Kowalska  20            —               —                   —      —         —         Klient 1 Spółka z o.o.`,
      `${beta.identifier.value}     demo        certyfikat                            45            —               —                   —      —         —         Klient 2 Spółka z o.o.`,
      `${gamma.identifier.value}     prod        brak                                  —             —               —                   —      —         —         Klient 3 Spółka z o.o.`,
    ])
  })
})
