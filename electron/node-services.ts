import { join } from 'node:path'
import packageJson from '../package.json'
import { systemClock, type Clock } from './clock'
import { discardEvents, type EventSink } from './events'
import type { FileSaver } from './files/file-saver'
import type { HandlerContext } from './handlers/context'
import { fileLogger } from './log'
import type { KsefRateLimiter } from './ksef/rate-limiter'
import { buildHandlerContext, closeServices } from './services'
import { FolderCertificateFiles } from './vault/certificate-files'
import { lockDataFolder } from './vault/folder-lock'
import { openNodeSettings } from './vault/node-settings'
import { PassphraseSealer, type KeyDerivation } from './vault/passphrase-sealer'
import { SealedFileSecretStore, secretsFileName } from './vault/sealed-file-secret-store'

export interface NodeServiceOptions {
  dataFolder: string
  /** Seals the secrets file; the desktop app uses the OS keychain instead. */
  passphrase: string
  /** scrypt unless given: tests that open one folder many times keep each key they derived. */
  keyDerivation?: KeyDerivation
  clock?: Clock
  events?: EventSink
  /** Where KSeF is reached instead of the environments' hosts (the simulator). */
  ksefApiUrl?: string | undefined
  sleep?: (ms: number) => Promise<void>
  rateLimiter?: KsefRateLimiter
  /** Where exports go: a FolderFileSaver for the CLI's --out DIR, the sandbox's download offers. */
  fileSaver?: FileSaver
}

export interface NodeServices {
  ctx: HandlerContext
  /**
   * Ends background work (token statuses followed, enrollments polled: their waits cut short)
   * and awaits what is under way (a session refresh too), then gives the data folder back.
   */
  close: () => Promise<void>
}

/**
 * The services over plain files, for the CLI, the sandbox and the tests: no Electron needed. The
 * data folder is locked for this process until `close` (DATA_FOLDER_IN_USE while another holds it).
 */
export async function openNodeServices(options: NodeServiceOptions): Promise<NodeServices> {
  const clock = options.clock ?? systemClock
  // Before anything is read or written: a refused open must leave the folder as it was.
  const lock = lockDataFolder(options.dataFolder)
  try {
    const ctx = await buildHandlerContext({
      version: packageJson.version,
      dataFolder: options.dataFolder,
      clock,
      log: fileLogger(join(options.dataFolder, 'logs', 'main.log'), () => clock.now()),
      events: options.events ?? discardEvents,
      settings: openNodeSettings(options.dataFolder, clock),
      secrets: new SealedFileSecretStore(
        join(options.dataFolder, secretsFileName),
        new PassphraseSealer(options.passphrase, options.keyDerivation),
        clock,
      ),
      certificateFiles: new FolderCertificateFiles(join(options.dataFolder, 'certificates')),
      ksefApiUrl: options.ksefApiUrl,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
      ...(options.fileSaver ? { fileSaver: options.fileSaver } : {}),
    })
    return {
      ctx,
      close: async () => {
        try {
          await closeServices(ctx)
        } finally {
          lock.release()
        }
      },
    }
  } catch (error) {
    lock.release()
    throw error
  }
}
