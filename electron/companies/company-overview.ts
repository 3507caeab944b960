import type { CompanyStatus } from '../../shared/domain/company-status'
import type { CertificateSummary, TokenSummary } from '../../shared/domain/credentials'
import type { Scheduler } from '../clock'
import type { EventSink } from '../events'
import type { StoredOperation, StoredSession } from '../vault/auth-repository'
import type { SettingsDocument } from '../vault/settings-document'
import type { SettingsStore } from '../vault/settings-store'

interface CompanyRecords {
  certificate?: CertificateSummary
  token?: TokenSummary
  session?: StoredSession
  /** The newest operation KSeF numbered (a login refused before it has no KSeF status). */
  last?: StoredOperation
  credentials: boolean
}

/**
 * The badges of every company, from the settings document in one pass over each list (each
 * indexed by company once): O(companies + credentials + operations), not a scan of every list
 * per company. The first match wins where the repositories' lookups take the first too.
 */
export function companyOverview(document: SettingsDocument): CompanyStatus[] {
  const byCompany = new Map<string, CompanyRecords>()
  const of = (companyId: string): CompanyRecords => {
    let records = byCompany.get(companyId)
    if (!records) {
      records = { credentials: false }
      byCompany.set(companyId, records)
    }
    return records
  }
  for (const certificate of document.certificates) {
    const records = of(certificate.companyId)
    records.credentials = true
    if (!records.certificate && certificate.kind === 'Authentication' && certificate.isDefault) {
      records.certificate = certificate
    }
  }
  for (const token of document.tokens) {
    const records = of(token.companyId)
    records.credentials = true
    if (!records.token && token.isDefault) records.token = token
  }
  for (const session of document.auth.sessions) {
    const records = of(session.companyId)
    records.session ??= session
  }
  for (const operation of document.auth.operations) {
    if (operation.refusal !== null) continue
    const records = of(operation.companyId)
    // Newest first, as AuthRepository.operations sorts; among equal times the first listed.
    if (!records.last || operation.startedAt.localeCompare(records.last.startedAt) > 0) {
      records.last = operation
    }
  }
  return document.companies.map((company) => {
    const { certificate, token, session, last, credentials } = byCompany.get(company.id) ?? {
      credentials: false,
    }
    const failed = last && last.status.code !== 100 && last.status.code !== 200
    return {
      companyId: company.id,
      sessionRefreshableUntil: session?.refreshTokenValidUntil ?? null,
      certificateValidTo: certificate?.validTo ?? null,
      hasToken: token !== undefined,
      lastFailureStatus: failed ? last.status.code : null,
      tokenCheckFailure: token?.lastCheck?.ok === false ? token.lastCheck : null,
      contextLocked: credentials || session !== undefined,
    }
  })
}

/** The companies whose badges differ between two overviews, and the ones no longer listed. */
export function overviewChanges(
  before: readonly CompanyStatus[],
  after: readonly CompanyStatus[],
): { statuses: CompanyStatus[]; removed: string[] } {
  const earlier = new Map(before.map((status) => [status.companyId, JSON.stringify(status)]))
  const statuses = after.filter(
    (status) => earlier.get(status.companyId) !== JSON.stringify(status),
  )
  const listed = new Set(after.map((status) => status.companyId))
  const removed = before.filter((status) => !listed.has(status.companyId)).map((s) => s.companyId)
  return { statuses, removed }
}

/**
 * How long changes to the badges gather before main tells the page: under a tenth of a second
 * reads as instant, and a poll that changes hundreds of companies is told in a few pushes, each
 * one overview (a few milliseconds at 2,000 companies) rather than one per change.
 */
export const statusPushWindowMs = 80

export interface CompanyStatusFeedDeps {
  settings: SettingsStore
  events: EventSink
  scheduler: Scheduler
  windowMs?: number
}

/**
 * The page loads the overview once, then main pushes only what changed
 * (companies:statusChanged): after a window of settings writes, the overview before the first
 * of them is compared with the one now, company by company, so every change is told whichever
 * service made it — a login, a poll, a certificate stored, a company added or removed.
 */
export class CompanyStatusFeed {
  #before: SettingsDocument | undefined
  #cancel: (() => void) | undefined
  #closed = false

  constructor(private readonly deps: CompanyStatusFeedDeps) {}

  overview(): CompanyStatus[] {
    return companyOverview(this.deps.settings.read())
  }

  /** Called before each settings write, with the document it replaces. */
  changing(before: SettingsDocument): void {
    if (this.#closed || this.#before) return
    this.#before = before
    this.#cancel = this.deps.scheduler.after(this.deps.windowMs ?? statusPushWindowMs, () => {
      this.#cancel = undefined
      this.#push()
    })
  }

  /** What is gathered is told now (tests, and before the services close). */
  flush(): void {
    this.#cancel?.()
    this.#cancel = undefined
    this.#push()
  }

  close(): void {
    this.flush()
    this.#closed = true
  }

  #push(): void {
    const before = this.#before
    this.#before = undefined
    if (!before) return
    const now = this.deps.settings.read()
    if (identitySlices(before) !== identitySlices(now)) {
      this.deps.events.emit('identities:changed', {})
    }
    const changes = overviewChanges(companyOverview(before), companyOverview(now))
    if (changes.statuses.length > 0 || changes.removed.length > 0) {
      this.deps.events.emit('companies:statusChanged', changes)
    }
  }
}

/** Tożsamości and who they log in, compared once a window (a few hundred entries at most). */
const identitySlices = (document: SettingsDocument): string =>
  JSON.stringify([document.identities, document.identityAssignments])

/** The settings store as the services see it: the feed hears of every write before it lands. */
export function watchedSettings(store: SettingsStore, feed: CompanyStatusFeed): SettingsStore {
  return {
    read: () => store.read(),
    write(document) {
      const before = store.read()
      store.write(document)
      feed.changing(before)
    },
    flush: () => store.flush(),
  }
}
