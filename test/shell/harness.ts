import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bootShell, type BootOutcome } from '../../electron/shell/boot'
import { openNodeSettings } from '../../electron/vault/node-settings'
import type { Envelope } from '../../shared/ipc/errors'
import {
  createFakeElectron,
  fakeMachine,
  type FakeElectron,
  type FakeElectronOptions,
  type FakeMachine,
  type FakeWindow,
} from '../support/fake-electron'
import { tempFolder } from '../support/temp-folder'

// Boots the real composition root under the fake Electron, with the Node settings store in place
// of electron-store (which loads Electron itself), on a data folder of its own.

export const rendererHtml =
  '<!doctype html><html><head><script type="module" src="./assets/index.js"></script></head><body></body></html>'
export const outsideSecret = 'NOT FOR THE PAGE'

export interface Booted {
  electron: FakeElectron
  outcome: BootOutcome
  /** The data folder (userData). */
  folder: string
  /** The built renderer's folder; a file outside it sits next to it. */
  rendererFolder: string
  machine: FakeMachine
  /** Our window, once the shell runs. */
  window: () => FakeWindow
  /** The page invokes a channel from our window's main frame. */
  invoke: (channel: string, input?: unknown) => Promise<Envelope<unknown>>
  /** Quits as the user would and waits until the app has ended. */
  quit: () => Promise<void>
}

const cleanups: (() => Promise<void> | void)[] = []

export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}

export interface BootChoices extends Partial<Omit<FakeElectronOptions, 'machine' | 'userData'>> {
  machine?: FakeMachine
  folder?: string
  devServerUrl?: string
}

export async function boot(choices: BootChoices = {}): Promise<Booted> {
  const machine = choices.machine ?? fakeMachine()
  const root = tempFolder('ksef-desk-shell-')
  cleanups.push(() => root.remove())
  const folder = choices.folder ?? join(root.path, 'data')
  const rendererFolder = join(root.path, 'out', 'renderer')
  mkdirSync(join(rendererFolder, 'assets'), { recursive: true })
  writeFileSync(join(rendererFolder, 'index.html'), rendererHtml)
  writeFileSync(join(rendererFolder, 'assets', 'index.js'), 'export {}\n')
  writeFileSync(join(root.path, 'out', 'outside.txt'), outsideSecret)
  writeFileSync(join(root.path, 'out', 'renderer-private.txt'), outsideSecret)

  const electron = createFakeElectron({ ...choices, machine, userData: folder })
  const ended = async () => {
    if (!electron.app.hasEnded()) electron.app.quit()
    await electron.app.whenEnded()
  }
  cleanups.push(ended)
  const outcome = await bootShell(electron, {
    openSettings: openNodeSettings,
    preload: join(root.path, 'out', 'preload', 'preload.cjs'),
    rendererFolder,
    devServerUrl: choices.devServerUrl,
    platform: 'linux',
    versions: { electron: '45.4.1', chrome: '142.0.7444.59', node: '22.20.0' },
  })
  const window = () => {
    const [first] = electron.windows
    if (!first) throw new Error('The shell opened no window')
    return first
  }
  return {
    electron,
    outcome,
    folder,
    rendererFolder,
    machine,
    window,
    invoke: async (channel, input) => {
      const contents = window().webContents
      return (await electron.ipcMain.invoke(channel, input, {
        sender: contents,
        senderFrame: contents.mainFrame,
      })) as Envelope<unknown>
    },
    quit: ended,
  }
}
