import { describe, expect, it } from 'vitest'
import {
  CompanyStatusFeed,
  companyOverview,
  watchedSettings,
} from '../../../electron/companies/company-overview'
import { AuthRepository } from '../../../electron/vault/auth-repository'
import { CompanyRepository } from '../../../electron/vault/company-repository'
import { CredentialRepository } from '../../../electron/vault/credential-repository'
import type { SettingsDocument } from '../../../electron/vault/settings-document'
import { MemorySettingsStore, type SettingsStore } from '../../../electron/vault/settings-store'
import { mergeStatuses, type CompanyStatus } from '../../../shared/domain/company-status'
import { seededSettings } from '../../support/data-folder-seed'
import { FakeScheduler } from '../../support/fake-scheduler'
import { RecordingEvents } from '../../support/memory-context'

/** The document as the file store serves it: itself, not a copy per read as MemorySettingsStore. */
const servedAsIs = (document: SettingsDocument): SettingsStore => ({
  read: () => document,
  write: () => undefined,
  flush: () => Promise.resolve(),
})

/** What companies:overview gave before: each company looked up through the repositories. */
function perCompanyOverview(settings: SettingsStore): CompanyStatus[] {
  const credentials = new CredentialRepository(settings)
  const auth = new AuthRepository(settings)
  return new CompanyRepository(settings).list().map((company) => {
    const session = auth.session(company.id)
    const last = auth.operations(company.id).find((operation) => operation.refusal === null)
    const failed = last && last.status.code !== 100 && last.status.code !== 200
    const token = credentials.defaultToken(company.id)
    return {
      companyId: company.id,
      sessionRefreshableUntil: session?.refreshTokenValidUntil ?? null,
      certificateValidTo:
        credentials.defaultCertificate(company.id, 'Authentication')?.validTo ?? null,
      hasToken: token !== undefined,
      lastFailureStatus: failed ? last.status.code : null,
      tokenCheckFailure: token?.lastCheck?.ok === false ? token.lastCheck : null,
      contextLocked:
        credentials.certificates(company.id).length > 0 ||
        credentials.tokens(company.id).length > 0 ||
        session !== undefined,
    }
  })
}

describe('the companies overview', () => {
  it('in one pass gives what the per-company lookups gave, for an office of 600', () => {
    const document = seededSettings({ companies: 600 })
    const overview = companyOverview(document)
    expect(overview).toEqual(perCompanyOverview(servedAsIs(document)))
    // The seed's rules, counted: the data covers every badge.
    expect(overview.filter((s) => s.sessionRefreshableUntil !== null)).toHaveLength(86)
    expect(overview.filter((s) => s.lastFailureStatus === 450)).toHaveLength(60)
    expect(overview.filter((s) => s.tokenCheckFailure !== null)).toHaveLength(20)
    expect(overview.filter((s) => !s.contextLocked)).toHaveLength(
      600 -
        overview.filter((s) => s.certificateValidTo || s.hasToken || s.sessionRefreshableUntil)
          .length,
    )
  })

  it('the newest KSeF-numbered operation counts; a refusal before KSeF and an older failure do not', () => {
    const document = seededSettings({ companies: 1 })
    const [company] = document.companies
    if (!company) throw new Error('no company')
    const operation = (startedAt: string, code: number, refused = false) => ({
      companyId: company.id,
      referenceNumber: `ref-${startedAt}`,
      method: 'certificate' as const,
      startedAt,
      status: { code, description: '', details: [] },
      redeemed: false,
      usableUntil: startedAt,
      credentialId: null,
      refusal: refused ? { code: 'KSEF_AUTH_FAILED', details: {} } : null,
    })
    const withOperations = {
      ...document,
      auth: {
        ...document.auth,
        operations: [
          operation('2026-11-20T10:00:00.000Z', 450),
          operation('2026-11-20T12:00:00.000Z', 415, true),
          operation('2026-11-20T11:00:00.000Z', 200),
        ],
      },
    }
    expect(companyOverview(withOperations)[0]?.lastFailureStatus).toBeNull()
    expect(companyOverview(withOperations)).toEqual(perCompanyOverview(servedAsIs(withOperations)))
  })

  it('builds 1,000 companies far faster than the per-company scans (O(n), not O(n²))', () => {
    const document = seededSettings({ companies: 1000 })
    const settings = servedAsIs(document)
    const time = (work: () => unknown) => {
      const start = performance.now()
      work()
      return performance.now() - start
    }
    const linear = Math.min(...[1, 2, 3].map(() => time(() => companyOverview(document))))
    const quadratic = time(() => perCompanyOverview(settings))
    expect(quadratic / linear).toBeGreaterThan(10)
  })
})

describe('pushed status changes', () => {
  const setUp = () => {
    const store = new MemorySettingsStore(seededSettings({ companies: 30 }))
    const events = new RecordingEvents()
    const scheduler = new FakeScheduler()
    const feed = new CompanyStatusFeed({ settings: store, events, scheduler, windowMs: 80 })
    const settings = watchedSettings(store, feed)
    return { store, events, scheduler, feed, settings }
  }

  it('a burst of writes in the window is one push of the companies that changed, and of the ones removed', () => {
    const { events, scheduler, settings } = setUp()
    const auth = new AuthRepository(settings)
    const companies = new CompanyRepository(settings)
    const credentials = new CredentialRepository(settings)
    const [first, second, third] = companies.list()
    if (!first || !second || !third) throw new Error('seed too small')
    auth.saveSession({
      companyId: second.id,
      referenceNumber: 'ref',
      method: 'token',
      startedAt: '2026-11-21T09:00:00.000Z',
      accessTokenValidUntil: '2026-11-21T09:15:00.000Z',
      refreshTokenValidUntil: '2026-11-28T09:00:00.000Z',
      credentialId: null,
    })
    credentials.removeCompany(third.id)
    companies.remove(third.id)
    // Written again as it was: no change to tell.
    companies.save(first)
    expect(events.emitted).toEqual([])
    scheduler.advance(80)
    const pushed = companyOverview(settings.read()).find((s) => s.companyId === second.id)
    expect(events.emitted).toEqual([
      { event: 'companies:statusChanged', payload: { statuses: [pushed], removed: [third.id] } },
    ])
    expect(pushed?.sessionRefreshableUntil).toBe('2026-11-28T09:00:00.000Z')
    scheduler.advance(1000)
    expect(events.emitted).toHaveLength(1)
  })

  it('a company added is pushed with its badges; nothing is pushed after close', () => {
    const { events, scheduler, settings, feed } = setUp()
    const companies = new CompanyRepository(settings)
    const [first] = companies.list()
    if (!first) throw new Error('seed too small')
    const added = { ...first, id: '6f1c2b8e-1b1a-4c1e-9a55-0b6c1f6d2a11', name: 'Nowa' }
    companies.save(added)
    feed.close()
    expect(events.emitted).toEqual([
      {
        event: 'companies:statusChanged',
        payload: {
          statuses: [
            {
              companyId: added.id,
              sessionRefreshableUntil: null,
              certificateValidTo: null,
              hasToken: false,
              lastFailureStatus: null,
              tokenCheckFailure: null,
              contextLocked: false,
            },
          ],
          removed: [],
        },
      },
    ])
    companies.remove(added.id)
    scheduler.advance(1000)
    expect(events.emitted).toHaveLength(1)
  })

  it('the page merges a push by company id: the others keep their very objects', () => {
    const statuses = Object.fromEntries(
      companyOverview(seededSettings({ companies: 3 })).map((s) => [s.companyId, s]),
    )
    const [a, b, c] = Object.values(statuses)
    if (!a || !b || !c) throw new Error('seed too small')
    const changed = { ...b, hasToken: !b.hasToken }
    const merged = mergeStatuses(statuses, { statuses: [changed], removed: [c.companyId] })
    expect(merged).toEqual({ [a.companyId]: a, [b.companyId]: changed })
    expect(merged[a.companyId]).toBe(a)
    expect(statuses[c.companyId]).toBe(c)
  })
})

describe('pushed identity changes', () => {
  it('an assignment written is told as identities:changed; a write of other data is not', () => {
    const store = new MemorySettingsStore(seededSettings({ companies: 3 }))
    const events = new RecordingEvents()
    const scheduler = new FakeScheduler()
    const feed = new CompanyStatusFeed({ settings: store, events, scheduler, windowMs: 80 })
    const settings = watchedSettings(store, feed)
    const companies = new CompanyRepository(settings)
    const [first, second] = companies.list()
    if (!first || !second) throw new Error('seed too small')
    companies.save({ ...first, name: 'Nowa nazwa' })
    scheduler.advance(80)
    expect(events.emitted.map((e) => e.event)).not.toContain('identities:changed')

    settings.write({
      ...settings.read(),
      identityAssignments: [
        { identityId: first.id, companyId: second.id, assignedAt: '2026-11-21T09:00:00.000Z' },
      ],
    })
    scheduler.advance(80)
    expect(events.emitted.filter((e) => e.event === 'identities:changed')).toEqual([
      { event: 'identities:changed', payload: {} },
    ])
  })
})
