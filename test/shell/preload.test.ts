import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { KsefBridge } from '../../shared/ipc/bridge'
import { channelNames, eventNames } from '../../shared/ipc/names'

// The preload itself, loaded with Electron's renderer side replaced: what it hands the page
// through contextBridge is all the page ever gets of main.

type Listener = (event: unknown, payload: unknown) => void

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<Listener>>()
  return {
    listeners,
    exposed: new Map<string, unknown>(),
    invoked: [] as { channel: string; input: unknown }[],
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        electron.exposed.set(key, api)
      },
    },
    ipcRenderer: {
      invoke: (channel: string, input: unknown) => {
        electron.invoked.push({ channel, input })
        return Promise.resolve({ ok: true, value: channel })
      },
      on: (channel: string, listener: Listener) => {
        const set = listeners.get(channel) ?? new Set()
        set.add(listener)
        listeners.set(channel, set)
      },
      removeListener: (channel: string, listener: Listener) => {
        listeners.get(channel)?.delete(listener)
      },
    },
  }
})

vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
}))

async function loadPreload(): Promise<KsefBridge> {
  vi.resetModules()
  electron.exposed.clear()
  await import('../../electron/preload')
  return electron.exposed.get('ksef') as KsefBridge
}

beforeEach(() => {
  electron.invoked.length = 0
  electron.listeners.clear()
})

describe('the preload', () => {
  it('exposes window.ksef = { invoke, on } and nothing else', async () => {
    const bridge = await loadPreload()
    expect([...electron.exposed.keys()]).toEqual(['ksef'])
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on'])
    expect(typeof bridge.invoke).toBe('function')
    expect(typeof bridge.on).toBe('function')
  })

  it('passes every channel of the contract to ipcRenderer.invoke', async () => {
    const bridge = await loadPreload()
    for (const channel of channelNames) {
      expect(await bridge.invoke(channel, undefined as never)).toEqual({ ok: true, value: channel })
    }
    expect(electron.invoked.map(({ channel }) => channel)).toEqual([...channelNames])
  })

  it('refuses a channel outside the contract without reaching main', async () => {
    const bridge = await loadPreload()
    await expect(bridge.invoke('shell:openExternal' as never, undefined as never)).rejects.toThrow(
      'Unknown channel shell:openExternal',
    )
    expect(electron.invoked).toEqual([])
  })

  it('subscribes to contract events and hands the listener the payload alone', async () => {
    const bridge = await loadPreload()
    for (const event of eventNames) {
      const received: unknown[][] = []
      const stop = bridge.on(event, (...args: unknown[]) => received.push(args))
      const [listener] = electron.listeners.get(`event:${event}`) ?? []
      listener?.({ sender: 'ipcRenderer itself' }, { payload: event })
      expect(received).toEqual([[{ payload: event }]])
      stop()
      expect(electron.listeners.get(`event:${event}`)?.size).toBe(0)
    }
  })

  it('refuses an event outside the contract', async () => {
    const bridge = await loadPreload()
    expect(() => bridge.on('ipc:raw' as never, () => undefined)).toThrow('Unknown event ipc:raw')
    expect(electron.listeners.size).toBe(0)
  })
})
