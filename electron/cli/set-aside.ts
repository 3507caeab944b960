// `data-folder set-aside`: the user's explicit choice for a data file that does not open. No
// other command moves one: they stop with its error and point here.
import { PassphraseSealer } from '../vault/passphrase-sealer'
import { setAsideUnopenedFiles } from '../vault/set-aside'
import type { CliCommand } from './command'
import {
  assertPassphraseSealed,
  dataFolderOf,
  dataFolderOptions,
  dataFolderUsage,
  passphraseOf,
} from './data-folder'

const setAside: CliCommand = {
  path: ['data-folder', 'set-aside'],
  summary: 'rename aside the settings or secrets file that does not open, to start afresh',
  usage: dataFolderUsage,
  help:
    'When a command stops because settings.json or secrets.sealed does not open (SETTINGS_CORRUPT,\n' +
    'SECRETS_LOCKED, SECRETS_CORRUPT, SECRETS_EMPTY, SECRETS_KDF_TOO_COSTLY), this renames that file\n' +
    'to NAME.corrupt-TIME beside it (kept, never deleted); the next command starts with it empty.\n' +
    'A file that opens with KSEF_DESK_PASSPHRASE is left alone.',
  options: dataFolderOptions,
  positionals: { min: 0, max: 0 },
  async run({ values }, io) {
    const folder = dataFolderOf(values, io)
    const passphrase = passphraseOf(io)
    assertPassphraseSealed(folder)
    const moved = await setAsideUnopenedFiles(
      folder,
      new PassphraseSealer(passphrase, io.keyDerivation),
      io.clock,
    )
    const lines = [
      ...(moved.settings ? [`settings file set aside: ${moved.settings}`] : []),
      ...(moved.secrets ? [`secrets file set aside: ${moved.secrets}`] : []),
    ]
    return {
      text:
        lines.length > 0
          ? lines.join('\n')
          : 'Every file of the data folder opens; nothing was moved.',
      json: { settingsMovedTo: moved.settings ?? null, secretsMovedTo: moved.secrets ?? null },
    }
  },
}

export const dataFolderCommands: CliCommand[] = [setAside]
