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
