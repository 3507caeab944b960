import type { KsefBridge } from '../../shared/ipc/bridge'

declare global {
  interface Window {
    /** Installed by the preload (desktop) or the bridge script (browser tests, sandbox). */
    ksef: KsefBridge
  }
}
