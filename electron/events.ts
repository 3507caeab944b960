import { events, type EventName, type EventPayload } from '../shared/ipc/contract'

/** Pushes an event to every window (Electron) or every connected page (test bridge). */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

/** Checks each payload against the contract before it leaves main, as dispatch does for outputs. */
export function checkedEventSink(send: (event: EventName, payload: unknown) => void): EventSink {
  return {
    emit(event, payload) {
      send(event, events[event].parse(payload))
    },
  }
}

export const discardEvents: EventSink = { emit: () => undefined }
