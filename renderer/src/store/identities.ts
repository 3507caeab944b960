import { create } from 'zustand'
import type { FilePayload } from '../../../shared/domain/credentials'
import type { IdentityRow } from '../../../shared/domain/identities'
import { api } from '../api'

export interface IdentityFiles {
  certificate?: FilePayload | undefined
  privateKey?: FilePayload | undefined
  pkcs12?: FilePayload | undefined
}

interface IdentitiesState {
  rows: IdentityRow[]
  loaded: boolean
  /**
   * Counts every change made here (import, assignment, removal, renewal), so a company's
   * Certyfikaty tab asks again what logs it in.
   */
  changes: number
  load: () => Promise<void>
  importIdentity: (files: IdentityFiles, password: string) => Promise<IdentityRow>
  remove: (identityId: string) => Promise<string[]>
  assign: (identityId: string, companyIds: string[]) => Promise<IdentityRow>
  unassign: (identityId: string, companyIds: string[]) => Promise<IdentityRow>
  renew: (identityId: string, files: IdentityFiles, password: string) => Promise<IdentityRow>
}

/** Tożsamości as main last reported them (summaries only: no key ever reaches the page). */
export const useIdentities = create<IdentitiesState>((set, get) => {
  const changed = async () => {
    set({ rows: await api.invoke('identities:list'), changes: get().changes + 1 })
  }
  return {
    rows: [],
    loaded: false,
    changes: 0,

    async load() {
      set({ rows: await api.invoke('identities:list'), loaded: true })
    },

    async importIdentity(files, password) {
      const row = await api.invoke('identities:import', { files, password })
      await changed()
      return row
    },

    async remove(identityId) {
      // The page asked the user with the count first: the removal is confirmed.
      const removed = await api.invoke('identities:remove', { identityId, force: true })
      await changed()
      return removed.companyIds
    },

    async assign(identityId, companyIds) {
      const row = await api.invoke('identities:assign', { identityId, companyIds })
      await changed()
      return row
    },

    async unassign(identityId, companyIds) {
      const row = await api.invoke('identities:unassign', { identityId, companyIds })
      await changed()
      return row
    },

    async renew(identityId, files, password) {
      const row = await api.invoke('identities:renew', { identityId, files, password })
      await changed()
      return row
    },
  }
})

/** For as long as the app is open: identities changed anywhere in main are asked for again. */
export function followIdentityChanges(): () => void {
  return api.on('identities:changed', () => {
    if (!useIdentities.getState().loaded) return
    void api
      .invoke('identities:list')
      .then((rows) => useIdentities.setState((state) => ({ rows, changes: state.changes + 1 })))
  })
}
