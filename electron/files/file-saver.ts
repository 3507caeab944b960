import type { SavedFile } from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'

/** A file main hands out: a key, a certificate, a QR code. Its bytes never reach the page. */
export interface FileToSave {
  /** A bare file name, no folders (see fileNameStem). */
  name: string
  bytes: Uint8Array
  /** Unix permissions of the new file: 0o600 for a private key. */
  mode?: number
}

/**
 * The file-saving port: where the files of one export go is the platform's choice — the system's
 * save dialog (desktop), a folder given up front (CLI `--out DIR`), a download the page is offered
 * (sandbox). The files go together: one choice of place for all of them, answered in their order.
 */
export interface FileSaver {
  save(files: readonly FileToSave[]): Promise<SavedFile[]>
}

/** For a composition root that has no place to save files: says so instead of writing anywhere. */
export const noFileSaver: FileSaver = {
  save: () =>
    Promise.reject(
      new AppError(
        'FILE_DESTINATION_MISSING',
        'This way of running the app has no place to save files.',
      ),
    ),
}
