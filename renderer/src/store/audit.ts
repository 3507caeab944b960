import { create } from 'zustand'
import type {
  AuditAction,
  AuditListing,
  AuditResult,
  AuditVerdict,
} from '../../../shared/domain/audit'
import { api } from '../api'

/** Dziennik zdarzeń's filter as the user sets it; empty fields filter nothing. */
export interface AuditViewFilter {
  companyId: string | null
  /** A day (YYYY-MM-DD): the entries from its start on, in the user's time zone. */
  sinceDay: string
  action: AuditAction | null
  result: AuditResult | null
}

const noFilter: AuditViewFilter = { companyId: null, sinceDay: '', action: null, result: null }

interface AuditState {
  filter: AuditViewFilter
  listing: AuditListing | undefined
  error: unknown
  verdict: AuditVerdict | undefined
  verifying: boolean
  load: () => Promise<void>
  setFilter: (change: Partial<AuditViewFilter>) => void
  verify: () => Promise<void>
  exportCsv: () => Promise<void>
}

/** The filter in the contract's terms. */
export function auditFilterInput(filter: AuditViewFilter) {
  return {
    ...(filter.companyId === null ? {} : { companyId: filter.companyId }),
    ...(filter.sinceDay === ''
      ? {}
      : { since: new Date(`${filter.sinceDay}T00:00:00`).toISOString() }),
    ...(filter.action === null ? {} : { action: filter.action }),
    ...(filter.result === null ? {} : { result: filter.result }),
  }
}

/** The entries main read for the filter, and the last verdict of Sprawdź spójność. */
export const useAudit = create<AuditState>((set, get) => ({
  filter: noFilter,
  listing: undefined,
  error: undefined,
  verdict: undefined,
  verifying: false,

  async load() {
    try {
      set({
        listing: await api.invoke('audit:list', auditFilterInput(get().filter)),
        error: undefined,
      })
    } catch (error) {
      set({ error })
    }
  },

  setFilter(change) {
    set({ filter: { ...get().filter, ...change } })
    void get().load()
  },

  async verify() {
    set({ verifying: true, verdict: undefined })
    try {
      set({ verdict: await api.invoke('audit:verify'), error: undefined })
    } catch (error) {
      set({ error })
    } finally {
      set({ verifying: false })
    }
  },

  async exportCsv() {
    try {
      await api.invoke('audit:exportCsv', auditFilterInput(get().filter))
    } catch (error) {
      set({ error })
    }
  },
}))
