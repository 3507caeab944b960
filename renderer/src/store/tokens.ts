import { create } from 'zustand'
import { tokenStatusBarsLogin, type TokenSummary } from '../../../shared/domain/credentials'
import type {
  GeneratedTokenResult,
  KsefTokenPage,
  KsefTokenRow,
  TokenDraft,
  TokenListFilter,
  TokenPolicy,
} from '../../../shared/domain/ksef-tokens'
import { api } from '../api'
import { useCredentials } from './credentials'

/** Pobierz tokeny of one company: the pages read so far with the filter they were read with. */
export interface KsefTokenListing {
  filter: TokenListFilter
  rows: KsefTokenRow[]
  continuation: string | null
  visibility: KsefTokenPage['visibility'] | undefined
  loading: boolean
  error: unknown
}

/** What happened to the default token when it stopped working (Dezaktywuj, revoked in KSeF). */
export type DefaultChange =
  { kind: 'handedOn'; from: string; to: string } | { kind: 'kept'; from: string }

export interface CompanyTokens {
  listing: KsefTokenListing | undefined
  /** Sprawdź token under way, by stored token id. */
  checking: Record<string, boolean>
  defaultChange: DefaultChange | undefined
}

const emptyCompany: CompanyTokens = { listing: undefined, checking: {}, defaultChange: undefined }

export const emptyFilter: TokenListFilter = { status: [], description: '', author: '' }

interface TokensStore {
  policy: TokenPolicy | undefined
  byCompany: Record<string, CompanyTokens>
  loadPolicy: () => Promise<void>
  /** preferences.tokensAfter2026: tokens back on after 2026 (the law was extended). */
  setTokensAfter2026: (enabled: boolean) => Promise<void>
  fetchList: (companyId: string, filter: TokenListFilter) => Promise<void>
  fetchMore: (companyId: string) => Promise<void>
  generate: (companyId: string, draft: TokenDraft) => Promise<GeneratedTokenResult>
  /** The generated token, once: the caller keeps it only while its dialog is open. */
  reveal: (revealTicket: string) => Promise<string>
  revoke: (companyId: string, referenceNumber: string) => Promise<void>
  check: (companyId: string, tokenId: string) => Promise<void>
  dismissDefaultChange: (companyId: string) => void
  /** Re-reads the stored tokens and the first page of the KSeF list after main changed them. */
  refresh: (companyId: string) => Promise<void>
}

/** Tokeny of each company, keyed by company id: KSeF's list, checks under way, the policy. */
export const useTokens = create<TokensStore>((set, get) => {
  const patch = (companyId: string, change: Partial<CompanyTokens>) =>
    set((state) => ({
      byCompany: {
        ...state.byCompany,
        [companyId]: { ...(state.byCompany[companyId] ?? emptyCompany), ...change },
      },
    }))
  const listingOf = (companyId: string) => get().byCompany[companyId]?.listing
  const patchListing = (companyId: string, change: Partial<KsefTokenListing>) => {
    const listing = listingOf(companyId)
    if (listing) patch(companyId, { listing: { ...listing, ...change } })
  }

  const readPage = async (companyId: string, continuation: string | null) => {
    const listing = listingOf(companyId)
    if (!listing) return undefined
    return api.invoke('tokens:ksefList', { companyId, filter: listing.filter, continuation })
  }

  /** The stored tokens of the selected company, and whether the default passed to another. */
  const refreshStored = async (companyId: string) => {
    if (useCredentials.getState().companyId !== companyId) return
    const before = useCredentials.getState().tokens
    const after = await api.invoke('tokens:list', { companyId })
    if (useCredentials.getState().companyId !== companyId) return
    useCredentials.setState({ tokens: after })
    const change = defaultChange(before, after)
    if (change) patch(companyId, { defaultChange: change })
  }

  return {
    policy: undefined,
    byCompany: {},

    async loadPolicy() {
      // Main enforces the policy on every call; a failed read only leaves the last one shown.
      const policy = await api.invoke('tokens:policy').catch(() => undefined)
      if (policy) set({ policy })
    },

    async setTokensAfter2026(enabled) {
      await api.invoke('preferences:update', { tokensAfter2026: enabled })
      await get().loadPolicy()
    },

    async fetchList(companyId, filter) {
      patch(companyId, {
        listing: {
          filter,
          rows: [],
          continuation: null,
          visibility: undefined,
          loading: true,
          error: undefined,
        },
      })
      // A newer Filtruj replaces this listing: its answer must not land there.
      const current = () => listingOf(companyId)?.filter === filter
      try {
        const page = await readPage(companyId, null)
        if (page && current()) {
          patchListing(companyId, {
            rows: page.rows,
            continuation: page.continuation,
            visibility: page.visibility,
            loading: false,
          })
        }
      } catch (error) {
        if (current()) patchListing(companyId, { error, loading: false })
      }
    },

    async fetchMore(companyId) {
      const listing = listingOf(companyId)
      if (!listing?.continuation || listing.loading) return
      patchListing(companyId, { loading: true, error: undefined })
      try {
        const page = await readPage(companyId, listing.continuation)
        const current = listingOf(companyId)
        if (page && current?.filter === listing.filter) {
          patchListing(companyId, {
            rows: mergeRows(current.rows, page.rows),
            continuation: page.continuation,
            visibility: page.visibility,
            loading: false,
          })
        }
      } catch (error) {
        if (listingOf(companyId)?.filter === listing.filter)
          patchListing(companyId, { error, loading: false })
      }
    },

    async generate(companyId, draft) {
      const result = await api.invoke('tokens:generate', { companyId, draft })
      await get().refresh(companyId)
      return result
    },

    async reveal(revealTicket) {
      const { token } = await api.invoke('tokens:reveal', { revealTicket })
      return token
    },

    async revoke(companyId, referenceNumber) {
      const { wasDefault, defaultPassedTo, ...row } = await api.invoke('tokens:revoke', {
        companyId,
        referenceNumber,
      })
      const listing = listingOf(companyId)
      if (listing) patchListing(companyId, { rows: mergeRows([row], listing.rows) })
      await get().refresh(companyId)
      const from = row.stored?.masked ?? row.description
      if (wasDefault) {
        patch(companyId, {
          defaultChange: defaultPassedTo
            ? { kind: 'handedOn', from, to: defaultPassedTo.masked }
            : { kind: 'kept', from },
        })
      }
    },

    async check(companyId, tokenId) {
      const checking = (on: boolean) =>
        patch(companyId, {
          checking: { ...(get().byCompany[companyId]?.checking ?? {}), [tokenId]: on },
        })
      checking(true)
      try {
        await api.invoke('tokens:check', { companyId, tokenId })
        await get().refresh(companyId)
      } finally {
        checking(false)
      }
    },

    dismissDefaultChange: (companyId) => patch(companyId, { defaultChange: undefined }),

    async refresh(companyId) {
      await refreshStored(companyId)
      const listing = listingOf(companyId)
      if (listing && !listing.loading && listing.error === undefined) {
        // The first page carries what changed (KSeF lists the newest first). Without a session
        // (logged out meanwhile) the list the user read stays as it was.
        const page = await readPage(companyId, null).catch(() => undefined)
        const current = listingOf(companyId)
        if (page && current?.filter === listing.filter) {
          patchListing(companyId, {
            rows: mergeRows(page.rows, current.rows),
            visibility: page.visibility,
            // Pages read with Pokaż więcej keep their own continuation.
            ...(current.rows.length <= page.rows.length ? { continuation: page.continuation } : {}),
          })
        }
      }
    },
  }
})

/** Fresher rows (`first`) replace those with the same reference number; KSeF's order, newest first. */
function mergeRows(first: KsefTokenRow[], rest: KsefTokenRow[]): KsefTokenRow[] {
  const rows = new Map(rest.map((row) => [row.referenceNumber, row]))
  for (const row of first) rows.set(row.referenceNumber, row)
  return [...rows.values()].sort((a, b) => Date.parse(b.dateCreated) - Date.parse(a.dateCreated))
}

/** Main passed the default on because the old one stopped working (found revoked in KSeF). */
function defaultChange(before: TokenSummary[], after: TokenSummary[]): DefaultChange | undefined {
  const was = before.find((token) => token.isDefault)
  const now = after.find((token) => token.isDefault)
  if (!was || !now || was.id === now.id) return undefined
  const wasAfter = after.find((token) => token.id === was.id)
  if (!wasAfter || !tokenStatusBarsLogin(wasAfter.ksefStatus)) return undefined
  return { kind: 'handedOn', from: was.masked, to: now.masked }
}

/** Pushed by main when a company's tokens changed: generated, Pending → Active, revoked, checked. */
export function subscribeToTokenEvents(): () => void {
  return api.on('tokens:changed', ({ companyId }) => void useTokens.getState().refresh(companyId))
}

/** One company's slice, with a selector so a row re-renders only for what it reads. */
export function useCompanyTokens<T>(companyId: string, select: (tokens: CompanyTokens) => T): T {
  return useTokens((state) => select(state.byCompany[companyId] ?? emptyCompany))
}
