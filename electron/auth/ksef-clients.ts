import type { Environment } from '../../shared/domain/environment'
import type { Clock } from '../clock'
import { createKsefClient, type KsefClient } from '../ksef/client'
import type { KsefRateLimiter } from '../ksef/rate-limiter'
import type { Logger } from '../log'

/** The KSeF client of each environment; one custom URL (the simulator) stands in for all of them. */
export interface KsefClients {
  forEnvironment(environment: Environment): KsefClient
}

export interface KsefClientsOptions {
  /** KSEF_DESK_API_URL or the developer setting: every environment goes there instead. */
  customUrl?: string | undefined
  clock: Clock
  log: Logger
  delay?: (ms: number) => Promise<void>
  /** The process's one limiter: every environment's client waits its turn there. */
  limiter: KsefRateLimiter
}

export function createKsefClients(options: KsefClientsOptions): KsefClients {
  const clients = new Map<Environment, KsefClient>()
  return {
    forEnvironment(environment) {
      let client = clients.get(environment)
      if (!client) {
        client = createKsefClient({
          environment,
          ...(options.customUrl ? { customUrl: options.customUrl } : {}),
          clock: options.clock,
          limiter: options.limiter,
          ...(options.delay ? { delay: options.delay } : {}),
          onSystemWarnings: (warnings, request) => {
            for (const warning of warnings) {
              options.log.info('KSeF system warning', {
                environment,
                path: request.path,
                code: warning.code,
                message: warning.message,
              })
            }
          },
        })
        clients.set(environment, client)
      }
      return client
    },
  }
}
