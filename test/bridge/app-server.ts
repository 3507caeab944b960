import { fileURLToPath } from 'node:url'
import { systemClock, type Clock } from '../../electron/clock'
import { createDispatch } from '../../electron/dispatch'
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
}

export interface RunningAppServer {
  url: string
  ctx: HandlerContext
  broadcast: PageBroadcast
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
  const bridge = await startBridge({
    dispatch: createDispatch(handlers, ctx),
    broadcast,
    downloads,
    staticFolder: builtRenderer,
    ...(options.port !== undefined ? { port: options.port } : {}),
  })
  return {
    url: bridge.url,
    ctx,
    broadcast,
    close: async () => {
      stopRefreshing()
      await bridge.close()
      await close()
    },
  }
}
