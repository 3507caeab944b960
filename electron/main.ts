import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron'
import { openElectronSettings } from './platform/store'
import { bootShell } from './shell/boot'

// The desktop app's entry: the real Electron handed to the composition root, which the tests
// boot under a fake one.
void bootShell<BrowserWindow, Menu>(
  { app, BrowserWindow, session, ipcMain, safeStorage, dialog, Menu, shell, protocol, screen },
  {
    openSettings: openElectronSettings,
    preload: join(import.meta.dirname, '../preload/preload.cjs'),
    rendererFolder: join(import.meta.dirname, '../renderer'),
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    requestedApiUrl: process.env['KSEF_DESK_API_URL'],
    platform: process.platform,
    versions: {
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
    },
  },
)
