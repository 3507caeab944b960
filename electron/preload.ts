import { contextBridge, ipcRenderer } from 'electron'
import type { KsefBridge } from '../shared/ipc/bridge'
import { channelNames, eventChannel, eventNames } from '../shared/ipc/names'

const knownChannels = new Set<string>(channelNames)
const knownEvents = new Set<string>(eventNames)

// The page gets two functions and nothing else: no ipcRenderer, no Node.
const bridge = {
  invoke: (channel, input) =>
    knownChannels.has(channel)
      ? ipcRenderer.invoke(channel, input)
      : Promise.reject(new Error(`Unknown channel ${channel}`)),
  on: (event, listener) => {
    if (!knownEvents.has(event)) throw new Error(`Unknown event ${event}`)
    const forward = (_event: unknown, payload: unknown) => listener(payload as never)
    ipcRenderer.on(eventChannel(event), forward)
    return () => void ipcRenderer.removeListener(eventChannel(event), forward)
  },
} satisfies KsefBridge

contextBridge.exposeInMainWorld('ksef', bridge)
