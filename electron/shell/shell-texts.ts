import type { Language } from '../../shared/domain/preferences'

// The words of the shell itself (menu, About box, a failed start), in the app's two languages.
// The renderer's words live in its i18n files; main has no i18next, so these few are kept here.

export interface ShellTexts {
  file: string
  openDataFolder: string
  quit: string
  edit: string
  undo: string
  redo: string
  cut: string
  copy: string
  paste: string
  selectAll: string
  view: string
  zoomIn: string
  zoomOut: string
  resetZoom: string
  fullScreen: string
  reload: string
  devTools: string
  help: string
  eventLog: string
  about: string
  aboutTitle: string
  ok: string
  version: string
  dataFolder: string
}

export const shellTexts: Record<Language, ShellTexts> = {
  pl: {
    file: 'Plik',
    openDataFolder: 'Otwórz folder danych',
    quit: 'Zakończ',
    edit: 'Edycja',
    undo: 'Cofnij',
    redo: 'Ponów',
    cut: 'Wytnij',
    copy: 'Kopiuj',
    paste: 'Wklej',
    selectAll: 'Zaznacz wszystko',
    view: 'Widok',
    zoomIn: 'Powiększ',
    zoomOut: 'Pomniejsz',
    resetZoom: 'Rzeczywisty rozmiar',
    fullScreen: 'Pełny ekran',
    reload: 'Odśwież',
    devTools: 'Narzędzia deweloperskie',
    help: 'Pomoc',
    eventLog: 'Dziennik zdarzeń',
    about: 'O programie',
    aboutTitle: 'O programie KSeF Desk',
    ok: 'OK',
    version: 'Wersja',
    dataFolder: 'Folder danych',
  },
  en: {
    file: 'File',
    openDataFolder: 'Open data folder',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetZoom: 'Actual size',
    fullScreen: 'Full screen',
    reload: 'Reload',
    devTools: 'Developer tools',
    help: 'Help',
    eventLog: 'Event log',
    about: 'About',
    aboutTitle: 'About KSeF Desk',
    ok: 'OK',
    version: 'Version',
    dataFolder: 'Data folder',
  },
}

/**
 * Said before the language preference can be read (the settings are not open yet), so in both
 * languages; the error's code and message follow for a support request.
 */
export function startFailureText(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null
  const message = error instanceof Error ? error.message : String(error)
  const reason =
    code === 'DATA_FOLDER_IN_USE'
      ? 'Folder danych jest używany przez inny proces KSeF Desk (aplikację lub wiersz poleceń). Zamknij go i uruchom program ponownie.\nThe data folder is in use by another KSeF Desk process. Close it and start the app again.'
      : 'Nie udało się uruchomić KSeF Desk.\nKSeF Desk failed to start.'
  return `${reason}\n\n${typeof code === 'string' ? `${code}: ` : ''}${message}`
}
