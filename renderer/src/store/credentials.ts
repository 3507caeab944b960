import { create } from 'zustand'
import type { ChannelInput } from '../../../shared/ipc/contract'
import type { CertificateSummary, TokenSummary } from '../../../shared/domain/credentials'
import { api } from '../api'
import { useCompanies } from './companies'

type ImportInput = Omit<ChannelInput<'certificates:import'>, 'companyId'>

interface CredentialsState {
  companyId: string | undefined
  certificates: CertificateSummary[]
  tokens: TokenSummary[]
  load: (companyId: string) => Promise<void>
  importCertificate: (input: ImportInput) => Promise<CertificateSummary>
  createTestCertificate: () => Promise<CertificateSummary>
  setDefaultCertificate: (certificateId: string) => Promise<void>
  removeCertificate: (certificateId: string) => Promise<void>
  addToken: (token: string, description: string, makeDefault: boolean) => Promise<TokenSummary>
  setDefaultToken: (tokenId: string) => Promise<void>
  removeToken: (tokenId: string) => Promise<void>
}

/** The selected company's stored certificates and tokens (summaries only), as main reports them. */
export const useCredentials = create<CredentialsState>((set, get) => {
  const company = (): string => {
    const id = get().companyId
    if (!id) throw new Error('No company selected')
    return id
  }
  const reload = async (companyId: string) => {
    const [certificates, tokens] = await Promise.all([
      api.invoke('certificates:list', { companyId }),
      api.invoke('tokens:list', { companyId }),
    ])
    // A slow answer for a company the user has left must not land in another company's tabs.
    if (get().companyId === companyId) set({ certificates, tokens })
    await useCompanies.getState().loadOverview()
  }

  return {
    companyId: undefined,
    certificates: [],
    tokens: [],

    async load(companyId) {
      set({ companyId, certificates: [], tokens: [] })
      await reload(companyId)
    },

    async importCertificate(input) {
      const companyId = company()
      const stored = await api.invoke('certificates:import', { companyId, ...input })
      await reload(companyId)
      return stored
    },

    async createTestCertificate() {
      const companyId = company()
      const stored = await api.invoke('certificates:createTest', { companyId })
      await reload(companyId)
      return stored
    },

    async setDefaultCertificate(certificateId) {
      const companyId = company()
      set({
        certificates: await api.invoke('certificates:setDefault', { companyId, certificateId }),
      })
      await useCompanies.getState().loadOverview()
    },

    async removeCertificate(certificateId) {
      const companyId = company()
      set({ certificates: await api.invoke('certificates:remove', { companyId, certificateId }) })
      await useCompanies.getState().loadOverview()
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
      await useCompanies.getState().loadOverview()
    },

    async removeToken(tokenId) {
      const companyId = company()
      set({ tokens: await api.invoke('tokens:remove', { companyId, tokenId }) })
      await useCompanies.getState().loadOverview()
    },
  }
})
