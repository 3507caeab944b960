import { app } from 'electron'

/** Where the desktop app keeps its data: Electron's per-user folder for this app. */
export const dataFolder = (): string => app.getPath('userData')
