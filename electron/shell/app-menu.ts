import type { Language } from '../../shared/domain/preferences'
import { shellTexts } from './shell-texts'
import type { MenuItem } from './shell-electron'

export interface MenuActions {
  openDataFolder: () => void
  openEventLog: () => void
  showAbout: () => void
}

export interface MenuOptions {
  language: Language
  packaged: boolean
  platform: NodeJS.Platform
  actions: MenuActions
}

/**
 * The application menu. Editing keeps Electron's roles (they route to the focused text field
 * and carry the platform's shortcuts); reload and DevTools exist only in development.
 */
export function menuTemplate(options: MenuOptions): MenuItem[] {
  const texts = shellTexts[options.language]
  const development: MenuItem[] = options.packaged
    ? []
    : [
        { type: 'separator' },
        { role: 'reload', label: texts.reload },
        { role: 'toggleDevTools', label: texts.devTools },
      ]
  return [
    // On macOS the first menu is the application's own (About, Hide, Quit) whatever its label.
    ...(options.platform === 'darwin' ? [{ role: 'appMenu' } satisfies MenuItem] : []),
    {
      label: texts.file,
      submenu: [
        { label: texts.openDataFolder, click: options.actions.openDataFolder },
        { type: 'separator' },
        { role: 'quit', label: texts.quit },
      ],
    },
    {
      label: texts.edit,
      submenu: [
        { role: 'undo', label: texts.undo },
        { role: 'redo', label: texts.redo },
        { type: 'separator' },
        { role: 'cut', label: texts.cut },
        { role: 'copy', label: texts.copy },
        { role: 'paste', label: texts.paste },
        { role: 'selectAll', label: texts.selectAll },
      ],
    },
    {
      label: texts.view,
      submenu: [
        { role: 'zoomIn', label: texts.zoomIn },
        { role: 'zoomOut', label: texts.zoomOut },
        { role: 'resetZoom', label: texts.resetZoom },
        { type: 'separator' },
        { role: 'togglefullscreen', label: texts.fullScreen },
        ...development,
      ],
    },
    {
      label: texts.help,
      submenu: [
        { label: texts.eventLog, click: options.actions.openEventLog },
        { label: texts.about, click: options.actions.showAbout },
      ],
    },
  ]
}

export interface AboutFacts {
  version: string
  versions: { electron: string; chrome: string; node: string }
  dataFolder: string
}

/** What O programie shows: enough for a support request. */
export function aboutDetail(language: Language, facts: AboutFacts): string {
  const texts = shellTexts[language]
  return [
    `${texts.version} ${facts.version}`,
    `Electron ${facts.versions.electron}`,
    `Chromium ${facts.versions.chrome}`,
    `Node.js ${facts.versions.node}`,
    `${texts.dataFolder}: ${facts.dataFolder}`,
  ].join('\n')
}
