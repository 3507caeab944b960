import { create } from 'zustand'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import type { Environment } from '../../../shared/domain/environment'
import type {
  CertificateExportResult,
  CertificateLimits,
  CertificateListing,
  CertificateListingNotice,
  CertificateProgress,
  CertificateRevocationReason,
  EnrollmentDraft,
  EnrollmentResult,
  ExportFormat,
  OfflineCheckResult,
  PublicKeyCertificates,
} from '../../../shared/domain/ksef-certificates'
import type { ChannelInput } from '../../../shared/ipc/contract'
import { api } from '../api'

/** What a row is doing right now, so its buttons keep still and show it. */
export type RowWork = 'status' | 'retrieve' | 'revoke' | 'default' | 'remove' | 'renew' | 'forget'

type ImportInput = Omit<ChannelInput<'certificates:import'>, 'companyId'>

export interface CompanyCertificates {
  listing: CertificateListing | undefined
  /** POST /certificates/query under way (Odśwież z KSeF). */
  readingKsef: boolean
  /** Why this computer's list could not be read. */
  loadError: unknown
  /** Why the last reading of KSeF's list failed; the list of this computer still shows. */
  ksefError: unknown
  /** Row actions under way, by row id. */
  working: Readonly<Record<string, RowWork>>
  /** The last progress main pushed for an enrollment of this company. */
  progress: CertificateProgress | undefined
  /** Told once: the default passed on (or was lost) while the list was reconciled. */
  notices: readonly CertificateListingNotice[]
}

const emptyCompany: CompanyCertificates = {
  listing: undefined,
  readingKsef: false,
  loadError: undefined,
  ksefError: undefined,
  working: {},
  progress: undefined,
  notices: [],
}

interface CertificatesStore {
  byCompany: Readonly<Record<string, CompanyCertificates>>
  publicKeys: Partial<Record<Environment, PublicKeyCertificates>>
  /** This computer's list at once, then KSeF's when `fromKsef`. */
  load: (companyId: string, fromKsef: boolean) => Promise<void>
  /** The list again, as it was last read (with KSeF when it was read with KSeF). */
  refresh: (companyId: string) => Promise<void>
  dismissNotices: (companyId: string) => void
  fetchPublicKeys: (environment: Environment, refresh: boolean) => Promise<PublicKeyCertificates>
  limits: (companyId: string) => Promise<CertificateLimits>
  enroll: (companyId: string, draft: EnrollmentDraft) => Promise<EnrollmentResult>
  checkStatus: (companyId: string, rowId: string, enrollmentId: string) => Promise<void>
  retrieve: (companyId: string, rowId: string, enrollmentId: string) => Promise<EnrollmentResult>
  forgetEnrollment: (companyId: string, rowId: string, enrollmentId: string) => Promise<void>
  renew: (companyId: string, rowId: string, certificateId: string) => Promise<EnrollmentResult>
  revoke: (
    companyId: string,
    rowId: string,
    serialNumber: string,
    reason: CertificateRevocationReason,
  ) => Promise<void>
  exportFiles: (
    companyId: string,
    certificateId: string,
    format: ExportFormat,
    password: string,
  ) => Promise<CertificateExportResult>
  offlineCheck: (companyId: string, certificateId: string) => Promise<OfflineCheckResult>
  importCertificate: (companyId: string, input: ImportInput) => Promise<CertificateSummary>
  createTest: (companyId: string) => Promise<CertificateSummary>
  setDefault: (companyId: string, rowId: string, certificateId: string) => Promise<void>
  remove: (companyId: string, rowId: string, certificateId: string) => Promise<void>
}

/**
 * Certyfikaty per company: the list main reconciles (this computer + KSeF), the enrollments'
 * progress, the MF public keys per environment. Rules live in main; this only keeps answers.
 */
export const useCertificates = create<CertificatesStore>((set, get) => {
  const of = (companyId: string): CompanyCertificates => get().byCompany[companyId] ?? emptyCompany
  const patch = (companyId: string, change: Partial<CompanyCertificates>) =>
    set((state) => ({
      byCompany: { ...state.byCompany, [companyId]: { ...of(companyId), ...change } },
    }))
  const setListing = (companyId: string, listing: CertificateListing) =>
    patch(companyId, {
      listing,
      notices: [...of(companyId).notices, ...listing.notices],
      ...(listing.ksefCheckedAt ? { ksefError: undefined } : {}),
    })

  /** Runs a row's action with the row marked busy; errors go to the caller. */
  const onRow = async <T>(
    companyId: string,
    rowId: string,
    work: RowWork,
    action: () => Promise<T>,
  ): Promise<T> => {
    patch(companyId, { working: { ...of(companyId).working, [rowId]: work } })
    try {
      return await action()
    } finally {
      const { [rowId]: _done, ...rest } = of(companyId).working
      patch(companyId, { working: rest })
    }
  }

  /** Reads the list; a failure is kept for the tab to show, never thrown. */
  const listing = async (companyId: string, fromKsef: boolean) => {
    if (!fromKsef) {
      try {
        setListing(companyId, await api.invoke('certificates:listing', { companyId }))
        patch(companyId, { loadError: undefined })
      } catch (error) {
        patch(companyId, { loadError: error })
      }
      return
    }
    patch(companyId, { readingKsef: true })
    try {
      setListing(companyId, await api.invoke('certificates:listing', { companyId, fromKsef }))
    } catch (error) {
      patch(companyId, { ksefError: error })
    } finally {
      patch(companyId, { readingKsef: false })
    }
  }

  // A burst of certificates:changed (a poll, then the retrieve) is read once more, not per event.
  const refreshing = new Map<string, { again: boolean }>()
  const refresh = async (companyId: string): Promise<void> => {
    const running = refreshing.get(companyId)
    if (running) {
      running.again = true
      return
    }
    const turn = { again: false }
    refreshing.set(companyId, turn)
    try {
      do {
        turn.again = false
        await listing(companyId, of(companyId).listing?.ksefCheckedAt != null)
      } while (turn.again)
    } finally {
      refreshing.delete(companyId)
    }
  }

  return {
    byCompany: {},
    publicKeys: {},

    async load(companyId, fromKsef) {
      await listing(companyId, false)
      if (fromKsef) await listing(companyId, true)
    },

    refresh,

    dismissNotices: (companyId) => patch(companyId, { notices: [] }),

    async fetchPublicKeys(environment, refresh) {
      const keys = await api.invoke('certificates:publicKeys', { environment, refresh })
      set((state) => ({ publicKeys: { ...state.publicKeys, [environment]: keys } }))
      return keys
    },

    limits: (companyId) => api.invoke('certificates:limits', { companyId }),

    async enroll(companyId, draft) {
      patch(companyId, { progress: undefined })
      try {
        return await api.invoke('certificates:enroll', { companyId, draft })
      } finally {
        await refresh(companyId)
      }
    },

    checkStatus: (companyId, rowId, enrollmentId) =>
      onRow(companyId, rowId, 'status', async () => {
        await api.invoke('certificates:enrollmentStatus', { companyId, enrollmentId })
        await refresh(companyId)
      }),

    retrieve: (companyId, rowId, enrollmentId) =>
      onRow(companyId, rowId, 'retrieve', async () => {
        const result = await api.invoke('certificates:retrieve', { companyId, enrollmentId })
        await refresh(companyId)
        return result
      }),

    forgetEnrollment: (companyId, rowId, enrollmentId) =>
      onRow(companyId, rowId, 'forget', async () => {
        await api.invoke('certificates:forgetEnrollment', { companyId, enrollmentId })
        await refresh(companyId)
      }),

    renew: (companyId, rowId, certificateId) =>
      onRow(companyId, rowId, 'renew', async () => {
        patch(companyId, { progress: undefined })
        try {
          return await api.invoke('certificates:renew', { companyId, certificateId })
        } finally {
          await refresh(companyId)
        }
      }),

    revoke: (companyId, rowId, serialNumber, reason) =>
      onRow(companyId, rowId, 'revoke', async () => {
        setListing(
          companyId,
          await api.invoke('certificates:revoke', { companyId, serialNumber, reason }),
        )
      }),

    exportFiles: (companyId, certificateId, format, password) =>
      api.invoke('certificates:export', { companyId, certificateId, format, password }),

    offlineCheck: (companyId, certificateId) =>
      api.invoke('certificates:offlineCheck', { companyId, certificateId }),

    async importCertificate(companyId, input) {
      const stored = await api.invoke('certificates:import', { companyId, ...input })
      await refresh(companyId)
      return stored
    },

    async createTest(companyId) {
      const stored = await api.invoke('certificates:createTest', { companyId })
      await refresh(companyId)
      return stored
    },

    setDefault: (companyId, rowId, certificateId) =>
      onRow(companyId, rowId, 'default', async () => {
        await api.invoke('certificates:setDefault', { companyId, certificateId })
        await refresh(companyId)
      }),

    remove: (companyId, rowId, certificateId) =>
      onRow(companyId, rowId, 'remove', async () => {
        await api.invoke('certificates:remove', { companyId, certificateId })
        await refresh(companyId)
      }),
  }
})

/** One company's slice; components subscribe to it, not to the whole store. */
export const useCompanyCertificates = (companyId: string): CompanyCertificates =>
  useCertificates((state) => state.byCompany[companyId] ?? emptyCompany)

/** Progress and changes main pushes reach the company they concern, shown or not. */
export function subscribeToCertificateEvents(): () => void {
  const offProgress = api.on('certificates:progress', (progress) => {
    useCertificates.setState((state) => ({
      byCompany: {
        ...state.byCompany,
        [progress.companyId]: {
          ...(state.byCompany[progress.companyId] ?? emptyCompany),
          progress,
        },
      },
    }))
  })
  const offChanged = api.on('certificates:changed', ({ companyId }) => {
    if (useCertificates.getState().byCompany[companyId]?.listing)
      void useCertificates.getState().refresh(companyId)
  })
  return () => {
    offProgress()
    offChanged()
  }
}
