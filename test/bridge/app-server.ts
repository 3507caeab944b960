import { fileURLToPath } from 'node:url'
import { systemClock, type Clock } from '../../electron/clock'
import { createDispatch, type Dispatch } from '../../electron/dispatch'
import { checkedEventSink } from '../../electron/events'
import { handlers } from '../../electron/handlers'
import type { HandlerContext } from '../../electron/handlers/context'
import type { KsefRateLimiter } from '../../electron/ksef/rate-limiter'
import { openNodeServices } from '../../electron/node-services'
import { keepSessionsAlive } from '../../electron/services'
import { DownloadOffers } from './download-offers'
import { PageBroadcast, startBridge } from './server'

export const builtRenderer = fileURLToPath(new URL('../../out/renderer', import.meta.url))

export interface AppServerOptions {
  dataFolder: string
  passphrase: string
  clock?: Clock
  port?: number
  /** The simulator's URL: KSeF of every environment is reached there. */
  ksefApiUrl?: string
  /** How main waits between polls; a test ends the app mid-wait with one that never resolves. */
  sleep?: (ms: number) => Promise<void>
  /** noClientLimits() with a simulator started with `limits: false`. */
  rateLimiter?: KsefRateLimiter
  /** Keep every call in `calls` (the e2e tests hold the audit log to them; the sandbox does not). */
  recordCalls?: boolean
}

/** A call the page made, with what main answered. */
export interface DispatchedCall {
  channel: string
  input: unknown
  answer: Awaited<ReturnType<Dispatch>>
}

export interface RunningAppServer {
  url: string
  ctx: HandlerContext
  broadcast: PageBroadcast
  /** With recordCalls, every call the page made so far, in the order the answers went back. */
  calls: DispatchedCall[]
  close: () => Promise<void>
}

/** The whole app minus Electron: real handlers over files in `dataFolder`, the built renderer, the bridge. */
export async function startAppServer(options: AppServerOptions): Promise<RunningAppServer> {
  const broadcast = new PageBroadcast()
  const events = checkedEventSink(broadcast.send)
  const downloads = new DownloadOffers(events, options.clock ?? systemClock)
  const { ctx, close } = await openNodeServices({
    dataFolder: options.dataFolder,
    passphrase: options.passphrase,
    events,
    fileSaver: downloads,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.ksefApiUrl ? { ksefApiUrl: options.ksefApiUrl } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
  })
  const stopRefreshing = keepSessionsAlive(ctx)
  const dispatch = createDispatch(handlers, ctx)
  const calls: DispatchedCall[] = []
  const bridge = await startBridge({
    dispatch: async (channel, input) => {
      const answer = await dispatch(channel, input)
      if (options.recordCalls === true) calls.push({ channel, input, answer })
      return answer
    },
    broadcast,
    downloads,
    staticFolder: builtRenderer,
    ...(options.port !== undefined ? { port: options.port } : {}),
  })
  return {
    url: bridge.url,
    ctx,
    broadcast,
    calls,
    close: async () => {
      stopRefreshing()
      await bridge.close()
      await close()
    },
  }
}
