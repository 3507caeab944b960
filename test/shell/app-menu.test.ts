import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { menuTemplate } from '../../electron/shell/app-menu'
import type { MenuItem } from '../../electron/shell/shell-electron'
import { fakeMachine } from '../support/fake-electron'
import { boot, cleanUp, type Booted } from './harness'

afterEach(cleanUp)

const noActions = {
  openDataFolder: () => undefined,
  openEventLog: () => undefined,
  showAbout: () => undefined,
}

const labels = (items: MenuItem[]) => items.map((item) => item.label)
const roles = (items: MenuItem[]) => items.flatMap((item) => (item.role ? [item.role] : []))

function submenu(items: MenuItem[], label: string): MenuItem[] {
  const found = items.find((item) => item.label === label)
  if (!found?.submenu) throw new Error(`No menu ${label} in ${labels(items).join(', ')}`)
  return found.submenu
}

function item(items: MenuItem[], menu: string, label: string): MenuItem {
  const found = submenu(items, menu).find((entry) => entry.label === label)
  if (!found) throw new Error(`No item ${label} in ${menu}`)
  return found
}

function applicationMenu(shell: Booted): MenuItem[] {
  const menu = shell.electron.Menu.applicationMenu
  if (!menu) throw new Error('No application menu was set')
  return menu.template
}

describe('the menu template', () => {
  it.each([
    ['pl', ['Plik', 'Edycja', 'Widok', 'Pomoc']],
    ['en', ['File', 'Edit', 'View', 'Help']],
  ] as const)('in %s is %j', (language, menus) => {
    const template = menuTemplate({
      language,
      packaged: true,
      platform: 'linux',
      actions: noActions,
    })
    expect(labels(template)).toEqual(menus)
  })

  it('Plik: Otwórz folder danych, Zakończ (the quit role)', () => {
    const template = menuTemplate({
      language: 'pl',
      packaged: true,
      platform: 'linux',
      actions: noActions,
    })
    const file = submenu(template, 'Plik')
    expect(labels(file).filter(Boolean)).toEqual(['Otwórz folder danych', 'Zakończ'])
    expect(roles(file)).toEqual(['quit'])
  })

  it.each(['pl', 'en'] as const)('%s: editing keeps the standard roles', (language) => {
    const template = menuTemplate({
      language,
      packaged: true,
      platform: 'linux',
      actions: noActions,
    })
    expect(roles(template[1]?.submenu ?? [])).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ])
  })

  it.each([
    [true, ['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']],
    [false, ['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'reload', 'toggleDevTools']],
  ] as const)('packaged %s: the view menu has %j', (packaged, expected) => {
    for (const language of ['pl', 'en'] as const) {
      const template = menuTemplate({ language, packaged, platform: 'linux', actions: noActions })
      expect(roles(template[2]?.submenu ?? [])).toEqual(expected)
    }
  })

  it('labels every role in the language of the app', () => {
    const template = menuTemplate({
      language: 'pl',
      packaged: false,
      platform: 'linux',
      actions: noActions,
    })
    expect(labels(submenu(template, 'Widok')).filter(Boolean)).toEqual([
      'Powiększ',
      'Pomniejsz',
      'Rzeczywisty rozmiar',
      'Pełny ekran',
      'Odśwież',
      'Narzędzia deweloperskie',
    ])
    expect(labels(submenu(template, 'Pomoc'))).toEqual(['Dziennik zdarzeń', 'O programie'])
  })

  it('on macOS the application menu comes first', () => {
    const template = menuTemplate({
      language: 'pl',
      packaged: true,
      platform: 'darwin',
      actions: noActions,
    })
    expect(template[0]).toEqual({ role: 'appMenu' })
    expect(labels(template.slice(1))).toEqual(['Plik', 'Edycja', 'Widok', 'Pomoc'])
  })
})

describe('the menu of the running app', () => {
  it('is set at start in Polish, the default language', async () => {
    const shell = await boot()
    expect(labels(applicationMenu(shell))).toEqual(['Plik', 'Edycja', 'Widok', 'Pomoc'])
  })

  it('follows a change of the language at once', async () => {
    const shell = await boot()
    expect(await shell.invoke('preferences:update', { language: 'en' })).toMatchObject({ ok: true })
    expect(labels(applicationMenu(shell))).toEqual(['File', 'Edit', 'View', 'Help'])
  })

  it('starts in the language saved by the last launch', async () => {
    const machine = fakeMachine()
    const first = await boot({ machine })
    await first.invoke('preferences:update', { language: 'en' })
    await first.quit()
    const second = await boot({ machine, folder: first.folder })
    expect(labels(applicationMenu(second))).toEqual(['File', 'Edit', 'View', 'Help'])
  })

  it('has no reload or DevTools in a packaged build', async () => {
    const shell = await boot({ packaged: true })
    expect(roles(submenu(applicationMenu(shell), 'Widok'))).not.toContain('toggleDevTools')
    expect(roles(submenu(applicationMenu(shell), 'Widok'))).not.toContain('reload')
  })

  it('Otwórz folder danych opens the data folder', async () => {
    const shell = await boot()
    item(applicationMenu(shell), 'Plik', 'Otwórz folder danych').click?.()
    expect(shell.electron.shell.openedPaths).toEqual([shell.folder])
  })

  it('Dziennik zdarzeń opens the folder of the log', async () => {
    const shell = await boot()
    item(applicationMenu(shell), 'Pomoc', 'Dziennik zdarzeń').click?.()
    expect(shell.electron.shell.openedPaths).toEqual([join(shell.folder, 'logs')])
  })

  it('O programie shows the version, Electron, Chromium and Node versions and the data folder', async () => {
    const shell = await boot()
    item(applicationMenu(shell), 'Pomoc', 'O programie').click?.()
    expect(shell.electron.dialog.messageBoxes).toEqual([
      {
        type: 'info',
        title: 'O programie KSeF Desk',
        message: 'KSeF Desk',
        detail: [
          'Wersja 0.1.0',
          'Electron 45.4.1',
          'Chromium 142.0.7444.59',
          'Node.js 22.20.0',
          `Folder danych: ${shell.folder}`,
        ].join('\n'),
        buttons: ['OK'],
      },
    ])
  })

  it('About in English once the language is English', async () => {
    const shell = await boot()
    await shell.invoke('preferences:update', { language: 'en' })
    item(applicationMenu(shell), 'Help', 'About').click?.()
    expect(shell.electron.dialog.messageBoxes[0]).toMatchObject({
      title: 'About KSeF Desk',
      detail: expect.stringContaining(`Data folder: ${shell.folder}`) as unknown,
    })
  })
})
