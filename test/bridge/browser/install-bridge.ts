// Installs window.ksef in a plain browser page, speaking to the test bridge over a WebSocket on
// the page's own origin. The renderer cannot tell it from the Electron preload.
import type { KsefBridge } from '../../../shared/ipc/bridge'
import type { Envelope } from '../../../shared/ipc/errors'

type ServerMessage =
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'event'; event: string; payload: unknown }

declare global {
  interface Window {
    ksef: KsefBridge
  }
}

const socket = new WebSocket(
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__ksef-bridge`,
)
const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve()))
const pending = new Map<number, (envelope: Envelope<unknown>) => void>()
const listeners = new Map<string, Set<(payload: unknown) => void>>()
let nextId = 1

socket.addEventListener('message', (message: MessageEvent<string>) => {
  const data = JSON.parse(message.data) as ServerMessage
  if (data.type === 'result') {
    pending.get(data.id)?.(data.envelope)
    pending.delete(data.id)
  } else {
    for (const listener of listeners.get(data.event) ?? []) listener(data.payload)
  }
})

socket.addEventListener('close', () => {
  for (const resolve of pending.values()) {
    resolve({
      ok: false,
      error: { code: 'BRIDGE_DISCONNECTED', message: 'The connection to the app was lost.' },
    })
  }
  pending.clear()
})

const bridge: KsefBridge = {
  async invoke(channel, input) {
    await opened
    const id = nextId++
    const result = new Promise<Envelope<unknown>>((resolve) => pending.set(id, resolve))
    socket.send(JSON.stringify({ id, channel, input }))
    return (await result) as never
  },
  on(event, listener) {
    const set = listeners.get(event) ?? new Set()
    const forward = listener as (payload: unknown) => void
    set.add(forward)
    listeners.set(event, set)
    return () => void set.delete(forward)
  },
}

window.ksef = bridge
