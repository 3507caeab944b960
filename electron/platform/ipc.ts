import { ipcMain, type BrowserWindow } from 'electron'
import { AppError } from '../../shared/ipc/errors'
import { channelNames, eventChannel, type EventName } from '../../shared/ipc/names'
import type { Dispatch } from '../dispatch'
import { isFromOurWindow } from '../ipc-sender'

/**
 * The production transport: every contract channel on ipcMain.handle, answered by the one
 * dispatch. A sender other than our window's main frame (a stray frame, another webContents)
 * gets a refusal and never reaches a handler.
 */
export function bindContract(dispatch: Dispatch, window: () => BrowserWindow | undefined): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isFromOurWindow(event, window())) {
        return {
          ok: false,
          error: new AppError(
            'UNKNOWN_CHANNEL',
            'Requests are accepted only from the app window.',
          ).toPayload(),
        }
      }
      return dispatch(channel, input)
    })
  }
}

export function sendToWindow(window: () => BrowserWindow | undefined) {
  return (event: EventName, payload: unknown): void => {
    const ours = window()
    if (ours && !ours.isDestroyed()) ours.webContents.send(eventChannel(event), payload)
  }
}
