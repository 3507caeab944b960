import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron'
import type { SavedFile } from '../../shared/domain/ksef-certificates'
import type { Language } from '../../shared/domain/preferences'
import type { FileSaver, FileToSave } from '../files/file-saver'
import { FolderFileSaver } from '../files/folder-file-saver'

const titles: Record<Language, (names: string) => string> = {
  pl: (names) => `Wybierz folder, w którym zapisać: ${names}`,
  en: (names) => `Choose the folder to save ${names} in`,
}
const buttons: Record<Language, string> = { pl: 'Zapisz tutaj', en: 'Save here' }

/**
 * The desktop's file-saving port: the system dialog chooses one folder for the files of an
 * export (a .crt and its .key belong together), and main writes them there itself.
 */
export class DialogFileSaver implements FileSaver {
  constructor(
    private readonly window: () => BrowserWindow | undefined,
    private readonly language: () => Language,
  ) {}

  async save(files: readonly FileToSave[]): Promise<SavedFile[]> {
    const language = this.language()
    const options: OpenDialogOptions = {
      title: titles[language](files.map((file) => file.name).join(', ')),
      buttonLabel: buttons[language],
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    }
    const owner = this.window()
    const chosen =
      owner && !owner.isDestroyed()
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options)
    const folder = chosen.canceled ? undefined : chosen.filePaths[0]
    if (!folder) return files.map((file) => ({ name: file.name, saved: false, location: null }))
    return new FolderFileSaver(folder).save(files)
  }
}
