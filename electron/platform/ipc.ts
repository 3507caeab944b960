import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { AppError } from '../../shared/ipc/errors'
import { channelNames, eventChannel, type EventName } from '../../shared/ipc/names'
import type { Dispatch } from '../dispatch'

/**
 * The production transport: every contract channel on ipcMain.handle, answered by the one
 * dispatch. A sender other than our window's main frame (a stray frame, another webContents)
 * gets a refusal and never reaches a handler.
 */
export function bindContract(dispatch: Dispatch, window: () => BrowserWindow | undefined): void {
  const fromOurWindow = (event: IpcMainInvokeEvent): boolean => {
    const ours = window()
    return (
      ours !== undefined &&
      !ours.isDestroyed() &&
      event.sender.id === ours.webContents.id &&
      event.senderFrame === ours.webContents.mainFrame
    )
  }
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!fromOurWindow(event)) {
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
