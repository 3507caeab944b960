import type { SavedFile } from '../../shared/domain/ksef-certificates'
import type { Language } from '../../shared/domain/preferences'
import type { FileSaver, FileToSave } from '../files/file-saver'
import { FolderFileSaver } from '../files/folder-file-saver'
import type { OpenDialog, ShellDialog, ShellWindow } from './shell-electron'

const titles: Record<Language, (names: string) => string> = {
  pl: (names) => `Wybierz folder, w którym zapisać: ${names}`,
  en: (names) => `Choose the folder to save ${names} in`,
}
const buttons: Record<Language, string> = { pl: 'Zapisz tutaj', en: 'Save here' }

/**
 * The desktop's file-saving port: the system dialog chooses one folder for the files of an
 * export (a .crt and its .key belong together), and main writes them there itself.
 */
export class DialogFileSaver<W extends ShellWindow> implements FileSaver {
  constructor(
    private readonly dialog: ShellDialog<W>,
    private readonly window: () => W | undefined,
    private readonly language: () => Language,
  ) {}

  async save(files: readonly FileToSave[]): Promise<SavedFile[]> {
    const language = this.language()
    const options: OpenDialog = {
      title: titles[language](files.map((file) => file.name).join(', ')),
      buttonLabel: buttons[language],
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    }
    const owner = this.window()
    const chosen =
      owner && !owner.isDestroyed()
        ? await this.dialog.showOpenDialog(owner, options)
        : await this.dialog.showOpenDialog(options)
    const folder = chosen.canceled ? undefined : chosen.filePaths[0]
    if (!folder) return files.map((file) => ({ name: file.name, saved: false, location: null }))
    return new FolderFileSaver(folder).save(files)
  }
}
