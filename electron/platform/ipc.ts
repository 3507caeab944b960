import { ipcMain, type BrowserWindow } from 'electron'
import { channelNames, eventChannel, type EventName } from '../../shared/ipc/names'
import type { Dispatch } from '../dispatch'
import { fromOurWindowOnly } from '../ipc-sender'

/** The production transport: every contract channel on ipcMain.handle, answered by the one dispatch. */
export function bindContract(dispatch: Dispatch, window: () => BrowserWindow | undefined): void {
  const answer = fromOurWindowOnly(dispatch, window)
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => answer(event, channel, input))
  }
}

export function sendToWindow(window: () => BrowserWindow | undefined) {
  return (event: EventName, payload: unknown): void => {
    const ours = window()
    if (ours && !ours.isDestroyed()) ours.webContents.send(eventChannel(event), payload)
  }
}
