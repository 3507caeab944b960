import type { Envelope } from './errors'
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from './contract'

/**
 * What the preload (desktop) or the bridge init script (browser tests, sandbox) installs as
 * `window.ksef`. The page cannot tell the two apart.
 */
export interface KsefBridge {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}
