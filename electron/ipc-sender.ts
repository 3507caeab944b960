import { AppError, type Envelope } from '../shared/ipc/errors'
import type { Dispatch } from './dispatch'

/** What Electron tells about who sent an invoke, as far as the check needs it. */
export interface InvokeSender {
  sender: { id: number }
  senderFrame: unknown
}

/** What the check needs of our window. */
export interface OurWindow {
  isDestroyed(): boolean
  webContents: { id: number; mainFrame: unknown }
}

/**
 * A request counts only when it comes from our window's main frame: not from a destroyed window,
 * another webContents, or a frame inside the page.
 */
export function isFromOurWindow(event: InvokeSender, window: OurWindow | undefined): boolean {
  return (
    window !== undefined &&
    !window.isDestroyed() &&
    event.sender.id === window.webContents.id &&
    event.senderFrame === window.webContents.mainFrame
  )
}

/**
 * The dispatch as the production transport offers it: a sender other than our window's main
 * frame (a stray frame, another webContents) is refused and never reaches a handler.
 */
export function fromOurWindowOnly(
  dispatch: Dispatch,
  window: () => OurWindow | undefined,
): (event: InvokeSender, channel: string, input: unknown) => Promise<Envelope<unknown>> {
  return (event, channel, input) => {
    if (isFromOurWindow(event, window())) return dispatch(channel, input)
    const refusal = new AppError(
      'SENDER_REFUSED',
      'Requests are accepted only from the app window.',
    )
    return Promise.resolve({ ok: false, error: refusal.toPayload() })
  }
}
