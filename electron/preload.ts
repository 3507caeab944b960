import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from './shell/preload-bridge'

contextBridge.exposeInMainWorld('ksef', createBridge(ipcRenderer))
