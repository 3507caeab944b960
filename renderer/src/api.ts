import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/errors'

type InputArgs<C extends Channel> =
  undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]

/** The renderer's only way to main: typed calls that resolve to the value or throw an AppError. */
export const api = {
  async invoke<C extends Channel>(channel: C, ...[input]: InputArgs<C>): Promise<ChannelOutput<C>> {
    const envelope = await window.ksef.invoke(channel, input as ChannelInput<C>)
    if (envelope.ok) return envelope.value
    throw AppError.fromPayload(envelope.error)
  },

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return window.ksef.on(event, listener)
  },
}
