import type { KsefBridge } from '../../shared/ipc/bridge'
import type { Envelope } from '../../shared/ipc/errors'
import { channelNames, eventChannel, eventNames } from '../../shared/ipc/names'

/** What the bridge needs of Electron's ipcRenderer; the preload passes ipcRenderer itself. */
export interface BridgeIpc {
  invoke(channel: string, input: unknown): Promise<unknown>
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
}

const knownChannels = new Set<string>(channelNames)
const knownEvents = new Set<string>(eventNames)

/**
 * The page gets two functions and nothing else: no ipcRenderer, no Node. Only the contract's
 * channels and events pass; a listener gets the payload alone, never Electron's event (whose
 * sender would hand the page ipcRenderer back).
 */
export function createBridge(ipc: BridgeIpc) {
  return {
    invoke: (channel, input) =>
      knownChannels.has(channel)
        ? // main answers every channel with the envelope of its output (dispatch checks it)
          (ipc.invoke(channel, input) as Promise<Envelope<never>>)
        : Promise.reject(new Error(`Unknown channel ${channel}`)),
    on: (event, listener) => {
      if (!knownEvents.has(event)) throw new Error(`Unknown event ${event}`)
      const forward = (_event: unknown, payload: unknown) => listener(payload as never)
      ipc.on(eventChannel(event), forward)
      return () => void ipc.removeListener(eventChannel(event), forward)
    },
  } satisfies KsefBridge
}
