import { create } from 'zustand'
import type { TokenSummary } from '../../../shared/domain/credentials'
import { api } from '../api'

interface CredentialsState {
  companyId: string | undefined
  tokens: TokenSummary[]
  load: (companyId: string) => Promise<void>
  addToken: (token: string, description: string, makeDefault: boolean) => Promise<TokenSummary>
  setDefaultToken: (tokenId: string) => Promise<void>
  removeToken: (tokenId: string) => Promise<void>
}

/**
 * The selected company's stored tokens (summaries only), as main reports them. Its certificates
 * are in store/certificates.ts, reconciled with KSeF. The list's badges follow main's pushes.
 */
export const useCredentials = create<CredentialsState>((set, get) => {
  const company = (): string => {
    const id = get().companyId
    if (!id) throw new Error('No company selected')
    return id
  }
  const reload = async (companyId: string) => {
    const tokens = await api.invoke('tokens:list', { companyId })
    // A slow answer for a company the user has left must not land in another company's tabs.
    if (get().companyId === companyId) set({ tokens })
  }

  return {
    companyId: undefined,
    tokens: [],

    async load(companyId) {
      set({ companyId, tokens: [] })
      await reload(companyId)
    },

    async addToken(token, description, makeDefault) {
      const companyId = company()
      const stored = await api.invoke('tokens:add', { companyId, token, description, makeDefault })
      await reload(companyId)
      return stored
    },

    async setDefaultToken(tokenId) {
      const companyId = company()
      set({ tokens: await api.invoke('tokens:setDefault', { companyId, tokenId }) })
    },

    async removeToken(tokenId) {
      const companyId = company()
      set({ tokens: await api.invoke('tokens:remove', { companyId, tokenId }) })
    },
  }
})
