// Every command group of ksef-desk, in the order help lists them. A new group: one file in this
// folder exporting its CliCommand list, one line here.
import { authCommands } from './auth'
import { certificateCommands } from './certificates'
import type { CliCommand } from './command'
import { fileCommands } from './files'
import { qrCommands } from './qr'

export const commands: readonly CliCommand[] = [
  ...fileCommands,
  ...authCommands,
  ...certificateCommands,
  ...qrCommands,
]
