import { create } from 'zustand'
import type { ActiveSession, AuthProgress, AuthState } from '../../../shared/domain/auth'
import type { FilePayload } from '../../../shared/domain/credentials'
import { api } from '../api'

type Action =
  | 'loginWithCertificate'
  | 'loginWithToken'
  | 'downloadRequest'
  | 'submitSignedRequest'
  | 'checkStatus'
  | 'redeem'
  | 'setAutoMode'
  | 'clearFinished'
  | 'logout'
  | 'sessions'

export const loginActions: readonly Action[] = ['loginWithCertificate', 'loginWithToken']
export const signedRequestActions: readonly Action[] = [
  'downloadRequest',
  'submitSignedRequest',
  'checkStatus',
  'redeem',
  'setAutoMode',
  'clearFinished',
]

interface AuthStore {
  companyId: string | undefined
  state: AuthState | undefined
  progress: AuthProgress | undefined
  sessions: ActiveSession[] | undefined
  /** The action under way, to show progress on its button and keep the others still. */
  busy: Action | undefined
  error: unknown
  /** Which action the error belongs to, so it shows beside the button that caused it. */
  failed: Action | undefined
  load: (companyId: string) => Promise<void>
  run: (
    action: Action,
    work: (companyId: string) => Promise<AuthState | undefined>,
  ) => Promise<void>
  loginWithCertificate: () => Promise<void>
  loginWithToken: () => Promise<void>
  downloadRequest: () => Promise<{ fileName: string; xml: string } | undefined>
  submitSignedRequest: (file: FilePayload) => Promise<void>
  checkStatus: (referenceNumber: string) => Promise<void>
  redeem: (referenceNumber: string) => Promise<void>
  setAutoMode: (enabled: boolean) => Promise<void>
  clearFinished: () => Promise<void>
  logout: () => Promise<void>
  loadSessions: () => Promise<void>
  revokeSession: (referenceNumber: string) => Promise<void>
}

/** Ogólne of the selected company: what main says of its login, and the progress it pushes. */
export const useAuth = create<AuthStore>((set, get) => ({
  companyId: undefined,
  state: undefined,
  progress: undefined,
  sessions: undefined,
  busy: undefined,
  error: undefined,
  failed: undefined,

  async load(companyId) {
    set({
      failed: undefined,
      companyId,
      state: undefined,
      progress: undefined,
      sessions: undefined,
      busy: undefined,
      error: undefined,
    })
    const state = await api.invoke('auth:state', { companyId })
    if (get().companyId === companyId) set({ state })
  },

  async run(action, work) {
    const companyId = get().companyId
    if (!companyId) return
    set({ busy: action, error: undefined, failed: undefined, progress: undefined })
    try {
      const state = await work(companyId)
      if (get().companyId === companyId && state) set({ state })
    } catch (error) {
      if (get().companyId === companyId) set({ error, failed: action })
    } finally {
      if (get().companyId === companyId) set({ busy: undefined })
    }
  },

  loginWithCertificate: () =>
    get().run('loginWithCertificate', (companyId) =>
      api.invoke('auth:loginWithCertificate', { companyId }),
    ),
  loginWithToken: () =>
    get().run('loginWithToken', (companyId) => api.invoke('auth:loginWithToken', { companyId })),

  async downloadRequest() {
    let download: { fileName: string; xml: string } | undefined
    await get().run('downloadRequest', async (companyId) => {
      const result = await api.invoke('auth:downloadRequest', { companyId })
      download = { fileName: result.fileName, xml: result.xml }
      return result.state
    })
    return download
  },

  submitSignedRequest: (file) =>
    get().run('submitSignedRequest', (companyId) =>
      api.invoke('auth:submitSignedRequest', { companyId, file }),
    ),
  checkStatus: (referenceNumber) =>
    get().run('checkStatus', (companyId) =>
      api.invoke('auth:checkStatus', { companyId, referenceNumber }),
    ),
  redeem: (referenceNumber) =>
    get().run('redeem', (companyId) => api.invoke('auth:redeem', { companyId, referenceNumber })),
  setAutoMode: (enabled) =>
    get().run('setAutoMode', (companyId) => api.invoke('auth:setAutoMode', { companyId, enabled })),
  clearFinished: () =>
    get().run('clearFinished', (companyId) => api.invoke('auth:clearFinished', { companyId })),
  logout: () =>
    get().run('logout', async (companyId) => {
      const state = await api.invoke('auth:logout', { companyId })
      set({ sessions: undefined })
      return state
    }),

  loadSessions: () =>
    get().run('sessions', async (companyId) => {
      const sessions = await api.invoke('auth:sessions', { companyId })
      if (get().companyId === companyId) set({ sessions })
      return undefined
    }),

  revokeSession: (referenceNumber) =>
    get().run('sessions', async (companyId) => {
      const sessions = await api.invoke('auth:revokeSession', { companyId, referenceNumber })
      if (get().companyId === companyId) set({ sessions })
      return api.invoke('auth:state', { companyId })
    }),
}))

/** Progress and state changes pushed by main reach the tab of the company they concern. */
export function subscribeToAuthEvents(): () => void {
  const offProgress = api.on('auth:progress', (progress) => {
    if (useAuth.getState().companyId === progress.companyId) useAuth.setState({ progress })
  })
  const offChanged = api.on('auth:changed', (state) => {
    if (useAuth.getState().companyId === state.companyId) useAuth.setState({ state })
  })
  return () => {
    offProgress()
    offChanged()
  }
}
