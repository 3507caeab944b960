import { channelNames, eventChannel, type EventName } from '../../shared/ipc/names'
import type { Dispatch } from '../dispatch'
import { fromOurWindowOnly } from '../ipc-sender'
import type { ShellElectron, ShellWindow } from './shell-electron'

/** The production transport: every contract channel on ipcMain.handle, answered by the one dispatch. */
export function bindContract(
  ipcMain: ShellElectron['ipcMain'],
  dispatch: Dispatch,
  window: () => ShellWindow | undefined,
): void {
  const answer = fromOurWindowOnly(dispatch, window)
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input) => answer(event, channel, input))
  }
}

export function sendToWindow(window: () => ShellWindow | undefined) {
  return (event: EventName, payload: unknown): void => {
    const ours = window()
    if (ours && !ours.isDestroyed()) ours.webContents.send(eventChannel(event), payload)
  }
}
